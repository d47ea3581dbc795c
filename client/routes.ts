import { useSyncExternalStore } from 'react';
import { safeNext } from './auth/next.ts';

/** The pages of the app. A router library would be more than these few paths need. */
export type Route =
  | { page: 'meetings' }
  | { page: 'signIn'; next: string }
  | { page: 'admin' }
  /** The signed-in person's own account: name, password, API tokens. */
  | { page: 'account' }
  | { page: 'room'; meetingId: string; documentId: string | null }
  | { page: 'settings'; meetingId: string }
  /** The meeting's audit record and the check of its hash chain (chair, secretary, administrators). */
  | { page: 'audit'; meetingId: string }
  /** The hall's projector: the meeting's live state in large type, read only (any member). */
  | { page: 'screen'; meetingId: string }
  /** The old bare document address: redirected to the document's meeting room. */
  | { page: 'document'; documentId: string }
  | { page: 'notFound' };

/** A malformed escape (`/d/%E0`) is a bad id, not a crash; the page that gets it shows the error. */
function decodeSegment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export function parseRoute(pathname: string, search = ''): Route {
  const parts = pathname.split('/').filter((part) => part !== '');
  const [first, second, third, fourth, ...rest] = parts;
  if (first === undefined) return { page: 'meetings' };
  if (first === 'signin' && parts.length === 1) {
    return { page: 'signIn', next: safeNext(new URLSearchParams(search).get('next')) };
  }
  if (first === 'admin' && parts.length === 1) return { page: 'admin' };
  if (first === 'account' && parts.length === 1) return { page: 'account' };
  if (first === 'd' && second !== undefined && parts.length === 2) {
    return { page: 'document', documentId: decodeSegment(second) };
  }
  if (first === 'm' && second !== undefined && rest.length === 0) {
    const meetingId = decodeSegment(second);
    if (third === undefined) return { page: 'room', meetingId, documentId: null };
    if (third === 'settings' && fourth === undefined) return { page: 'settings', meetingId };
    if (third === 'audit' && fourth === undefined) return { page: 'audit', meetingId };
    if (third === 'screen' && fourth === undefined) return { page: 'screen', meetingId };
    if (third === 'd' && fourth !== undefined) return { page: 'room', meetingId, documentId: decodeSegment(fourth) };
  }
  return { page: 'notFound' };
}

export const ACCOUNT_PATH = '/account';

export function documentPath(documentId: string): string {
  return `/d/${encodeURIComponent(documentId)}`;
}

export function meetingPath(meetingId: string, documentId?: string | null): string {
  const base = `/m/${encodeURIComponent(meetingId)}`;
  return documentId ? `${base}/d/${encodeURIComponent(documentId)}` : base;
}

export function settingsPath(meetingId: string): string {
  return `/m/${encodeURIComponent(meetingId)}/settings`;
}

export function auditPath(meetingId: string): string {
  return `/m/${encodeURIComponent(meetingId)}/audit`;
}

export function screenPath(meetingId: string): string {
  return `/m/${encodeURIComponent(meetingId)}/screen`;
}

export function signInPath(next: string): string {
  return next === '/' ? '/signin' : `/signin?next=${encodeURIComponent(next)}`;
}

const NAVIGATE_EVENT = 'quorum:navigate';

/** `replace` for redirects, so that Back does not return to a page that only sends you on again. */
export function navigate(path: string, { replace = false }: { replace?: boolean } = {}): void {
  if (path === location.pathname + location.search) return;
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

/** The current path with its query, as one string so that React compares it by value. */
export function useLocation(): { pathname: string; search: string } {
  const href = useSyncExternalStore(subscribe, () => location.pathname + location.search);
  const query = href.indexOf('?');
  return query === -1 ? { pathname: href, search: '' } : { pathname: href.slice(0, query), search: href.slice(query) };
}
