import { useState, type FormEvent } from 'react';
import type { CreatedUser } from '../../shared/api.ts';
import { api } from '../api/http.ts';
import { useCommand } from '../api/useCommand.ts';
import { useI18n } from '../i18n.tsx';
import { ErrorText } from '../ui/ErrorText.tsx';
import { Field } from '../ui/Field.tsx';
import { OneTimeSecret } from '../ui/OneTimeSecret.tsx';

interface Props {
  onCreated(): void;
  onClose(): void;
}

/** A new account with a typed password, or none typed so that the server generates one (shown here once). */
export function CreateAccountForm({ onCreated, onClose }: Props) {
  const { t } = useI18n();
  const [fullName, setFullName] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [isAdmin, setIsAdmin] = useState(false);
  const [created, setCreated] = useState<CreatedUser | null>(null);
  const command = useCommand();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await command.run(() =>
      api.post<CreatedUser>('/api/users', { fullName, username, isAdmin, ...(password ? { password } : {}) }),
    );
    if (!result) return;
    setCreated(result);
    setFullName('');
    setUsername('');
    setPassword('');
    setIsAdmin(false);
    onCreated();
  };

  return (
    <form className="sub-form" onSubmit={submit} data-testid="create-account-form">
      {created && (
        <div className="success-box" data-testid="account-created">
          <p>{t('admin.created', { name: created.user.fullName, username: created.user.username })}</p>
          {created.password && (
            <OneTimeSecret label={t('account.generatedPassword')} value={created.password} testId="created-password" />
          )}
        </div>
      )}
      <div className="form-grid">
        <Field label={t('account.fullName')}>
          {(id) => (
            <input
              id={id}
              className="text-input"
              data-testid="account-full-name"
              value={fullName}
              required
              onChange={(event) => setFullName(event.target.value)}
            />
          )}
        </Field>
        <Field label={t('account.username')} hint={t('account.usernameHint')}>
          {(id) => (
            <input
              id={id}
              className="text-input"
              data-testid="account-username"
              value={username}
              autoCapitalize="none"
              spellCheck={false}
              autoComplete="off"
              required
              onChange={(event) => setUsername(event.target.value)}
            />
          )}
        </Field>
        <Field label={t('account.passwordOptional')} hint={t('account.passwordGeneratedHint')}>
          {(id) => (
            <input
              id={id}
              type="text"
              className="text-input"
              data-testid="account-password"
              value={password}
              autoComplete="new-password"
              minLength={8}
              onChange={(event) => setPassword(event.target.value)}
            />
          )}
        </Field>
      </div>
      <label className="check-field">
        <input type="checkbox" data-testid="account-admin" checked={isAdmin} onChange={(e) => setIsAdmin(e.target.checked)} />
        <span>{t('admin.makeAdminOnCreate')}</span>
      </label>
      <ErrorText error={command.error} />
      <div className="form-actions">
        <button type="submit" className="primary-button" data-testid="account-submit" disabled={command.pending}>
          {t('admin.createAccount')}
        </button>
        <button type="button" className="secondary-button" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </form>
  );
}
