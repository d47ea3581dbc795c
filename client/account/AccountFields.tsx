import { useState } from 'react';
import { useI18n } from '../i18n.tsx';
import { TextField } from '../ui/TextField.tsx';
import { generatePassword } from '../../shared/passwords.ts';

/**
 * Whose account a form is about. `own`: the person's own (first run, their account page): the browser may fill
 * it in and remember it, and a password is hidden as it is typed. `other`: an account made or reset for someone
 * else, whose password is read out or handed over: shown as typed, and never filled from the person's own.
 */
export type Whose = 'own' | 'other';

interface FieldProps {
  value: string;
  onChange(value: string): void;
  testId: string;
  invalid?: boolean | undefined;
}

export function FullNameField({ whose, ...props }: FieldProps & { whose: Whose }) {
  const { t } = useI18n();
  return (
    <TextField
      {...props}
      label={t('account.fullName')}
      autoComplete={whose === 'own' ? 'name' : 'off'}
      maxLength={120}
      required
    />
  );
}

/** `hint`: the rules for a new username; signing in needs none. */
export function UsernameField({ whose, hint = true, ...props }: FieldProps & { whose: Whose; hint?: boolean }) {
  const { t } = useI18n();
  return (
    <TextField
      {...props}
      label={t('account.username')}
      hint={hint ? t('account.usernameHint') : undefined}
      autoComplete={whose === 'own' ? 'username' : 'off'}
      autoCapitalize="none"
      spellCheck={false}
      required
    />
  );
}

/** The password one signs in with, or confirms a change with. */
export function CurrentPasswordField({ label, ...props }: FieldProps & { label?: string }) {
  const { t } = useI18n();
  return (
    <TextField {...props} label={label ?? t('account.password')} type="password" autoComplete="current-password" required />
  );
}

interface NewPasswordProps extends FieldProps {
  whose: Whose;
  label?: string;
  /** May be left empty, for the server to generate one and show it once. */
  optional?: boolean;
}

/**
 * A new password, typed or generated on this device. One's own is hidden as it is typed, and shown once
 * generated, so that it can be written down.
 */
export function NewPasswordField({ whose, label, optional = false, onChange, testId, ...props }: NewPasswordProps) {
  const { t } = useI18n();
  const [generated, setGenerated] = useState(false);
  return (
    <TextField
      {...props}
      testId={testId}
      onChange={onChange}
      label={label ?? (optional ? t('account.passwordOptional') : t('account.password'))}
      hint={optional ? t('account.passwordGeneratedHint') : t('account.passwordHint')}
      type={whose === 'other' || generated ? 'text' : 'password'}
      autoComplete="new-password"
      autoCapitalize="none"
      spellCheck={false}
      minLength={8}
      maxLength={200}
      required={!optional}
      beside={
        <button
          type="button"
          className="secondary-button"
          data-testid={`${testId}-generate`}
          onClick={() => {
            setGenerated(true);
            onChange(generatePassword());
          }}
        >
          {t('account.generate')}
        </button>
      }
    />
  );
}

export interface NewAccount {
  fullName: string;
  username: string;
  password: string;
}

export const EMPTY_ACCOUNT: NewAccount = { fullName: '', username: '', password: '' };

/** What the API takes for a new account: an empty password is left out, for the server to generate one. */
export function newAccountRequest({ fullName, username, password }: NewAccount) {
  return { fullName, username, ...(password ? { password } : {}) };
}

interface Props {
  value: NewAccount;
  onChange(value: NewAccount): void;
  whose: Whose;
  /** The inputs' test ids: `<prefix>-full-name`, `<prefix>-username`, `<prefix>-password`. */
  testIdPrefix: string;
  /** The field the server refused (`username`, or `newUser.username`), marked for the person to find. */
  invalidField?: string | undefined;
}

/**
 * A new account's full name, username and password: the first administrator's own (password required), or
 * one made for someone else (password optional: the server generates one).
 */
export function AccountFields({ value, onChange, whose, testIdPrefix, invalidField }: Props) {
  const field = <K extends keyof NewAccount>(key: K) => ({
    value: value[key],
    onChange: (next: string) => onChange({ ...value, [key]: next }),
    invalid: invalidField !== undefined && (invalidField === key || invalidField.endsWith(`.${key}`)),
  });
  return (
    <>
      <FullNameField {...field('fullName')} whose={whose} testId={`${testIdPrefix}-full-name`} />
      <UsernameField {...field('username')} whose={whose} testId={`${testIdPrefix}-username`} />
      <NewPasswordField
        {...field('password')}
        whose={whose}
        optional={whose === 'other'}
        testId={`${testIdPrefix}-password`}
      />
    </>
  );
}
