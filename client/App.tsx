import { useEffect } from 'react';
import { DocumentPage } from './document/DocumentPage.tsx';
import { HomePage } from './home/HomePage.tsx';
import { useI18n } from './i18n.tsx';
import { LanguageSwitcher } from './LanguageSwitcher.tsx';
import { MessagePage } from './MessagePage.tsx';
import { navigate, parseRoute, usePathname } from './routes.ts';

export function App() {
  const { t } = useI18n();
  const route = parseRoute(usePathname());

  const title = route.page === 'document' ? `${route.documentId} · ${t('app.name')}` : t('app.name');
  useEffect(() => {
    document.title = title;
  }, [title]);

  return (
    <div className="app">
      <header className="app-header">
        <a
          href="/"
          className="brand"
          aria-label={t('nav.home')}
          onClick={(event) => {
            event.preventDefault();
            navigate('/');
          }}
        >
          {t('app.name')}
        </a>
        <LanguageSwitcher />
      </header>
      {route.page === 'home' && <HomePage />}
      {route.page === 'document' && <DocumentPage key={route.documentId} documentId={route.documentId} />}
      {route.page === 'notFound' && <MessagePage testId="not-found" title="notFound.title" body="notFound.body" />}
    </div>
  );
}
