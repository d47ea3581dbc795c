import { useEffect, useLayoutEffect } from 'react';
import { apiPath } from './api/http.ts';
import { recall } from './api/offlineCache.ts';
import { prefetch } from './api/prefetch.ts';
import { dropBoot } from './auth/boot.ts';
import { SignInPage } from './auth/SignInPage.tsx';
import { DocumentRedirect } from './document/DocumentRedirect.tsx';
import { useI18n } from './i18n.tsx';
// Loaded when opened: the first page is usable before their code arrives (SPEC CD3).
import { AccountPage, AdminPage, AuditPage, MeetingRoom, MeetingSettingsPage, preloadRoom, ProjectorScreen } from './lazy.tsx';
import { MeetingsPage } from './meetings/MeetingsPage.tsx';
import { MessagePage } from './MessagePage.tsx';
import { navigate, parseRoute, signInPath, useLocation, type Route } from './routes.ts';
import { useSession } from './session/SessionProvider.tsx';
import { AppHeader } from './shell/AppHeader.tsx';
import { Loading } from './ui/Loading.tsx';

export function App() {
  const { t } = useI18n();
  const { pathname, search } = useLocation();
  const route = parseRoute(pathname, search);
  const { state, refresh } = useSession();

  // Signed out (never signed in, session expired, signed out here or elsewhere): to sign-in, remembering the
  // page to come back to. Signed in on the sign-in page: on to that page.
  let redirect: string | null = null;
  if (state.status === 'signedOut' && route.page !== 'signIn') {
    redirect = state.remember ? signInPath(pathname + search) : signInPath('/');
  } else if (state.status === 'signedIn' && route.page === 'signIn') {
    redirect = route.next;
  }
  useEffect(() => {
    if (redirect !== null) navigate(redirect, { replace: true });
  }, [redirect]);
  // The sign-in form index.html may show (auth/boot.ts) stays until the app knows what to show instead: its own
  // sign-in form takes it over; anything else removes it.
  useLayoutEffect(() => {
    if (state.status !== 'loading' && state.status !== 'signedOut') dropBoot();
  }, [state.status]);

  let body;
  if (state.status === 'loading') body = <Loading />;
  else if (state.status === 'unreachable') {
    body = (
      <main className="centered" data-testid="unreachable">
        <div className="card">
          <h1 className="card-title">{t('error.unreachableTitle')}</h1>
          <p>{state.error.message}</p>
          <button type="button" className="primary-button" onClick={() => void refresh()}>
            {t('common.retry')}
          </button>
        </div>
      </main>
    );
  } else if (state.status === 'signedOut') body = <SignInPage />;
  else body = <SignedInPage route={route} />;

  // The projector view is the whole screen: no header, nothing to press (a hall sees it).
  const bare = route.page === 'screen' && state.status === 'signedIn';
  return (
    <div className="app">
      {!bare && <AppHeader />}
      {body}
    </div>
  );
}

function SignedInPage({ route }: { route: Route }) {
  switch (route.page) {
    case 'meetings':
      return <MeetingsPage />;
    case 'signIn':
      // Leaving for `next` (see the effect above).
      return <Loading />;
    case 'admin':
      return <AdminPage />;
    case 'account':
      return <AccountPage />;
    case 'room':
      return <MeetingRoom key={route.meetingId} meetingId={route.meetingId} documentId={route.documentId} />;
    case 'settings':
      return <MeetingSettingsPage key={route.meetingId} meetingId={route.meetingId} />;
    case 'audit':
      return <AuditPage key={route.meetingId} meetingId={route.meetingId} />;
    case 'screen':
      return <ProjectorScreen key={route.meetingId} meetingId={route.meetingId} />;
    case 'document':
      return <DocumentRedirect key={route.documentId} documentId={route.documentId} />;
    case 'notFound':
      return <MessagePage testId="not-found" title="notFound.title" body="notFound.body" />;
  }
}

/**
 * The first page's questions, asked as the code starts, before React has rendered anything (main.tsx): the session's
 * and, beside it, the sign-in page's when this device knows no session, else the meeting room's (with its code, from
 * the service worker). On the hall's Wi-Fi, with a phone's slow processor, rendering takes longer than a round trip:
 * the answers are in when the page asks for them (benchmark 4 in docs/performance.md).
 */
export function askEarly(): void {
  const first = parseRoute(location.pathname, location.search);
  prefetch('/api/session');
  if (recall('/api/session') === undefined) {
    prefetch('/api/setup');
    prefetch('/api/demo-accounts');
  } else if (first.page === 'room') {
    preloadRoom(first.documentId !== null);
    prefetch(apiPath`/api/meetings/${first.meetingId}`);
    if (first.documentId !== null) prefetch(apiPath`/api/documents/${first.documentId}`);
  } else if (first.page === 'screen') {
    // A projector reloaded (or switched on) mid-meeting: its code and its meeting, at once.
    void ProjectorScreen.load().catch(() => {});
    prefetch(apiPath`/api/meetings/${first.meetingId}`);
  }
}
