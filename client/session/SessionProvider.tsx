import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { SessionView } from '../../shared/api.ts';
import { api, ApiRequestError, onUnauthenticated } from '../api/http.ts';
import { forgetAll, recall, remember } from '../api/offlineCache.ts';
import { forgetPrefetched, takePrefetched } from '../api/prefetch.ts';
import { forgetLocalCopies } from '../document/localCopies.ts';

const SESSION_PATH = '/api/session';

export type SessionState =
  | { status: 'loading' }
  /** Could not ask the server (network, server down): not the same as "signed out". */
  | { status: 'unreachable'; error: ApiRequestError }
  /** `remember`: the session was lost, not ended, so sign-in should lead back to the page the person was on. */
  | { status: 'signedOut'; remember: boolean }
  | { status: 'signedIn'; session: SessionView };

interface SessionContext {
  state: SessionState;
  /** Asks the server who this browser is (after sign-in, setup, or a change to one's own account). */
  refresh(): Promise<void>;
  /** Sign-in answered with the session: no need to ask again. */
  signedIn(session: SessionView): void;
  signOut(): Promise<void>;
}

const Context = createContext<SessionContext | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  // A device that knows its session opens the page at once with it, while the server is asked: a reload on the hall's
  // Wi-Fi does not wait a round trip to show what the device already holds (benchmark 4). The server's answer then
  // decides: another person, signed out (401, and everything remembered is forgotten), or the same person.
  const [state, setState] = useState<SessionState>(() => {
    const known = recall<SessionView>(SESSION_PATH);
    return known ? { status: 'signedIn', session: known } : { status: 'loading' };
  });

  const refresh = useCallback(async () => {
    try {
      const session = await (takePrefetched<SessionView>(SESSION_PATH) ?? api.get<SessionView>(SESSION_PATH));
      // Someone else than this device last knew (or nobody): what was asked for early was asked for them.
      if (recall<SessionView>(SESSION_PATH)?.user.id !== session.user.id) forgetPrefetched();
      remember(SESSION_PATH, session);
      setState({ status: 'signedIn', session });
    } catch (error) {
      if (!(error instanceof ApiRequestError)) throw error;
      // Offline: the person signed in on this device before; let them reach what it kept (the server still
      // checks the session when the network returns).
      const cached = error.status === 0 ? recall<SessionView>(SESSION_PATH) : undefined;
      if (error.status === 401) setState({ status: 'signedOut', remember: true });
      else if (cached) setState({ status: 'signedIn', session: cached });
      else setState({ status: 'unreachable', error });
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // Any request (or sync socket) told that the session is gone: expired, signed out elsewhere, account disabled.
  useEffect(
    () =>
      onUnauthenticated(() => {
        forgetAll();
        setState({ status: 'signedOut', remember: true });
      }),
    [],
  );

  const signOut = useCallback(async () => {
    let reachedServer = true;
    try {
      await api.delete('/api/session');
    } catch (error) {
      // Already gone on the server, or unreachable: either way this browser is signed out now.
      reachedServer = !(error instanceof ApiRequestError) || error.status !== 0;
    }
    forgetAll();
    forgetPrefetched();
    setState({ status: 'signedOut', remember: false });
    // Online, everything typed has reached the server, so the device's copies can go. Offline they may hold the
    // only copy of the last edits: they stay until the next sign-out with a network.
    if (reachedServer) await forgetLocalCopies();
  }, []);

  const signedIn = useCallback((session: SessionView) => {
    remember(SESSION_PATH, session);
    forgetPrefetched();
    setState({ status: 'signedIn', session });
  }, []);

  const value = useMemo(() => ({ state, refresh, signedIn, signOut }), [state, refresh, signedIn, signOut]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useSession(): SessionContext {
  const value = useContext(Context);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** For pages that render only when signed in (the app shows sign-in otherwise). */
export function useSignedIn(): SessionView {
  const { state } = useSession();
  if (state.status !== 'signedIn') throw new Error('useSignedIn on a page shown while signed out');
  return state.session;
}
