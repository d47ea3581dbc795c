import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ROOT } from '../../server/build-client.ts';
import { meetingDocumentId } from '../../shared/meeting.ts';
import { CloseCode } from '../../shared/protocol.ts';
import { ApiClient, tokenFor } from '../helpers/api.ts';
import { stockClient, whenSynced, type StockClient } from '../helpers/clients.ts';
import { clustersForEachTest } from '../helpers/cluster.ts';
import { until } from '../helpers/wait.ts';
import { adopt } from '../helpers/finalise.ts';
import { votingMeeting } from '../helpers/votes.ts';

// An installation of three processes per test: its meeting is made by the first administrator, on process A.
const installation = clustersForEachTest();

const clients: StockClient[] = [];
const sockets: WebSocket[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of sockets.splice(0)) s.terminate();
});
function client(url: string, docId: string, token: string): StockClient {
  const c = stockClient(url, docId, { token });
  clients.push(c);
  return c;
}

/** The same person's session, used on another process (sessions live in the shared database). */
function sameSessionOn(signedIn: ApiClient, url: string): ApiClient {
  const other = new ApiClient(url);
  other.cookie = signedIn.cookie;
  return other;
}

/** A socket opened by a session's cookie; `closed` resolves with its close code. */
function cookieSocket(url: string, docId: string, session: ApiClient): Promise<{ ws: WebSocket; closed: Promise<number> }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url.replace('http', 'ws')}/collab/${docId}`, { headers: { cookie: session.cookie! } });
    sockets.push(ws);
    const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
    ws.on('error', reject);
    ws.once('message', () => resolve({ ws, closed }));
  });
}

/** Whether `witness` still lacks `text` after a while in which a relayed edit would have arrived. */
async function neverSees(witness: StockClient, text: string, ms = 800): Promise<boolean> {
  await new Promise((r) => setTimeout(r, ms));
  return !witness.text().includes(text);
}

describe('news from one process reaches the others', () => {
  it('[C15] a role change on one process closes that person’s sockets on every process, and theirs only', async () => {
    const [a, b, c] = (await installation()).urls as [string, string, string];
    const m = await votingMeeting(a);
    const admin = m.admin;
    const token = await tokenFor(admin, m.people.dung!.userId);
    const onB = client(b, m.documentId, token);
    const onC = client(c, m.documentId, token);
    const bystander = client(c, m.documentId, await tokenFor(admin, m.people.lan!.userId));
    await Promise.all([onB, onC, bystander].map((x) => whenSynced(x)));

    const changed = await m.as.kien!.patch(`/api/meetings/${m.meetingId}/members/${m.people.dung!.userId}`, { role: 'observer' });
    expect(changed.status).toBe(200);
    await until(() => onB.closeCodes.includes(CloseCode.AccessChanged) && onC.closeCodes.includes(CloseCode.AccessChanged), 5000, 'both closes');
    // Reconnected, to a socket the gate admits as it now decides (read-only).
    await Promise.all([onB, onC].map((x) => until(() => x.provider.synced, 5000, 'the reconnect')));
    expect(bystander.closeCodes).toEqual([]);
  });

  it('[C15] a revoked token and a sign-out on one process close the sockets they opened on every process', async () => {
    const [a, b, c] = (await installation()).urls as [string, string, string];
    const m = await votingMeeting(a);
    const dung = m.as.dung!;
    const created = (await dung.post('/api/tokens', { name: 'máy tính bảng' })).body as { token: { id: string }; secret: string };
    const byToken = [client(b, m.documentId, created.secret), client(c, m.documentId, created.secret)];
    await Promise.all(byToken.map((x) => whenSynced(x)));
    // The same session's sockets on B and C, and on A a socket of another of dung's sessions, which stays.
    const live = meetingDocumentId(m.meetingId);
    const [sessionOnB, sessionOnC] = [await cookieSocket(b, live, sameSessionOn(dung, b)), await cookieSocket(c, live, sameSessionOn(dung, c))];
    const elsewhere = new ApiClient(a);
    await elsewhere.signIn('dung', m.people.dung!.password);
    const otherSession = await cookieSocket(b, live, sameSessionOn(elsewhere, b));

    expect((await dung.delete(`/api/tokens/${created.token.id}`)).status).toBe(204);
    await until(() => byToken.every((x) => x.closeCodes.includes(CloseCode.Unauthenticated)), 5000, 'the token’s sockets to close');
    expect(sessionOnB.ws.readyState).toBe(WebSocket.OPEN);

    expect((await dung.delete('/api/session')).status).toBe(204);
    expect(await sessionOnB.closed).toBe(CloseCode.Unauthenticated);
    expect(await sessionOnC.closed).toBe(CloseCode.Unauthenticated);
    await new Promise((r) => setTimeout(r, 300));
    expect(otherSession.ws.readyState).toBe(WebSocket.OPEN);
  });

  it('[C31] a password reset at the command line, beside running processes, closes that person’s sockets on every process', async () => {
    const cluster = await installation();
    const [a, b, c] = cluster.urls as [string, string, string];
    const m = await votingMeeting(a);
    const dung = m.as.dung!;
    const live = meetingDocumentId(m.meetingId);
    const [onB, onC] = [await cookieSocket(b, live, sameSessionOn(dung, b)), await cookieSocket(c, live, sameSessionOn(dung, c))];
    const bystander = await cookieSocket(b, live, sameSessionOn(m.as.lan!, b));
    const cli = promisify(execFile)(process.execPath, [path.join(ROOT, 'server/launch.js'), 'cli', 'user', 'password', 'dung', '--password-stdin'], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: cluster.dataDir, DATABASE_URL: cluster.databaseUrl, REDIS_URL: cluster.redisUrl, REDIS_PREFIX: cluster.prefix },
    });
    cli.child.stdin!.end('mật-khẩu-mới-2026\n');
    expect((await cli).stdout).toContain('Password of dung changed');
    expect(await onB.closed).toBe(CloseCode.Unauthenticated);
    expect(await onC.closed).toBe(CloseCode.Unauthenticated);
    await new Promise((r) => setTimeout(r, 300));
    expect(bystander.ws.readyState).toBe(WebSocket.OPEN);
  }, 60_000);

  it('[C16] a document adopted on one process is sealed in its rooms on the others: edits typed there reach no one', async () => {
    const [a, b, c] = (await installation()).urls as [string, string, string];
    const m = await votingMeeting(a);
    const admin = m.admin;
    const writerToken = await tokenFor(admin, m.people.dung!.userId);
    const witnessToken = await tokenFor(admin, m.people.lan!.userId);
    // A writer and a witness on B, and on C: each pair sees the other's edits through its own process.
    const pairs = [b, c].map((url) => ({ writer: client(url, m.documentId, writerToken), witness: client(url, m.documentId, witnessToken) }));
    await Promise.all(pairs.flatMap((p) => [whenSynced(p.writer), whenSynced(p.witness)]));
    for (const [i, p] of pairs.entries()) {
      p.writer.doc.getText('t').insert(0, `trước ${i}. `);
      await until(() => p.witness.text().includes(`trước ${i}. `), 5000, 'an edit before the vote');
    }

    await adopt(m);
    // The news travels after the commit: a moment later every process's room is sealed. (That no edit is taken
    // from the answer on, whatever the timing, is the relay's check as it stores an edit, C1–C9.)
    await new Promise((r) => setTimeout(r, 300));
    for (const [i, p] of pairs.entries()) p.writer.doc.getText('t').insert(0, `sau khi thông qua ${i}. `);
    for (const [i, p] of pairs.entries()) expect(await neverSees(p.witness, `sau khi thông qua ${i}. `)).toBe(true);
  });
});
