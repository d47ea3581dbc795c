/**
 * Where the app may go after signing in: a path on this site, never another one. `//evil.example`, `/\evil.example`
 * and `/\t/evil.example` are all addresses of another site to a browser (it reads `\` as `/` and drops tabs and
 * line breaks), so the address is resolved the way the browser will resolve it and kept only if it stays here.
 * Anything else, including `javascript:` and absolute addresses, goes to the home page.
 */
const HERE = 'http://quorum.invalid';

export function safeNext(raw: string | null | undefined): string {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return '/';
  let url: URL;
  try {
    url = new URL(raw, HERE);
  } catch {
    return '/';
  }
  if (url.origin !== HERE) return '/';
  return url.pathname + url.search + url.hash;
}
