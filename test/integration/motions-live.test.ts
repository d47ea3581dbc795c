import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PROJECTION, ballotKey, type AuditView, type DocumentDetail, type MotionView } from '../../shared/api.ts';
import { meetingDocumentId } from '../../shared/meeting.ts';
import { contentHash } from '../../server/documents/versions.ts';
import { tokenFor } from '../helpers/api.ts';
import { stockClientsForEachTest, whenSynced, type StockClient } from '../helpers/clients.ts';
import { serversForEachTest } from '../helpers/servers.ts';
import { motion, open, votingMeeting, type VotingMeeting } from '../helpers/votes.ts';

const server = serversForEachTest();
const tracked = stockClientsForEachTest();

async function client(url: string, m: VotingMeeting, who: string, docId: string): Promise<StockClient> {
  const c = tracked(url, docId, { token: await tokenFor(m.admin, m.people[who]!.userId, who) });
  await whenSynced(c);
  return c;
}

function type(c: StockClient, text: string): void {
  c.doc.getText('t').insert(c.doc.getText('t').length, text);
}

/** Waits for what B can see to settle: long enough for a relayed update to arrive if there were one. */
const settle = () => new Promise((r) => setTimeout(r, 300));

describe('the frozen text', () => {
  it('[V5] while the vote is open, a stock client’s edit is neither applied on the server nor relayed; rejected unfreezes and loses nothing', async () => {
    const { url, rooms } = await server();
    const m = await votingMeeting(url);
    const a = await client(url, m, 'dung', m.documentId);
    const b = await client(url, m, 'lan', m.documentId);
    type(a, 'trước;');
    await expect.poll(() => b.text()).toBe('trước;');

    const draft = await motion(m);
    const opened = await open(m, draft.id);
    const room = rooms.loadedRoom(m.documentId)!;
    // The version is the text at the opening: its hash is the hash of the document as the server holds it.
    expect(opened.version?.contentHash).toBe(contentHash(Y.encodeStateAsUpdate(room.doc)));
    const detail = (await m.as.dung!.get<DocumentDetail>(`/api/documents/${m.documentId}`)).body;
    expect(detail.lock).toEqual({ reason: 'vote', motionId: draft.id, motionTitle: draft.title });
    expect(detail.access).toBe('read');

    type(a, 'trong lúc biểu quyết;');
    await settle();
    expect(b.text()).toBe('trước;');
    expect(room.doc.getText('t').toString()).toBe('trước;');

    await m.as.dung!.post(`/api/motions/${draft.id}/ballots`, { choice: 'against' });
    const closed = (await m.as.kien!.post<MotionView>(`/api/motions/${draft.id}/close`)).body;
    expect(closed.outcome).toBe('rejected');
    expect((await m.as.dung!.get<DocumentDetail>(`/api/documents/${m.documentId}`)).body).toMatchObject({ lock: null, access: 'write' });
    // The edit that was refused while frozen is not lost: unfreezing asks the peers for what the server lacks.
    await expect.poll(() => b.text()).toBe('trước;trong lúc biểu quyết;');
    type(b, 'sau;');
    type(a, 'và;');
    await expect.poll(() => room.doc.getText('t').length).toBe('trước;trong lúc biểu quyết;sau;và;'.length);
    await expect.poll(() => [a.text(), b.text()]).toEqual([room.doc.getText('t').toString(), room.doc.getText('t').toString()]);
  });

  it('[V5] an adopted document stays locked, also after its room is unloaded and loaded again', async () => {
    const { url, rooms, sql: q } = await server({ UNLOAD_DELAY_MS: 50 });
    const m = await votingMeeting(url);
    const draft = await motion(m);
    await open(m, draft.id);
    for (const who of ['kien', 'ha', 'dung']) await m.as[who]!.post(`/api/motions/${draft.id}/ballots`, { choice: 'for' });
    expect((await m.as.kien!.post<MotionView>(`/api/motions/${draft.id}/close`)).body.outcome).toBe('adopted');
    const lock = (await m.as.dung!.get<DocumentDetail>(`/api/documents/${m.documentId}`)).body.lock;
    expect(lock).toMatchObject({ reason: 'adopted', motionId: draft.id });

    await expect.poll(() => rooms.loadedRoom(m.documentId)).toBeUndefined();
    const a = await client(url, m, 'dung', m.documentId);
    expect(rooms.loadedRoom(m.documentId)!.locked).toBe(true);
    type(a, 'sửa sau khi thông qua');
    await settle();
    expect(rooms.loadedRoom(m.documentId)!.doc.getText('t').toString()).toBe('');
    // The stored version holds the adopted text's state.
    const version = (await sql<{ state: Uint8Array; content_hash: string }>`SELECT state, content_hash FROM document_versions`.execute(q)).rows[0]!;
    expect(contentHash(new Uint8Array(version.state))).toBe(version.content_hash);
  });

  it('[V5] a document being voted on or adopted cannot be put to a second vote', async () => {
    const { url } = await server();
    const m = await votingMeeting(url);
    const first = await motion(m);
    const second = await motion(m);
    await open(m, first.id);
    expect((await m.as.kien!.post(`/api/motions/${second.id}/open`)).body.code).toBe('document_locked');
  });
});

describe('the live meeting state', () => {
  it('[V7] watchers of meeting:<id> see the motion open, each ballot counted, who voted what, and the result', async () => {
    const { url } = await server();
    const m = await votingMeeting(url);
    const watcher = await client(url, m, 'khoi', meetingDocumentId(m.meetingId));
    const motions = watcher.doc.getMap<MotionView>(PROJECTION.motions);
    const ballots = watcher.doc.getMap<string>(PROJECTION.ballots);
    const draft = await motion(m);
    await expect.poll(() => motions.get(draft.id)?.status).toBe('draft');
    await open(m, draft.id);
    await expect.poll(() => motions.get(draft.id)?.status).toBe('open');
    await m.as.dung!.post(`/api/motions/${draft.id}/ballots`, { choice: 'for' });
    await expect.poll(() => motions.get(draft.id)?.voted).toBe(1);
    expect(ballots.get(ballotKey(draft.id, m.people.dung!.userId))).toBe('for');
    await m.as.lan!.post(`/api/motions/${draft.id}/ballots`, { choice: 'abstain' });
    await expect.poll(() => motions.get(draft.id)?.tally).toEqual({ for: 1, against: 0, abstain: 1 });
    await m.as.kien!.post(`/api/motions/${draft.id}/close`);
    await expect.poll(() => motions.get(draft.id)?.decision?.outcome).toBe('rejected');
    const docs = watcher.doc.getMap<{ lock: unknown }>(PROJECTION.documents);
    expect(docs.get(m.documentId)?.lock).toBeNull();
  });

  it('[V7] a secret ballot shows in the live state as "voted", with the count hidden until the close', async () => {
    const { url } = await server();
    const m = await votingMeeting(url);
    const watcher = await client(url, m, 'khoi', meetingDocumentId(m.meetingId));
    const motions = watcher.doc.getMap<MotionView>(PROJECTION.motions);
    const ballots = watcher.doc.getMap<string>(PROJECTION.ballots);
    const secret = await motion(m, { form: 'secret' });
    await open(m, secret.id);
    await m.as.dung!.post(`/api/motions/${secret.id}/ballots`, { choice: 'against' });
    await expect.poll(() => motions.get(secret.id)?.voted).toBe(1);
    expect(motions.get(secret.id)?.tally).toBeNull();
    expect(ballots.get(ballotKey(secret.id, m.people.dung!.userId))).toBe('voted');
    await m.as.kien!.post(`/api/motions/${secret.id}/close`);
    await expect.poll(() => motions.get(secret.id)?.tally).toEqual({ for: 0, against: 1, abstain: 0 });
    expect(ballots.get(ballotKey(secret.id, m.people.dung!.userId))).toBe('voted');
  });
});

describe('results in the minutes', () => {
  it('[V10] when the vote closes, the vote-result block in the minutes gets the final sentence; the adopted text is untouched', async () => {
    const { url, rooms } = await server();
    const m = await votingMeeting(url);
    const minutes = (await m.as.ha!.post(`/api/meetings/${m.meetingId}/documents`, { kind: 'BB' })).body.id as string;
    const draft = await motion(m);
    const secretary = await client(url, m, 'ha', minutes);
    const block = new Y.XmlElement('voteResult');
    block.setAttribute('motionId', draft.id);
    block.setAttribute('text', '');
    const body = secretary.doc.getXmlFragment('default');
    body.insert(body.length, [block]);
    const adoptedBefore = await client(url, m, 'dung', m.documentId);
    const adoptedText = adoptedBefore.doc.getXmlFragment('default').toString();

    await open(m, draft.id);
    for (const who of ['kien', 'ha', 'dung', 'lan']) await m.as[who]!.post(`/api/motions/${draft.id}/ballots`, { choice: 'for' });
    await m.as.minh!.post(`/api/motions/${draft.id}/ballots`, { choice: 'abstain' });
    await m.as.kien!.post(`/api/motions/${draft.id}/close`);
    const expected =
      'Kết quả biểu quyết: 04/05 đại biểu có mặt lúc mở biểu quyết tán thành (80,0%), 00 không tán thành (0,0%), 01 không biểu quyết (20,0%). Nghị quyết được thông qua.';
    await expect.poll(() => block.getAttribute('text')).toBe(expected);
    const stored = rooms.loadedRoom(minutes)!.doc.getXmlFragment('default');
    expect(stored.toString()).toContain(expected);
    expect(rooms.loadedRoom(m.documentId)!.doc.getXmlFragment('default').toString()).toBe(adoptedText);
  });
});

describe('the record of decisions', () => {
  it('[V8] every decision event is in the audit record, which the chair and secretary can read and check', async () => {
    const { url, sql: q } = await server();
    const m = await votingMeeting(url);
    const draft = await motion(m);
    await open(m, draft.id);
    await m.as.dung!.post(`/api/motions/${draft.id}/ballots`, { choice: 'for' });
    await m.as.kien!.post(`/api/motions/${draft.id}/close`);

    const view = (await m.as.ha!.get<AuditView>(`/api/meetings/${m.meetingId}/audit`)).body;
    expect(view.verification).toMatchObject({ ok: true, firstBad: null });
    const actions = view.entries.map((e) => e.action);
    for (const action of [
      'attendance.marked',
      'motion.created',
      'document.frozen',
      'version.taken',
      'motion.opened',
      'ballot.recorded',
      'motion.closed',
      'document.unfrozen',
    ]) {
      expect(actions, action).toContain(action);
    }
    expect(actions.indexOf('document.frozen')).toBeLessThan(actions.indexOf('motion.opened'));
    expect(view.entries.find((e) => e.action === 'motion.opened')?.actorName).toBe('Cung Hồng Kiên');
    expect((await m.as.dung!.get(`/api/meetings/${m.meetingId}/audit`)).status).toBe(403);
    expect((await m.admin.get(`/api/meetings/${m.meetingId}/audit`)).status).toBe(200);

    const closed = view.entries.find((e) => e.action === 'motion.closed')!;
    await sql`UPDATE audit SET at = '2023-12-19T09:00:00.000Z' WHERE seq = ${closed.seq}`.execute(q);
    const tampered = (await m.as.kien!.get<AuditView>(`/api/meetings/${m.meetingId}/audit`)).body;
    expect(tampered.verification).toMatchObject({ ok: false, firstBad: { seq: closed.seq, action: 'motion.closed' } });
  });
});
