import type { UserView } from '../../shared/api.ts';
import { useApiQuery } from '../api/useApiQuery.ts';
import { useI18n } from '../i18n.tsx';
import { MessagePage } from '../MessagePage.tsx';
import { useSignedIn } from '../session/SessionProvider.tsx';
import { useDocumentTitle } from '../ui/useDocumentTitle.ts';
import { AccountsSection } from './AccountsSection.tsx';
import { TokensSection } from './TokensSection.tsx';

export function AdminPage() {
  const { t } = useI18n();
  const session = useSignedIn();
  // One list for both sections: an account created above can at once be given a token below.
  const users = useApiQuery<UserView[]>(session.permissions.manageAccounts ? '/api/users' : null);
  useDocumentTitle(t('admin.title'));
  if (!session.permissions.manageAccounts) {
    return <MessagePage testId="forbidden" title="admin.forbiddenTitle" body="admin.forbiddenBody" />;
  }
  return (
    <main className="page" data-testid="admin">
      <h1 className="page-title">{t('admin.title')}</h1>
      <AccountsSection users={users} />
      <TokensSection users={users.data} />
    </main>
  );
}
