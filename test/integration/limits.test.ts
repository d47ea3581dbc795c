import { execFile } from 'node:child_process';
import net from 'node:net';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { passwordHashing } from '../../server/accounts/passwords.ts';
import { ApiClient, seedMeeting, setupAdmin } from '../helpers/api.ts';
import { typeParagraph } from '../helpers/clients.ts';
import { serversForEachTest } from '../helpers/servers.ts';

const server = serversForEachTest();
const run = promisify(execFile);

/**
 * Requests sent all at once from a child process: from the test's own process they would only go out between the
 * server's turns, one at a time, and never overlap on the server.
 */
async function burstFromAnotherProcess(url: string, cookies: string[]): Promise<{ status: number; retry: string | null }[]> {
  // The connections are opened (and used once, for the health check) before the burst, so that the requests leave
  // together even on a machine busy with other suites: connecting one after another would spread them out enough for
  // a fast server to finish each before the next arrives.
  const script = `
    const http = require('node:http');
    const [url, cookies] = JSON.parse(process.argv[1]);
    const agent = new http.Agent({ keepAlive: true, maxSockets: cookies.length });
    const get = (path, headers) => new Promise((resolve, reject) => {
      const req = http.get(new URL(path, url), { agent, headers }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode, retry: res.headers['retry-after'] ?? null }));
      });
      req.on('error', reject);
    });
    Promise.all(cookies.map(() => get('/healthz', {})))
      .then(() => Promise.all(cookies.map((cookie) => get(url, { cookie }))))
      .then((all) => { process.stdout.write(JSON.stringify(all)); agent.destroy(); });`;
  const { stdout } = await run(process.execPath, ['-e', script, JSON.stringify([url, cookies])]);
  return JSON.parse(stdout) as { status: number; retry: string | null }[];
}

/** Resolves with how long the server took to close a connection that sent `bytes`, or null if still open. */
function closedAfter(url: string, bytes: string, waitMs: number): Promise<number | null> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = net.connect(Number(port), hostname, () => socket.write(bytes));
    socket.on('data', () => {});
    socket.on('error', () => {});
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(null);
    }, waitMs);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Date.now() - started);
    });
  });
}

describe('what one client can make the server spend', () => {
  it('[L1] sign-ins are limited per client address whatever the usernames, with Retry-After; then even a right password waits', async () => {
    const { url } = await server({ SIGNIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE: 5 });
    await setupAdmin(url);
    const guest = new ApiClient(url);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await guest.post('/api/session', { username: `khach-${i}`, password: 'doan-bua' })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const over = await guest.post('/api/session', { username: 'admin', password: 'quan-tri-2023' });
    expect(over.status).toBe(429);
    expect(over.body.code).toBe('rate_limited');
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('[L2] password hashing is bounded: beyond the queue a sign-in gets 503 busy with Retry-After at once, and a real one still gets through after', async () => {
    const { url } = await server({ PASSWORD_HASH_CONCURRENCY: 1, PASSWORD_HASH_QUEUE: 3, SIGNIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE: 1000 });
    await setupAdmin(url);
    passwordHashing.peak = 0;
    const flood = await Promise.all(
      Array.from({ length: 30 }, (_, i) => new ApiClient(url).post('/api/session', { username: `gia-${i}`, password: 'x' })),
    );
    const busy = flood.filter((r) => r.status === 503);
    expect(busy.length).toBeGreaterThan(0);
    expect(busy[0]!.body.code).toBe('busy');
    expect(busy[0]!.headers.get('retry-after')).toBe('5');
    expect(flood.filter((r) => r.status === 401).length).toBeGreaterThanOrEqual(4);
    expect(passwordHashing.peak).toBe(1);
    await new ApiClient(url).signIn('admin', 'quan-tri-2023');
  });

  it('[L3] a connection that sends its headers too slowly, or idles after a request, is closed', async () => {
    const { url } = await server({ HTTP_HEADERS_TIMEOUT_MS: 1000, HTTP_KEEP_ALIVE_TIMEOUT_MS: 500 });
    const slow = await closedAfter(url, 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n', 6000);
    expect(slow).not.toBeNull();
    expect(slow!).toBeLessThan(5000);
    const idle = await closedAfter(url, 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', 6000);
    expect(idle).not.toBeNull();
    expect(idle!).toBeLessThan(5000);
  });

  it('[L4] saving the same text as the latest version stores nothing new; saves are limited per person', async () => {
    const { url } = await server({ VERSION_SAVES_PER_MINUTE: 3 });
    const admin = await setupAdmin(url);
    const { documentId, people } = await seedMeeting(admin);
    const ha = new ApiClient(url);
    await ha.signIn('ha', people.ha!.password);
    const path = `/api/documents/${documentId}/versions`;
    const first = await ha.post(path, { label: 'Bản 1' });
    expect(first.status).toBe(201);
    const again = await ha.post(path, { label: 'Bản 1 lần nữa' });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expect((await ha.get(path)).body).toHaveLength(1);
    await ha.post(path, { label: 'Bản 1 lần ba' });
    const over = await ha.post(path, { label: 'Bản 1 lần bốn' });
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    // Someone else is not held back.
    const kien = new ApiClient(url);
    await kien.signIn('kien', people.kien!.password);
    expect((await kien.post(path, { label: 'Của chủ tọa' })).status).toBe(200);
  });

  it('[L5] exports are limited per person and computed a few at a time; beyond the queue, 503 busy', async () => {
    const { url, rooms } = await server({ EXPORTS_PER_MINUTE: 4, EXPORT_CONCURRENCY: 1 });
    const admin = await setupAdmin(url);
    const { documentId, people } = await seedMeeting(admin);
    // Long enough that exporting it takes a while, so that requests overlap.
    await rooms.change(documentId!, (doc) => {
      for (let i = 0; i < 300; i++) typeParagraph(doc, `Điều ${i}. ${'Nội dung dự thảo nghị quyết năm 2024. '.repeat(20)}`);
    });
    const get = (client: ApiClient, path: string) =>
      fetch(new URL(path, url), { headers: { cookie: client.cookie! } }).then(async (r) => ({ status: r.status, retry: r.headers.get('retry-after'), body: await r.text() }));
    const ha = new ApiClient(url);
    await ha.signIn('ha', people.ha!.password);
    const docx = `/api/documents/${documentId}/export.docx`;
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await get(ha, docx));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 429]);
    expect(Number(results[4]!.retry)).toBeGreaterThan(0);
    // Each kind of export counts on its own.
    expect((await get(ha, `/api/documents/${documentId}/print`)).status).toBe(200);

    // Many people at once: one export at a time, four waiting, the rest told to come back.
    const others = [];
    for (const who of ['kien', 'dung', 'khoi']) {
      const c = new ApiClient(url);
      await c.signIn(who, people[who]!.password);
      others.push(c);
    }
    const burst = await burstFromAnotherProcess(
      new URL(docx, url).href,
      others.flatMap((c) => [c.cookie!, c.cookie!, c.cookie!, c.cookie!]),
    );
    const busy = burst.filter((r) => r.status === 503);
    expect(busy.length).toBeGreaterThan(0);
    expect(busy[0]!.retry).toBe('5');
    expect(burst.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(5);
  });

  it('[L6] views of the audit record, each a check of the whole record, are limited per person', async () => {
    const { url } = await server({ AUDIT_CHECKS_PER_MINUTE: 2 });
    const admin = await setupAdmin(url);
    const { meeting, people } = await seedMeeting(admin);
    const path = `/api/meetings/${meeting.id}/audit`;
    const ha = new ApiClient(url);
    await ha.signIn('ha', people.ha!.password);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await ha.get(path)).status);
    expect(statuses).toEqual([200, 200, 429]);
    const kien = new ApiClient(url);
    await kien.signIn('kien', people.kien!.password);
    expect((await kien.get(path)).status).toBe(200);
  });

  it('[L7] every other state-changing request counts against its person’s budget; reads do not, nor does someone else', async () => {
    const { url } = await server({ COMMANDS_PER_MINUTE: 12 });
    const admin = await setupAdmin(url);
    const { people } = await seedMeeting(admin);
    const dung = new ApiClient(url);
    await dung.signIn('dung', people.dung!.password);
    const statuses = [];
    for (let i = 0; i < 13; i++) statuses.push((await dung.post('/api/tokens', { name: `Mã ${i}` })).status);
    expect(statuses).toEqual([...Array(12).fill(201), 429]);
    expect((await dung.get('/api/tokens')).status).toBe(200);
    expect((await admin.post('/api/tokens', { name: 'Của quản trị' })).status).toBe(201);
  });

  it('[H10] checking in again changes nothing: no second audit entry', async () => {
    const { url } = await server();
    const admin = await setupAdmin(url);
    const { meeting, people } = await seedMeeting(admin, { inSession: true });
    const dung = new ApiClient(url);
    await dung.signIn('dung', people.dung!.password);
    for (let i = 0; i < 5; i++) {
      expect((await dung.post(`/api/meetings/${meeting.id}/attendance`, { status: 'present' })).body.member.attendance).toBe('present');
    }
    const ha = new ApiClient(url);
    await ha.signIn('ha', people.ha!.password);
    const entries = (await ha.get(`/api/meetings/${meeting.id}/audit`)).body.entries as { action: string }[];
    expect(entries.filter((e) => e.action === 'attendance.marked')).toHaveLength(1);
  });
});
