import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/app.ts';
import { ensureClientBuilt } from '../../server/build-client.ts';
import { testConfig } from '../../server/config.ts';
import { databaseFor } from '../helpers/database.ts';
import { setupAdmin, seedMeeting } from '../helpers/api.ts';
import { serversForEachTest } from '../helpers/servers.ts';

const server = serversForEachTest();

/** The directives of a Content-Security-Policy header, by name. */
function directives(header: string | null): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name, values.join(' '));
  }
  return map;
}

/** `scriptSrc`: with the built client, its page's inline script is allowed by its hash too. */
function expectAppHeaders(res: Response, what: string, scriptSrc = "'self'"): void {
  const csp = directives(res.headers.get('content-security-policy'));
  expect(Object.fromEntries(csp), what).toEqual({
    'default-src': "'self'",
    'script-src': scriptSrc,
    'script-src-attr': "'none'",
    'style-src': "'self' 'unsafe-inline'",
    'img-src': "'self' data:",
    'font-src': "'self'",
    'connect-src': "'self'",
    'object-src': "'none'",
    'base-uri': "'self'",
    'form-action': "'self'",
    'frame-ancestors': "'none'",
  });
  expect(res.headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(res.headers.get('referrer-policy'), what).toBe('same-origin');
  expect(res.headers.get('x-frame-options'), what).toBe('DENY');
  // Plain HTTP on a hall's network must keep working: no HSTS, nothing that upgrades requests to HTTPS.
  expect(res.headers.get('strict-transport-security'), what).toBeNull();
  expect(res.headers.get('x-powered-by'), what).toBeNull();
}

describe('security headers', () => {
  let withClient: (RunningServer & { dataDir: string }) | null = null;
  afterEach(async () => {
    await withClient?.close();
    if (withClient) fs.rmSync(withClient.dataDir, { recursive: true, force: true });
    withClient = null;
  });

  it('[SEC1] every response carries the app’s CSP, nosniff, a referrer policy and frame denial: pages, assets, the service worker, API answers and errors', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-headers-'));
    const started = await startServer(testConfig(await databaseFor(dataDir)), { clientDir: await ensureClientBuilt() });
    withClient = Object.assign(started, { dataDir });
    const { url } = started;
    // With an account, so that the page holds the sign-in form (CD6).
    await setupAdmin(url);
    const page = await fetch(`${url}/m/abc`);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    // The built page runs one script inline, the sign-in form's until the app starts (CD6): allowed by its hash.
    const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((match) => match[1]!);
    expect(inline).toHaveLength(1);
    const scriptSrc = `'self' 'sha256-${createHash('sha256').update(inline[0]!, 'utf8').digest('base64')}'`;
    expectAppHeaders(page, 'a page', scriptSrc);
    expect(html).not.toMatch(/\son\w+=/);
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    for (const [what, address] of [
      ['a script', asset!],
      ['the service worker', '/sw.js'],
      ['an API answer', '/api/setup'],
      ['an API error', '/api/meetings'],
      ['the health check', '/healthz'],
      ['a missing file', '/missing.js'],
    ] as const) {
      expectAppHeaders(await fetch(`${url}${address}`), what, scriptSrc);
    }
    expectAppHeaders(await fetch(`${url}/api/setup`, { method: 'POST', headers: { origin: 'http://evil.example' } }), 'a refusal', scriptSrc);
  });

  it('[SEC1] HSTS only on responses to HTTPS, as a trusted TLS proxy reports it', async () => {
    const { url } = await server({ TRUST_PROXY: 'true' });
    const viaTls = await fetch(`${url}/api/setup`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(viaTls.headers.get('strict-transport-security')).toBe('max-age=15552000');
    expect((await fetch(`${url}/api/setup`)).headers.get('strict-transport-security')).toBeNull();
    const untrusted = await server();
    expect((await fetch(`${untrusted.url}/api/setup`, { headers: { 'x-forwarded-proto': 'https' } })).headers.get('strict-transport-security')).toBeNull();
  });

  it('[SEC2] the print view is sent with its own CSP, which allows its inline stylesheet and print script by hash and nothing else', async () => {
    const { url } = await server();
    const admin = await setupAdmin(url);
    const { documentId } = await seedMeeting(admin, { document: 'NQ' });
    const res = await fetch(`${url}/api/documents/${documentId}/print`, { headers: { cookie: admin.cookie! } });
    expect(res.status).toBe(200);
    const html = await res.text();
    const csp = directives(res.headers.get('content-security-policy'));
    const hash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    // A draft's page has two stylesheets: the page's, and the draft mark's on the first printed page (X6).
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => hash(m[1] ?? ''));
    expect(styles).toHaveLength(2);
    expect(csp.get('default-src')).toBe("'none'");
    expect(csp.get('script-src')).toBe(hash(script));
    expect(csp.get('style-src')?.split(' ')).toEqual(styles);
    expect(csp.get('frame-ancestors')).toBe("'none'");
    expect(res.headers.get('content-security-policy')).not.toContain('unsafe-inline');
    expect(html).not.toMatch(/\son\w+=/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
