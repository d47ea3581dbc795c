import { useState, type FormEvent } from 'react';
import type { CreatedUser } from '../../shared/api.ts';
import { AccountFields, EMPTY_ACCOUNT, newAccountRequest } from '../account/AccountFields.tsx';
import { CreatedAccount } from '../account/CreatedAccount.tsx';
import { api } from '../api/http.ts';
import { useCommand } from '../api/useCommand.ts';
import { useI18n } from '../i18n.tsx';
import { Form } from '../ui/Form.tsx';
import { FormFooter } from '../ui/FormFooter.tsx';

interface Props {
  onCreated(): void;
  onClose(): void;
}

/** A new account with a typed password, or none typed so that the server generates one (shown here once). */
export function CreateAccountForm({ onCreated, onClose }: Props) {
  const { t } = useI18n();
  const [account, setAccount] = useState(EMPTY_ACCOUNT);
  const [isAdmin, setIsAdmin] = useState(false);
  const [created, setCreated] = useState<CreatedUser | null>(null);
  const command = useCommand();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await command.run(() => api.post<CreatedUser>('/api/users', { ...newAccountRequest(account), isAdmin }));
    if (!result) return;
    setCreated(result);
    setAccount(EMPTY_ACCOUNT);
    setIsAdmin(false);
    onCreated();
  };

  return (
    <Form className="sub-form" onSubmit={submit} data-testid="create-account-form">
      {created && (
        <CreatedAccount
          testId="account-created"
          message={t('admin.created', { name: created.user.fullName, username: created.user.username })}
          password={created.password}
        />
      )}
      <div className="form-grid">
        <AccountFields
          value={account}
          onChange={setAccount}
          whose="other"
          testIdPrefix="account"
          invalidField={command.error?.field}
        />
      </div>
      <label className="check-field">
        <input type="checkbox" data-testid="account-admin" checked={isAdmin} onChange={(e) => setIsAdmin(e.target.checked)} />
        <span>{t('admin.makeAdminOnCreate')}</span>
      </label>
      <FormFooter
        command={command}
        submitLabel={t('admin.createAccount')}
        submitTestId="account-submit"
        onCancel={onClose}
        cancelLabel={t('common.close')}
      />
    </Form>
  );
}
