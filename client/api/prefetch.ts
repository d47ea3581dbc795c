import { api } from './http.ts';

/**
 * GETs started before the component that needs them is on screen, typically while its chunk is still downloading
 * (client/lazy.tsx): that component's first query (useApiQuery) takes the answer instead of asking again. On the
 * hall's Wi-Fi a round trip is 150 ms or more, and a page that asks only once its code has arrived and run waits
 * for the code, then for the answer (docs/performance.md, benchmark 4).
 *
 * An answer not taken within a few seconds is dropped, so that nobody is shown one much older than their page; and
 * all are dropped when the person signing in changes (forgetPrefetched), since an answer depends on who asked: the
 * demo accounts asked for before the first run loaded the demo must not be what the sign-in page shows after it.
 */
const FRESH_MS = 10_000;
const early = new Map<string, Promise<unknown>>();

export function prefetch(path: string): void {
  if (early.has(path)) return;
  const answer = api.get<unknown>(path);
  // Whoever takes it handles a failure; one that nobody takes is not an error of the page.
  answer.catch(() => {});
  early.set(path, answer);
  setTimeout(() => {
    if (early.get(path) === answer) early.delete(path);
  }, FRESH_MS);
}

/** The answer to a GET of `path` already under way, once; undefined if there is none. */
export function takePrefetched<T>(path: string): Promise<T> | undefined {
  const answer = early.get(path);
  early.delete(path);
  return answer as Promise<T> | undefined;
}

/** Signed in, out or as someone else: answers asked for before are not this person's. */
export function forgetPrefetched(): void {
  early.clear();
}
