import { useState } from 'react';
import type { UserView } from '../../shared/api.ts';
import { compareVietnameseNames } from '../../shared/names.ts';
import type { Query } from '../api/useApiQuery.ts';
import { useI18n } from '../i18n.tsx';
import { ErrorText } from '../ui/ErrorText.tsx';
import { Loading } from '../ui/Loading.tsx';
import { Section } from '../ui/Section.tsx';
import { AccountRow } from './AccountRow.tsx';
import { CreateAccountForm } from './CreateAccountForm.tsx';

export function AccountsSection({ users }: { users: Query<UserView[]> }) {
  const { t } = useI18n();
  const [creating, setCreating] = useState(false);
  const sorted = users.data ? [...users.data].sort((a, b) => compareVietnameseNames(a.fullName, b.fullName)) : [];

  return (
    <Section
      title={t('admin.accounts', { count: sorted.length })}
      testId="accounts"
      actions={
        !creating && (
          <button type="button" className="primary-button" data-testid="create-account" onClick={() => setCreating(true)}>
            {t('admin.createAccount')}
          </button>
        )
      }
    >
      {creating && <CreateAccountForm onCreated={users.reload} onClose={() => setCreating(false)} />}
      <ErrorText error={users.error} />
      {users.loading && !users.data && <Loading />}
      <ul className="account-list">
        {sorted.map((user) => (
          <AccountRow key={user.id} user={user} onChanged={users.reload} />
        ))}
      </ul>
    </Section>
  );
}
