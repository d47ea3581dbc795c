import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/app.ts';
import { ensureClientBuilt } from '../../server/build-client.ts';
import { testConfig } from '../../server/config.ts';

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
  let dataDir: string;
  let script: string;
  let original: Buffer;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-delivery-'));
    const clientDir = await ensureClientBuilt();
    server = await startServer(testConfig({ DATA_DIR: dataDir }), { clientDir });
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
});
