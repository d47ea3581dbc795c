import { useSyncExternalStore } from 'react';

/** The pages of the app. A router library would be more than these two paths need. */
export type Route =
  | { page: 'home' }
  | { page: 'document'; documentId: string }
  | { page: 'notFound' };

const DOCUMENT_PREFIX = '/d/';

export function parseRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '') return { page: 'home' };
  if (pathname.startsWith(DOCUMENT_PREFIX)) {
    const raw = pathname.slice(DOCUMENT_PREFIX.length).replace(/\/$/, '');
    // A malformed escape (`/d/%E0`) is a bad id, not a crash; the document page shows the error.
    let documentId: string;
    try {
      documentId = decodeURIComponent(raw);
    } catch {
      documentId = raw;
    }
    return { page: 'document', documentId };
  }
  return { page: 'notFound' };
}

export function documentPath(documentId: string): string {
  return DOCUMENT_PREFIX + encodeURIComponent(documentId);
}

const NAVIGATE_EVENT = 'quorum:navigate';

export function navigate(path: string): void {
  if (path === location.pathname) return;
  history.pushState(null, '', path);
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

export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => location.pathname);
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

/** 10 url-safe characters: 60 bits, enough that two people never pick the same id by chance. */
export function newDocumentId(length = 10): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  let id = '';
  for (const byte of bytes) id += ID_ALPHABET[byte % ID_ALPHABET.length];
  return id;
}
