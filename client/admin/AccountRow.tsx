import { useState, type FormEvent } from 'react';
import type { UserView } from '../../shared/api.ts';
import { NewPasswordField } from '../account/AccountFields.tsx';
import { api, apiPath } from '../api/http.ts';
import { useCommand } from '../api/useCommand.ts';
import { useI18n } from '../i18n.tsx';
import { ACCOUNT_PATH } from '../routes.ts';
import { useSignedIn } from '../session/SessionProvider.tsx';
import { ErrorText } from '../ui/ErrorText.tsx';
import { Form } from '../ui/Form.tsx';
import { FormFooter } from '../ui/FormFooter.tsx';
import { Link } from '../ui/Link.tsx';
import { OneTimeSecret } from '../ui/OneTimeSecret.tsx';

interface Props {
  user: UserView;
  onChanged(): void;
}

export function AccountRow({ user, onChanged }: Props) {
  const { t } = useI18n();
  const session = useSignedIn();
  const command = useCommand();
  const [resetting, setResetting] = useState(false);
  const [newPassword, setNewPassword] = useState('');
  const [shownPassword, setShownPassword] = useState<string | null>(null);
  const isSelf = user.id === session.user.id;
  const path = apiPath`/api/users/${user.id}`;

  const update = async (change: { isAdmin?: boolean; disabled?: boolean; password?: string }) => {
    const result = await command.run(() => api.patch<UserView>(path, change));
    if (result) onChanged();
    return result;
  };
  const resetPassword = async (event: FormEvent) => {
    event.preventDefault();
    const password = newPassword;
    if (await update({ password })) {
      setShownPassword(password);
      setResetting(false);
      setNewPassword('');
    }
  };

  return (
    <li className="account-row" data-testid="account" data-username={user.username} data-disabled={user.disabled}>
      <div className="account-who">
        <span className="member-name">{user.fullName}</span>
        <code className="muted">{user.username}</code>
        {user.isAdmin && <span className="role-tag">{t('admin.isAdmin')}</span>}
        {user.disabled && <span className="attendance-chip" data-attendance="absent">{t('admin.isDisabled')}</span>}
        {user.isDemo && <span className="muted small">{t('admin.isDemo')}</span>}
      </div>
      <div className="account-actions">
        {isSelf ? (
          // One's own password is changed with the current one, on one's account page.
          <Link href={ACCOUNT_PATH} className="secondary-button" data-testid="own-account">
            {t('admin.ownAccount')}
          </Link>
        ) : (
          <button type="button" className="secondary-button" data-testid="reset-password" onClick={() => setResetting(true)}>
            {t('admin.resetPassword')}
          </button>
        )}
        <button
          type="button"
          className="secondary-button"
          data-testid="toggle-admin"
          // Taking away one's own administration would lock the person out of this page mid-task.
          disabled={command.pending || isSelf}
          onClick={() => void update({ isAdmin: !user.isAdmin })}
        >
          {user.isAdmin ? t('admin.revokeAdmin') : t('admin.makeAdmin')}
        </button>
        <button
          type="button"
          className={user.disabled ? 'secondary-button' : 'danger-button'}
          data-testid="toggle-disabled"
          disabled={command.pending || isSelf}
          onClick={() => void update({ disabled: !user.disabled })}
        >
          {user.disabled ? t('admin.enable') : t('admin.disable')}
        </button>
      </div>
      {resetting ? (
        <Form className="sub-form" onSubmit={resetPassword} data-testid="reset-password-form">
          <NewPasswordField
            whose="other"
            label={t('account.newPassword')}
            value={newPassword}
            onChange={setNewPassword}
            testId="new-password"
          />
          <FormFooter
            command={command}
            submitLabel={t('common.save')}
            submitTestId="reset-password-submit"
            onCancel={() => setResetting(false)}
          />
        </Form>
      ) : (
        <ErrorText error={command.error} />
      )}
      {shownPassword && <OneTimeSecret label={t('account.newPassword')} value={shownPassword} testId="reset-password-shown" />}
    </li>
  );
}
