import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { PROJECTION, type MemberView } from '../../shared/api.ts';
import { meetingDocumentId, type QuorumState } from '../../shared/meeting.ts';
import { CloseCode } from '../../shared/protocol.ts';
import { ApiClient, seedMeeting, setupAdmin, tokenFor } from '../helpers/api.ts';
import { stockClient, whenSynced, type StockClient } from '../helpers/clients.ts';
import { serversForEachTest } from '../helpers/servers.ts';
import { until } from '../helpers/wait.ts';

const server = serversForEachTest();
let clients: StockClient[] = [];
afterEach(() => {
  clients.forEach((c) => c.destroy());
  clients = [];
});
function client(url: string, docId: string, token?: string): StockClient {
  const c = stockClient(url, docId, { token });
  clients.push(c);
  return c;
}

/** Opens the socket once (no reconnects) and resolves with the close code. */
function closeCodeOf(url: string, path: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url.replace('http', 'ws')}${path}`, { headers });
    ws.on('close', (code) => resolve(code));
    ws.on('error', () => {});
    setTimeout(() => reject(new Error('the socket was not closed')), 5000).unref();
  });
}

async function seeded(url: string) {
  const admin = await setupAdmin(url);
  const a = await seedMeeting(admin, { inSession: true });
  const tokens: Record<string, string> = {};
  for (const [name, p] of Object.entries(a.people)) tokens[name] = await tokenFor(admin, p.userId);
  return { admin, ...a, tokens };
}

describe('the sync socket decides at connect time with the policies', () => {
  it('[W1] without credentials, or with a revoked token, the socket is refused with 4401', async () => {
    const { url } = await server();
    const { documentId, people } = await seeded(url);
    expect(await closeCodeOf(url, `/collab/${documentId}`)).toBe(CloseCode.Unauthenticated);
    expect(await closeCodeOf(url, `/collab/${documentId}?token=qrm_nonsense`)).toBe(CloseCode.Unauthenticated);
    const dung = new ApiClient(url);
    await dung.signIn('dung', people.dung!.password);
    const token = (await dung.post('/api/tokens', { name: 'tạm' })).body as { token: { id: string }; secret: string };
    expect((await dung.delete(`/api/tokens/${token.token.id}`)).status).toBe(204);
    expect(await closeCodeOf(url, `/collab/${documentId}?token=${token.secret}`)).toBe(CloseCode.Unauthenticated);
  });

  it('[W2] a member of another meeting is refused with 4404, as for a document that does not exist', async () => {
    const { url } = await server();
    const { admin, documentId, meeting } = await seeded(url);
    const other = await seedMeeting(admin, { people: [{ username: 'binh', fullName: 'Ngô Thanh Bình', role: 'chair' }] });
    const binh = await tokenFor(admin, other.people.binh!.userId);
    expect(await closeCodeOf(url, `/collab/${documentId}?token=${binh}`)).toBe(CloseCode.NotFound);
    expect(await closeCodeOf(url, `/collab/${meetingDocumentId(meeting.id)}?token=${binh}`)).toBe(CloseCode.NotFound);
    expect(await closeCodeOf(url, `/collab/d_does-not-exist?token=${binh}`)).toBe(CloseCode.NotFound);
    // Their own meeting's document is open to them.
    const own = client(url, other.documentId!, binh);
    await whenSynced(own);
    expect(own.closeCodes).toEqual([]);
  });

  it('[W3] an observer’s edits never reach another client, whatever their client sends', async () => {
    const { url } = await server();
    const { documentId, tokens } = await seeded(url);
    const observer = client(url, documentId!, tokens.khoi);
    const delegate = client(url, documentId!, tokens.dung);
    await Promise.all([whenSynced(observer), whenSynced(delegate)]);
    observer.doc.getText('t').insert(0, 'Sửa trộm của khách mời');
    delegate.doc.getText('t').insert(0, 'Điều 1. ');
    await until(() => observer.text().includes('Điều 1. '), 5000, 'the delegate’s edit to reach the observer');
    // A third client syncing from scratch sees only what the server accepted.
    const witness = client(url, documentId!, tokens.ha);
    await whenSynced(witness);
    await new Promise((r) => setTimeout(r, 200));
    expect(delegate.text()).toBe('Điều 1. ');
    expect(witness.text()).toBe('Điều 1. ');
  });

  it('[W4] nobody can write the meeting’s live state: a forged write to meeting:<id> is dropped', async () => {
    const { url } = await server();
    const { meeting, tokens } = await seeded(url);
    const docId = meetingDocumentId(meeting.id);
    const chair = client(url, docId, tokens.kien);
    await whenSynced(chair);
    await until(() => chair.doc.getMap(PROJECTION.members).size === 4, 5000, 'the roster in the projection');
    chair.doc.getMap<QuorumState>(PROJECTION.meeting).set('quorum', { present: 99, total: 99, required: 1, met: true, rule: { numerator: 1, denominator: 1 } });
    chair.doc.getMap(PROJECTION.members).delete(Object.keys(chair.doc.getMap(PROJECTION.members).toJSON())[0]!);
    const witness = client(url, docId, tokens.dung);
    await whenSynced(witness);
    await new Promise((r) => setTimeout(r, 200));
    expect(witness.doc.getMap(PROJECTION.members).size).toBe(4);
    expect(witness.doc.getMap<QuorumState>(PROJECTION.meeting).get('quorum')).toMatchObject({ present: 0, total: 3 });
  });

  it('[W5] the live state follows the commands: a check-in reaches every subscriber without a reload', async () => {
    const { url } = await server();
    const { meeting, people, tokens } = await seeded(url);
    const watcher = client(url, meetingDocumentId(meeting.id), tokens.khoi);
    await whenSynced(watcher);
    const quorum = () => watcher.doc.getMap<QuorumState>(PROJECTION.meeting).get('quorum');
    await until(() => quorum()?.total === 3, 5000, 'the first projection');
    expect(quorum()).toMatchObject({ present: 0, met: false });
    const dung = new ApiClient(url);
    await dung.signIn('dung', people.dung!.password);
    expect((await dung.post(`/api/meetings/${meeting.id}/attendance`, { status: 'present' })).status).toBe(200);
    await until(() => quorum()?.present === 1, 5000, 'the check-in in the projection');
    const member = watcher.doc.getMap<MemberView>(PROJECTION.members).get(people.dung!.userId);
    expect(member).toMatchObject({ fullName: 'Lê Văn Dũng', attendance: 'present' });
  });

  it('[W6] a socket opened from another site’s page is refused with 4403, cookie or not', async () => {
    const { url } = await server();
    const { documentId, people } = await seeded(url);
    const dung = new ApiClient(url);
    await dung.signIn('dung', people.dung!.password);
    const code = await closeCodeOf(url, `/collab/${documentId}`, { cookie: dung.cookie!, origin: 'http://evil.example' });
    expect(code).toBe(CloseCode.ForbiddenOrigin);
    // The same cookie from our own page is admitted.
    const ok = new WebSocket(`${url.replace('http', 'ws')}/collab/${documentId}`, { headers: { cookie: dung.cookie!, origin: new URL(url).origin } });
    const first = await new Promise<Buffer>((resolve) => ok.once('message', (data: Buffer) => resolve(data)));
    expect(first[0]).toBe(0); // a sync message: the server speaks to it
    ok.close();
  });
});

describe('access that changes while connected', () => {
  it('[W7] a delegate made observer is reconnected read-only; one removed from the roster is refused', async () => {
    const { url } = await server();
    const { documentId, people, tokens, meeting } = await seeded(url);
    const kien = new ApiClient(url);
    await kien.signIn('kien', people.kien!.password);
    const dung = client(url, documentId!, tokens.dung);
    const witness = client(url, documentId!, tokens.ha);
    await Promise.all([whenSynced(dung), whenSynced(witness)]);
    dung.doc.getText('t').insert(0, 'Trước khi đổi vai trò. ');
    await until(() => witness.text() === 'Trước khi đổi vai trò. ', 5000, 'the delegate’s edit');

    const demoted = await kien.patch(`/api/meetings/${meeting.id}/members/${people.dung!.userId}`, { role: 'observer' });
    expect(demoted.status).toBe(200);
    await until(() => dung.closeCodes.includes(CloseCode.AccessChanged), 5000, 'the access-changed close');
    // 4009 is outside 4400–4499, so even the stock client reconnects by itself.
    await until(() => dung.provider.wsconnected, 5000, 'the reconnect');
    await whenSynced(dung);
    dung.doc.getText('t').insert(0, 'Sau khi thành khách mời. ');
    await new Promise((r) => setTimeout(r, 300));
    expect(witness.text()).toBe('Trước khi đổi vai trò. ');

    expect((await kien.delete(`/api/meetings/${meeting.id}/members/${people.dung!.userId}`)).status).toBe(204);
    await until(() => dung.closeCodes.includes(CloseCode.NotFound), 5000, 'the refusal after removal');
  });

  it('[W8] a sync socket ends with the credential that opened it: a revoked token, a signed-out session, an old password', async () => {
    const { url } = await server();
    const { documentId, people, meeting } = await seeded(url);
    const dung = new ApiClient(url);
    await dung.signIn('dung', people.dung!.password);
    const token = (await dung.post('/api/tokens', { name: 'máy tính bảng' })).body as { token: { id: string }; secret: string };
    const byToken = client(url, documentId!, token.secret);
    await whenSynced(byToken);
    expect((await dung.delete(`/api/tokens/${token.token.id}`)).status).toBe(204);
    await until(() => byToken.closeCodes.includes(CloseCode.Unauthenticated), 5000, 'the revoked token’s socket to close');

    // Two sessions of the same person, each with a socket opened by its cookie.
    const laptop = new ApiClient(url);
    const phone = new ApiClient(url);
    await laptop.signIn('dung', people.dung!.password);
    await phone.signIn('dung', people.dung!.password);
    const open = (c: ApiClient) =>
      new Promise<{ ws: WebSocket; closed: Promise<number> }>((resolve) => {
        const ws = new WebSocket(`${url.replace('http', 'ws')}/collab/${meetingDocumentId(meeting.id)}`, { headers: { cookie: c.cookie! } });
        const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
        ws.once('message', () => resolve({ ws, closed }));
      });
    const [onLaptop, onPhone] = [await open(laptop), await open(phone)];
    // A new password, changed on the laptop, signs the phone out and leaves the laptop connected.
    const me = (await laptop.get('/api/session')).body.user.id as string;
    expect((await laptop.patch(`/api/users/${me}`, { password: 'mat-khau-moi-2024', currentPassword: people.dung!.password })).status).toBe(200);
    expect(await onPhone.closed).toBe(CloseCode.Unauthenticated);
    await new Promise((r) => setTimeout(r, 200));
    expect(onLaptop.ws.readyState).toBe(WebSocket.OPEN);
    // Signing out closes the laptop's socket too.
    expect((await laptop.delete('/api/session')).status).toBe(204);
    expect(await onLaptop.closed).toBe(CloseCode.Unauthenticated);
  });
});
