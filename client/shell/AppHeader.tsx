import { useI18n } from '../i18n.tsx';
import { LanguageSwitcher } from '../LanguageSwitcher.tsx';
import { ACCOUNT_PATH } from '../routes.ts';
import { useSession } from '../session/SessionProvider.tsx';
import { Link } from '../ui/Link.tsx';

/**
 * The bar on every page: home, administration for administrators, who is signed in (a link to their account),
 * sign out, language.
 */
export function AppHeader() {
  const { t } = useI18n();
  const { state, signOut } = useSession();
  const session = state.status === 'signedIn' ? state.session : null;

  return (
    <header className="app-header">
      <nav className="app-nav" aria-label={t('nav.label')}>
        <Link href="/" className="brand" aria-label={t('nav.home')}>
          {t('app.name')}
        </Link>
        {session && (
          <Link href="/" className="nav-link" data-testid="nav-meetings">
            {t('nav.meetings')}
          </Link>
        )}
        {session?.permissions.manageAccounts && (
          <Link href="/admin" className="nav-link" data-testid="nav-admin">
            {t('nav.admin')}
          </Link>
        )}
      </nav>
      <div className="app-header-end">
        {session && (
          <div className="user-menu">
            <Link
              href={ACCOUNT_PATH}
              className="user-name"
              data-testid="current-user"
              title={t('nav.account', { username: session.user.username })}
            >
              {session.user.fullName}
            </Link>
            <button
              type="button"
              className="header-button"
              data-testid="sign-out"
              title={session.user.fullName}
              onClick={() => void signOut()}
            >
              {t('nav.signOut')}
            </button>
          </div>
        )}
        <LanguageSwitcher />
      </div>
    </header>
  );
}
