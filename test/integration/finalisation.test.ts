import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { AuditView, DocumentDetail, DocumentView, MeetingView, VersionView } from '../../shared/api.ts';
import { contentHash } from '../../server/documents/versions.ts';
import { MEETING_FIELDS, tokenFor } from '../helpers/api.ts';
import { editorXml, stockClientsForEachTest, typeParagraph, whenSynced, type StockClient } from '../helpers/clients.ts';
import { adopt, finalise, requestFinalisation } from '../helpers/finalise.ts';
import { serversForEachTest } from '../helpers/servers.ts';
import { votingMeeting, type VotingMeeting } from '../helpers/votes.ts';

const server = serversForEachTest();
const tracked = stockClientsForEachTest();

async function client(url: string, m: VotingMeeting, who: string, docId = m.documentId): Promise<StockClient> {
  const c = tracked(url, docId, { token: await tokenFor(m.admin, m.people[who]!.userId, who) });
  await whenSynced(c);
  return c;
}


const xml = editorXml;
const settle = () => new Promise((r) => setTimeout(r, 400));

describe('finalisation', () => {
  it('[FN1] the secretary asks, a chair confirms: numbered 01/NQ-TTCNL in the text, locked, and the final hash in the audit record', async () => {
    const { url, rooms } = await server();
    const m = await votingMeeting(url);
    await adopt(m);
    const asked = await requestFinalisation(m.as.ha!, m.documentId);
    expect(asked.status).toBe(200);
    expect(asked.body.finalisation).toMatchObject({ status: 'requested', requestedBy: { fullName: 'Trần Thu Hà' }, number: null });
    expect(asked.body.lock?.reason).toBe('finalising');

    const done = await m.as.kien!.post<DocumentDetail>(`/api/documents/${m.documentId}/finalisation/confirm`);
    expect(done.status).toBe(200);
    expect(done.body.finalisation).toMatchObject({ status: 'final', number: '01/NQ-TTCNL', confirmedBy: { fullName: 'Cung Hồng Kiên' } });
    expect(done.body).toMatchObject({ lock: { reason: 'final' }, access: 'read' });

    const state = await rooms.snapshot(m.documentId);
    const text = xmlOf(state);
    expect(text).toContain('Số: 01/NQ-TTCNL');
    expect(done.body.finalisation?.contentHash).toBe(contentHash(state));

    const audit = (await m.as.kien!.get<AuditView>(`/api/meetings/${m.meetingId}/audit`)).body;
    const entry = audit.entries.find((e) => e.action === 'document.finalised');
    expect(entry?.payload).toMatchObject({ documentId: m.documentId, number: '01/NQ-TTCNL', contentHash: contentHash(state) });
    expect(audit.verification.ok).toBe(true);

    const versions = (await m.as.dung!.get<VersionView[]>(`/api/documents/${m.documentId}/versions`)).body;
    expect(versions.map((v) => v.kind)).toEqual(['final', 'finalisation', 'vote']);
    expect(versions[0]).toMatchObject({ label: 'Số: 01/NQ-TTCNL', contentHash: contentHash(state) });
  });

  it('[FN2] only the secretary asks and only a chair confirms; an unadopted text, a second request and a finalised text are refused with their codes', async () => {
    const { url } = await server();
    const m = await votingMeeting(url);
    const path = `/api/documents/${m.documentId}/finalisation`;
    expect((await m.as.ha!.post(path)).body.code).toBe('not_finalisable');
    await adopt(m);
    expect((await m.as.dung!.post(path)).status).toBe(403);
    expect((await m.as.kien!.post(path)).status).toBe(403);
    expect((await m.admin.post(path)).status).toBe(403);
    expect((await m.as.kien!.post(`${path}/confirm`)).body.code).toBe('no_finalisation_request');
    expect((await requestFinalisation(m.as.ha!, m.documentId)).status).toBe(200);
    expect((await m.as.ha!.post(path)).body.code).toBe('finalisation_pending');
    expect((await m.as.ha!.post(`${path}/confirm`)).status).toBe(403);
    expect((await m.as.kien!.post(`${path}/confirm`)).status).toBe(200);
    expect((await m.as.kien!.post(`${path}/confirm`)).body.code).toBe('already_final');
    expect((await m.as.ha!.post(path)).body.code).toBe('already_final');
    expect((await m.as.kien!.delete(path)).body.code).toBe('already_final');
  });

  it('[FN3] minutes are finalised once the meeting is closed; a declined request unfreezes them and a later one starts afresh', async () => {
    const { url } = await server();
    const m = await votingMeeting(url);
    const minutes = (await m.as.ha!.post<DocumentView>(`/api/meetings/${m.meetingId}/documents`, { kind: 'BB' })).body;
    const path = `/api/documents/${minutes.id}/finalisation`;
    expect((await m.as.ha!.post(path)).body.code).toBe('not_finalisable');
    expect((await m.admin.patch(`/api/meetings/${m.meetingId}`, { status: 'closed' })).status).toBe(200);
    expect((await requestFinalisation(m.as.ha!, minutes.id)).body.lock?.reason).toBe('finalising');
    expect((await m.as.dung!.get<DocumentDetail>(`/api/documents/${minutes.id}`)).body.access).toBe('read');
    const declined = await m.as.kien!.delete<DocumentDetail>(path);
    expect(declined.body).toMatchObject({ finalisation: null, lock: null });
    expect((await m.as.dung!.get<DocumentDetail>(`/api/documents/${minutes.id}`)).body.access).toBe('write');
    const withdrawn = await requestFinalisation(m.as.ha!, minutes.id).then(() => m.as.ha!.delete<DocumentDetail>(path));
    expect(withdrawn.body.finalisation).toBeNull();
    expect((await m.as.dung!.delete(path)).status).toBe(403);
    const final = await finalise(m, minutes.id);
    expect(final.finalisation?.number).toBe('01/BB-TTCNL');
    const actions = (await m.as.kien!.get<AuditView>(`/api/meetings/${m.meetingId}/audit`)).body.entries.map((e) => e.action);
    expect(actions.filter((a) => a.startsWith('finalisation.'))).toEqual([
      'finalisation.requested',
      'finalisation.declined',
      'finalisation.requested',
      'finalisation.withdrawn',
      'finalisation.requested',
    ]);
  });

  it('[FN4] numbers under concurrent finalisations: one series per body, type and year, no number twice, none skipped', async () => {
    const { url } = await server();
    const m = await votingMeeting(url);
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      ids.push((await m.as.ha!.post<DocumentView>(`/api/meetings/${m.meetingId}/documents`, { kind: 'BB' })).body.id);
    }
    await m.admin.patch(`/api/meetings/${m.meetingId}`, { status: 'closed' });
    for (const id of ids) expect((await requestFinalisation(m.as.ha!, id)).status).toBe(200);
    const confirmed = await Promise.all(
      ids.map((id) => m.as.kien!.post<DocumentDetail>(`/api/documents/${id}/finalisation/confirm`)),
    );
    const numbers = confirmed.map((r) => r.body.finalisation?.number).sort();
    expect(numbers).toEqual(['01', '02', '03', '04', '05', '06', '07', '08'].map((n) => `${n}/BB-TTCNL`));

    // Another meeting of the same body in the same year continues the series; the next year starts a new one.
    const sameYear = await otherMeeting(m, '2023-12-28T14:00');
    const nextYear = await otherMeeting(m, '2024-01-05T08:00');
    expect(sameYear).toBe('09/BB-TTCNL');
    expect(nextYear).toBe('01/BB-TTCNL');
  });
});

describe('a finalised text on the sync socket', () => {
  it('[FN5] a stock WebsocketProvider client’s edit to a finalised document is neither applied nor relayed', async () => {
    const { url, rooms } = await server();
    const m = await votingMeeting(url);
    const a = await client(url, m, 'dung');
    const b = await client(url, m, 'lan');
    await adopt(m);
    await finalise(m);
    await expect.poll(() => xml(b.doc)).toContain('Số: 01/NQ-TTCNL');
    const before = xmlOf(await rooms.snapshot(m.documentId));
    typeParagraph(a.doc, 'Sửa sau khi ban hành');
    await settle();
    expect(xmlOf(await rooms.snapshot(m.documentId))).toBe(before);
    expect(xml(b.doc)).not.toContain('Sửa sau khi ban hành');
    // Still final after the room is unloaded and loaded again: a fresh client gets the finalised text.
    const c = await client(url, m, 'minh');
    expect(xml(c.doc)).toBe(before);
  });

  it('[FN6] edits made offline to a text finalised meanwhile are refused on reconnect and kept as one new draft of the person who made them, however often the device reconnects', async () => {
    const { url, rooms } = await server();
    const m = await votingMeeting(url);
    const a = await client(url, m, 'dung');
    await adopt(m);
    a.provider.disconnect();
    typeParagraph(a.doc, 'Đề nghị bổ sung Điều 5 về thi đua khen thưởng');
    await finalise(m);
    const finalText = xmlOf(await rooms.snapshot(m.documentId));
    a.provider.connect();

    const draft = await expect
      .poll(async () => (await m.as.dung!.get<MeetingView>(`/api/meetings/${m.meetingId}`)).body.documents.find((d) => d.origin))
      .toBeTruthy()
      .then(async () => (await m.as.dung!.get<MeetingView>(`/api/meetings/${m.meetingId}`)).body.documents.find((d) => d.origin)!);
    expect(draft).toMatchObject({
      kind: 'NQ',
      createdBy: m.people.dung!.userId,
      origin: { reason: 'refused_edits', documentId: m.documentId, userId: m.people.dung!.userId },
      lock: null,
      finalisation: null,
    });
    expect(draft.title).toContain('Lê Văn Dũng');
    const draftText = xmlOf(await rooms.snapshot(draft.id));
    expect(draftText).toContain('Đề nghị bổ sung Điều 5 về thi đua khen thưởng');
    expect(xmlOf(await rooms.snapshot(m.documentId))).toBe(finalText);
    // The draft is an ordinary document: its author can go on writing in it.
    expect((await m.as.dung!.get<DocumentDetail>(`/api/documents/${draft.id}`)).body.access).toBe('write');
    // The same device reconnecting again sends the same refused edits again: they are in the draft already.
    a.provider.disconnect();
    a.provider.connect();
    await whenSynced(a);
    await new Promise((r) => setTimeout(r, 1000));
    // A device with nothing new reconnecting makes no draft.
    const b = await client(url, m, 'lan');
    b.provider.disconnect();
    b.provider.connect();
    await whenSynced(b);
    await settle();
    const drafts = (await m.as.dung!.get<MeetingView>(`/api/meetings/${m.meetingId}`)).body.documents.filter((d) => d.origin);
    expect(drafts).toHaveLength(1);
  });
});

function xmlOf(state: Uint8Array): string {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const text = xml(doc);
  doc.destroy();
  return text;
}

/** Finalises the minutes of another meeting of the same body starting at `startsAt`, and gives their number. */
async function otherMeeting(m: VotingMeeting, startsAt: string): Promise<string | null | undefined> {
  const created = await m.admin.post<MeetingView>('/api/meetings', { ...MEETING_FIELDS, startsAt, creatorRole: null });
  const id = created.body.id;
  for (const who of ['kien', 'ha']) {
    await m.admin.post(`/api/meetings/${id}/members`, { userId: m.people[who]!.userId, role: m.people[who]!.role, unit: '' });
  }
  const minutes = (await m.as.ha!.post<DocumentView>(`/api/meetings/${id}/documents`, { kind: 'BB' })).body;
  await m.admin.patch(`/api/meetings/${id}`, { status: 'in_session' });
  await m.admin.patch(`/api/meetings/${id}`, { status: 'closed' });
  const asked = await requestFinalisation(m.as.ha!, minutes.id);
  if (asked.status !== 200) throw new Error(JSON.stringify(asked.body));
  const done = await m.as.kien!.post<DocumentDetail>(`/api/documents/${minutes.id}/finalisation/confirm`);
  return done.body.finalisation?.number;
}


