import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/app.ts';
import { ensureClientBuilt } from '../../server/build-client.ts';
import { testConfig } from '../../server/config.ts';
import { databaseFor } from '../helpers/database.ts';

interface Raw {
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A request that says exactly which encodings it takes, and the body as it came over the wire. */
function get(url: string, acceptEncoding: string | null): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const headers = acceptEncoding === null ? {} : { 'accept-encoding': acceptEncoding };
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

describe('delivering the client', () => {
  let server: RunningServer;
  let clientDir: string;
  let dataDir: string;
  let script: string;
  let original: Buffer;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-delivery-'));
    clientDir = await ensureClientBuilt();
    server = await startServer(testConfig(await databaseFor(dataDir)), { clientDir });
    const html = (await get(`${server.url}/`, null)).body.toString('utf8');
    script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1] ?? '';
    original = fs.readFileSync(path.join(clientDir, script));
  });
  afterAll(async () => {
    await server.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('[CD1] the app’s script goes brotli-compressed to a browser that takes brotli, gzip to one that takes only gzip, plain to one that takes neither, each the same bytes unpacked', async () => {
    expect(script).toMatch(/^\/assets\/index-[\w-]+\.js$/);
    const br = await get(`${server.url}${script}`, 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(zlib.brotliDecompressSync(br.body).equals(original)).toBe(true);
    // A third of the bytes or less: what a phone on the hall's Wi-Fi waits for.
    expect(br.body.length).toBeLessThan(original.length / 3);

    const gz = await get(`${server.url}${script}`, 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.body).equals(original)).toBe(true);

    const plain = await get(`${server.url}${script}`, null);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(original)).toBe(true);
  });

  it('[CD2] assets named after their content are cached for a year and never revalidated; the page, any page address and the service worker are checked with the server on every use', async () => {
    expect((await get(`${server.url}${script}`, 'br')).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const address of ['/', '/m/abc/d/xyz', '/sw.js', '/favicon.svg']) {
      expect((await get(`${server.url}${address}`, 'br')).headers['cache-control'], address).toBe('no-cache');
    }
  });

  it('[CD3] what a first visit loads before the sign-in page or the meetings list can be used (index.html’s script, everything it imports without waiting, all named in the page) is 250 kB of JavaScript or less over brotli, and holds neither the editor nor Yjs', async () => {
    const html = (await get(`${server.url}/`, null)).body.toString('utf8');
    const named = [...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    const initial = staticImports(clientDir, script);
    // The page names every file the script imports statically, so the browser fetches them at once, not in turn.
    expect(named.filter((file) => file.endsWith('.js')).sort()).toEqual([...initial].sort());

    let jsBytes = 0;
    for (const file of initial) {
      const sent = await get(`${server.url}${file}`, 'gzip, deflate, br');
      // Below 1 kB there is no compressed copy (CD1).
      if (fs.statSync(path.join(clientDir, file)).size >= 1024) expect(sent.headers['content-encoding'], file).toBe('br');
      jsBytes += sent.body.length;
    }
    console.log(`CD3: first visit loads ${initial.size} scripts, ${(jsBytes / 1024).toFixed(1)} kB over brotli`);
    expect(jsBytes).toBeLessThanOrEqual(250 * 1024);

    // The editor (TipTap on ProseMirror) and the sync library: a class name ProseMirror's view sets on the page,
    // and a message of Yjs's own, each found in some other asset of the build, so that the check can fail.
    const code = (file: string) => fs.readFileSync(path.join(clientDir, file), 'utf8');
    const markers = { editor: 'ProseMirror-hideselection', yjs: 'Unexpected content type' };
    const others = fs
      .readdirSync(path.join(clientDir, 'assets'))
      .filter((name) => name.endsWith('.js'))
      .map((name) => `/assets/${name}`)
      .filter((file) => !initial.has(file));
    for (const [what, marker] of Object.entries(markers)) {
      expect(others.some((file) => code(file).includes(marker)), `${what} is in a later chunk`).toBe(true);
      for (const file of initial) expect(code(file).includes(marker), `${what} in ${file}`).toBe(false);
    }
  });
});

/**
 * `entry` and the chunks it imports statically, transitively (in the built code: `import … from "./x.js"` and
 * `import "./x.js"`, not `import("./x.js")`, which is what is loaded later).
 */
function staticImports(clientDir: string, entry: string): Set<string> {
  const found = new Set<string>();
  const visit = (file: string) => {
    if (found.has(file)) return;
    found.add(file);
    const code = fs.readFileSync(path.join(clientDir, file), 'utf8');
    for (const m of code.matchAll(/\bimport\s*(?:[^"'();]*?\bfrom\s*)?["']\.\/([^"']+\.js)["']/g)) {
      visit(path.posix.join(path.posix.dirname(file), m[1]!));
    }
  };
  visit(entry);
  return found;
}
