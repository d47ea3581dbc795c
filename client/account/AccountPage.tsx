import { useState, type FormEvent } from 'react';
import type { UserView } from '../../shared/api.ts';
import { api, apiPath } from '../api/http.ts';
import { useCommand } from '../api/useCommand.ts';
import { useI18n } from '../i18n.tsx';
import { useSession, useSignedIn } from '../session/SessionProvider.tsx';
import { Form } from '../ui/Form.tsx';
import { FormFooter } from '../ui/FormFooter.tsx';
import { Section } from '../ui/Section.tsx';
import { useDocumentTitle } from '../ui/useDocumentTitle.ts';
import { CurrentPasswordField, FullNameField, NewPasswordField } from './AccountFields.tsx';
import { TokenManager } from './TokenManager.tsx';

/** Everyone's own account: the name others see, the password (changed with the current one), API tokens. */
export function AccountPage() {
  const { t } = useI18n();
  const { user } = useSignedIn();
  useDocumentTitle(t('account.title'));
  return (
    <main className="page" data-testid="account-page">
      <h1 className="page-title">
        {t('account.title')}{' '}
        <span className="page-subtitle" data-testid="my-username">
          {t('account.signedInAs', { username: user.username })}
        </span>
      </h1>
      <NameSection user={user} />
      <PasswordSection userId={user.id} />
      <Section title={t('account.tokens')} testId="my-tokens">
        <p className="muted small">{t('account.tokensIntro')}</p>
        <TokenManager ownerId={user.id} />
      </Section>
    </main>
  );
}

function NameSection({ user }: { user: UserView }) {
  const { t } = useI18n();
  const session = useSignedIn();
  const { signedIn } = useSession();
  const [fullName, setFullName] = useState(user.fullName);
  const command = useCommand();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const updated = await command.run(() => api.patch<UserView>(apiPath`/api/users/${user.id}`, { fullName }));
    if (!updated) return;
    setFullName(updated.fullName);
    // The header, and the name on one's carets from the next connection on, follow at once.
    signedIn({ ...session, user: updated });
  };

  return (
    <Section title={t('account.name')} testId="my-name">
      <Form onSubmit={submit} data-testid="name-form">
        <FullNameField
          whose="own"
          value={fullName}
          onChange={command.edit(setFullName)}
          testId="my-full-name"
          invalid={command.error?.field === 'fullName'}
        />
        <FormFooter
          command={command}
          submitLabel={t('common.save')}
          submitTestId="my-full-name-save"
          done={{ text: t('common.saved'), testId: 'my-full-name-saved' }}
        />
      </Form>
    </Section>
  );
}

function PasswordSection({ userId }: { userId: string }) {
  const { t } = useI18n();
  const [currentPassword, setCurrentPassword] = useState('');
  const [password, setPassword] = useState('');
  const [keepTokens, setKeepTokens] = useState(false);
  const command = useCommand();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const updated = await command.run(() =>
      api.patch<UserView>(apiPath`/api/users/${userId}`, { password, currentPassword, keepTokens }),
    );
    if (!updated) return;
    setCurrentPassword('');
    setPassword('');
  };

  return (
    <Section title={t('account.changePassword')} testId="my-password">
      <Form onSubmit={submit} data-testid="password-form">
        <p className="muted small">{t('account.changePasswordIntro')}</p>
        <CurrentPasswordField
          label={t('account.currentPassword')}
          value={currentPassword}
          onChange={command.edit(setCurrentPassword)}
          testId="current-password"
          invalid={command.error?.field === 'currentPassword'}
        />
        <NewPasswordField
          whose="own"
          label={t('account.newPassword')}
          value={password}
          onChange={command.edit(setPassword)}
          testId="new-password"
          invalid={command.error?.field === 'password'}
        />
        <label className="check-field">
          <input type="checkbox" data-testid="keep-tokens" checked={keepTokens} onChange={(e) => setKeepTokens(e.target.checked)} />
          <span>{t('account.keepTokens')}</span>
        </label>
        <FormFooter
          command={command}
          submitLabel={t('account.changePassword')}
          submitTestId="change-password"
          done={{ text: t('account.passwordChanged'), testId: 'password-changed' }}
        />
      </Form>
    </Section>
  );
}
