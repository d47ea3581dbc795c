import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CloseCode } from '../../shared/protocol.ts';
import { ADMIN, ApiClient, seedMeeting, setupAdmin, tokenFor } from '../helpers/api.ts';
import { spawnServer, type ServerProcess } from '../helpers/server-process.ts';
import { serversForEachTest } from '../helpers/servers.ts';

const server = serversForEachTest();

interface RawAnswer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  /** The session cookie it set, as a `name=value` pair. */
  cookie: string | null;
}

/**
 * A request as a page loaded from another name would send it after DNS rebinding: to our address, with its own
 * name in Host and Origin. fetch() will not set Host, so this goes through node:http.
 */
function raw(url: string, method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { hostname, port, method, path, headers: { ...(payload ? { 'content-type': 'application/json' } : {}), ...headers } },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: text ? (JSON.parse(text) as RawAnswer['body']) : null,
            cookie: res.headers['set-cookie']?.[0]?.split(';')[0] ?? null,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Opens the socket once and resolves with the close code (or 0 when the server starts syncing instead). */
function socketOutcome(url: string, path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url.replace('http', 'ws')}${path}`, { headers });
    ws.on('message', () => {
      resolve(0);
      ws.close();
    });
    ws.on('close', (code) => resolve(code));
    ws.on('error', () => {});
    setTimeout(() => reject(new Error('the socket neither synced nor closed')), 5000).unref();
  });
}

const setupBody = { username: ADMIN.username, fullName: ADMIN.fullName, password: ADMIN.password };

describe('host and origin checks against DNS rebinding', () => {
  it('[SEC4] a page on another name that resolves to the server can neither create the first administrator nor change anything', async () => {
    const { url, port } = await server();
    const evil = { host: `evil.example:${port}`, origin: `http://evil.example:${port}` };
    // Before: the Origin matched the Host, so this page became the installation's administrator.
    const setup = await raw(url, 'POST', '/api/setup', evil, setupBody);
    expect(setup.status).toBe(403);
    expect(setup.body?.code).toBe('origin_mismatch');
    // Without an Origin, as a script on that page cannot avoid sending: the Host alone decides.
    const bare = await raw(url, 'POST', '/api/setup', { host: evil.host }, setupBody);
    expect(bare.body?.code).toBe('origin_mismatch');
    // Reading is not held to it, and our own page is still served.
    expect((await raw(url, 'GET', '/api/setup', evil)).status).toBe(200);
    expect((await new ApiClient(url).post('/api/setup', setupBody)).status).toBe(201);
  });

  it('[SEC4] a sync socket addressed to another name is closed with 4403, even with a valid cookie; a token is not held to the Host', async () => {
    const { url, port } = await server();
    const admin = await setupAdmin(url);
    const { documentId, people } = await seedMeeting(admin, { inSession: true });
    const dung = new ApiClient(url);
    await dung.signIn('dung', people.dung!.password);
    const evil = { host: `evil.example:${port}`, origin: `http://evil.example:${port}` };
    expect(await socketOutcome(url, `/collab/${documentId}`, { cookie: dung.cookie!, ...evil })).toBe(CloseCode.ForbiddenOrigin);
    expect(await socketOutcome(url, `/collab/${documentId}`, { cookie: dung.cookie!, host: evil.host })).toBe(CloseCode.ForbiddenOrigin);
    const token = await tokenFor(admin, people.dung!.userId);
    expect(await socketOutcome(url, `/collab/${documentId}?token=${token}`, { host: evil.host })).toBe(0);
    expect(await socketOutcome(url, `/collab/${documentId}`, { cookie: dung.cookie!, origin: new URL(url).origin })).toBe(0);
  });

  it('[SEC4] by default the listen address is the public origin, under 127.0.0.1 and localhost alike', async () => {
    const { url, port, origins } = await server();
    expect(origins).toEqual(expect.arrayContaining([`http://127.0.0.1:${port}`, `http://localhost:${port}`]));
    const local = { host: `localhost:${port}`, origin: `http://localhost:${port}` };
    expect((await raw(url, 'POST', '/api/setup', local, setupBody)).status).toBe(201);
    // Another port on the same machine is another site.
    const other = await raw(url, 'POST', '/api/session', { ...local, origin: `http://localhost:${port + 1}` }, setupBody);
    expect(other.body?.code).toBe('origin_mismatch');
  });

  it('[SEC4] with PUBLIC_ORIGIN set, only that name is served; ALLOWED_ORIGINS adds pages, not names; a bearer token is not held to the Host', async () => {
    const { url } = await server({ PUBLIC_ORIGIN: 'https://hop.example.vn', ALLOWED_ORIGINS: 'http://dev.example:5173' });
    const pub = { host: 'hop.example.vn', origin: 'https://hop.example.vn' };
    // The listen address is no longer one of ours, and an allowed page does not make its own name one.
    expect((await raw(url, 'POST', '/api/setup', { origin: new URL(url).origin }, setupBody)).body?.code).toBe('origin_mismatch');
    const dev = { host: 'dev.example:5173', origin: 'http://dev.example:5173' };
    expect((await raw(url, 'POST', '/api/setup', dev, setupBody)).body?.code).toBe('origin_mismatch');
    expect((await raw(url, 'POST', '/api/setup', { host: pub.host, origin: dev.origin }, setupBody)).status).toBe(201);
    const signIn = await raw(url, 'POST', '/api/session', pub, { username: ADMIN.username, password: ADMIN.password });
    expect(signIn.status).toBe(200);
    const created = await raw(url, 'POST', '/api/tokens', { ...pub, cookie: signIn.cookie! }, { name: 'máy chủ' });
    expect(created.status).toBe(201);
    // A program on the machine itself holds a token: it may use the listen address.
    const program = new ApiClient(url);
    program.origin = null;
    program.bearer = created.body.secret as string;
    expect((await program.post('/api/users', { username: 'lan', fullName: 'Phạm Thị Lan', password: 'mat-khau-lan' })).status).toBe(201);
  });

  it('[SEC4] behind a trusted proxy the name the browser used (X-Forwarded-Host) is checked, not the proxy’s own Host', async () => {
    const behind = await server({ PUBLIC_ORIGIN: 'https://hop.example.vn', TRUST_PROXY: 'true' });
    const forwarded = { host: `127.0.0.1:${behind.port}`, 'x-forwarded-host': 'hop.example.vn', 'x-forwarded-proto': 'https', origin: 'https://hop.example.vn' };
    expect((await raw(behind.url, 'POST', '/api/setup', forwarded, setupBody)).status).toBe(201);
    const untrusted = await server({ PUBLIC_ORIGIN: 'https://hop.example.vn' });
    const refused = await raw(untrusted.url, 'POST', '/api/setup', { ...forwarded, host: `127.0.0.1:${untrusted.port}` }, setupBody);
    expect(refused.body?.code).toBe('origin_mismatch');
  });

  it('[SEC4] a PUBLIC_ORIGIN that is not an origin stops the start with the variable named', async () => {
    await expect(server({ PUBLIC_ORIGIN: 'https://hop.example.vn/quorum' })).rejects.toThrow(/PUBLIC_ORIGIN/);
    await expect(server({ PUBLIC_ORIGIN: 'hop.example.vn' })).rejects.toThrow(/PUBLIC_ORIGIN/);
  });
});

describe('the session cookie is read by name', () => {
  it('[SEC5] a request without an Origin is refused for our session cookie, not for another cookie whose name contains it', async () => {
    const { url } = await server();
    await setupAdmin(url);
    const program = new ApiClient(url);
    program.origin = null;
    // Before: `xquorum_session=` contains `quorum_session=`, and this sign-in from a program was refused.
    program.cookie = 'xquorum_session=1';
    expect((await program.post('/api/session', { username: ADMIN.username, password: ADMIN.password })).status).toBe(200);
    program.cookie = 'theme=dark; quorum_session=abc';
    expect((await program.post('/api/session', { username: ADMIN.username, password: ADMIN.password })).body.code).toBe('origin_mismatch');
  });
});

describe('the start-up message', () => {
  let proc: ServerProcess | null = null;
  let dataDir: string | null = null;
  afterEach(async () => {
    proc?.proc.kill('SIGKILL');
    await proc?.exited;
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    proc = null;
    dataDir = null;
  });

  it('[SEC4] names the origins that changes and sync sockets are accepted from', async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-origins-'));
    proc = await spawnServer({ PORT: '0', DATA_DIR: dataDir, ALLOWED_ORIGINS: 'http://dev.example:5173' });
    await expect
      .poll(() => proc!.output(), { timeout: 10_000 })
      .toContain(`Accepting changes and sync sockets from: http://127.0.0.1:${proc.port}, http://localhost:${proc.port}, http://dev.example:5173`);
  });
});
