import type { JSONContent } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { ApiError, AuditView, DocumentDetail, DocumentView, VersionContent, VersionView } from '../../shared/api.ts';
import type { Placeholder } from '../../shared/editor/placeholders.ts';
import { PROJECTION } from '../../shared/api.ts';
import { meetingDocumentId } from '../../shared/meeting.ts';
import { contentOfState } from '../../server/documents/content.ts';
import { contentHash } from '../../server/documents/versions.ts';
import { tokenFor } from '../helpers/api.ts';
import { stockClientsForEachTest, whenSynced } from '../helpers/clients.ts';
import { serversForEachTest } from '../helpers/servers.ts';
import { votingMeeting, type VotingMeeting } from '../helpers/votes.ts';

const server = serversForEachTest();
const tracked = stockClientsForEachTest();

/** Minutes of the meeting (5 of 7 voting members present), with the meeting closed so they may be put forward. */
async function closedMinutes(m: VotingMeeting): Promise<string> {
  const minutes = (await m.as.ha!.post<DocumentView>(`/api/meetings/${m.meetingId}/documents`, { kind: 'BB' })).body;
  expect((await m.admin.patch(`/api/meetings/${m.meetingId}`, { status: 'closed' })).status).toBe(200);
  return minutes.id;
}

/** Every meeting-fact block of a text: fact → stored words. */
function factsIn(content: JSONContent): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (node: JSONContent) => {
    if (node.type === 'meetingFact') out[String(node.attrs?.fact)] = String(node.attrs?.text ?? '');
    node.content?.forEach(visit);
  };
  visit(content);
  return out;
}

/** The text as a reader reads it: text runs and meeting facts by their words, blocks on their own lines. */
function plainText(node: JSONContent): string {
  if (node.type === 'text') return node.text ?? '';
  if (node.type === 'meetingFact') return String(node.attrs?.text ?? '');
  if (node.type === 'voteResult') return `${String(node.attrs?.text ?? '')}\n`;
  const inner = (node.content ?? []).map(plainText).join('');
  return node.type === 'paragraph' ? `${inner}\n` : inner;
}

const refusal = (res: { body: unknown }) => res.body as ApiError;

describe('placeholders before finalising', () => {
  it('[PH3] a finalisation request with placeholders is refused with their locations, and the text stays editable', async () => {
    const { url } = await server();
    const m = await votingMeeting(url);
    const minutesId = await closedMinutes(m);
    const res = await m.as.ha!.post(`/api/documents/${minutesId}/finalisation`);
    expect(res.status).toBe(409);
    expect(refusal(res).code).toBe('placeholders_remain');
    const listed = refusal(res).details?.placeholders ?? [];
    // The vote results' blank and the proceedings' blank under each agenda item; the number line is not one.
    const results = listed.find((p) => p.kind === 'blank' && p.before.endsWith('Kết quả biểu quyết: '));
    expect(results).toMatchObject({ kind: 'blank', after: '' });
    expect(results!.path).toHaveLength(1);
    expect(results!.id).toMatch(/^ph_[0-9a-f]{16}$/);
    expect(listed.some((p) => p.before.includes('Số:'))).toBe(false);
    // The meeting's facts are all known now (closed, 5 present): none of them is a placeholder.
    expect(listed.filter((p) => p.kind === 'meetingFact')).toEqual([]);
    expect(new Set(listed.map((p) => p.id)).size).toBe(listed.length);

    // Refused before anything froze: the text is as editable as before, and nothing was audited.
    const after = (await m.as.dung!.get<DocumentDetail>(`/api/documents/${minutesId}`)).body;
    expect(after).toMatchObject({ lock: null, finalisation: null, access: 'write' });
    const actions = (await m.as.kien!.get<AuditView>(`/api/meetings/${m.meetingId}/audit`)).body.entries.map((e) => e.action);
    expect(actions).not.toContain('finalisation.requested');

    // Confirming only some of them is not enough; the answer is in the caller's language.
    expect(refusal(res).message).toContain('blanks');
    m.as.ha!.lang = 'vi';
    const some = await m.as.ha!.post(`/api/documents/${minutesId}/finalisation`, {
      confirmPlaceholders: listed.slice(1).map((p) => p.id),
    });
    expect(refusal(some).code).toBe('placeholders_remain');
    expect(refusal(some).message).toContain('chỗ trống');
  });

  it('[PH3] confirmed placeholders let it through and are recorded; one added after the list was shown is not confirmed by it', async () => {
    const { url } = await server();
    const m = await votingMeeting(url);
    const minutesId = await closedMinutes(m);
    const path = `/api/documents/${minutesId}/finalisation`;
    const shown = refusal(await m.as.ha!.post(path)).details?.placeholders ?? [];
    expect(shown.length).toBeGreaterThan(0);

    // Someone types one more blank after the list was shown.
    const writer = tracked(url, minutesId, { token: await tokenFor(m.admin, m.people.dung!.userId, 'dung') });
    await whenSynced(writer);
    const fragment = writer.doc.getXmlFragment('default');
    const paragraph = new Y.XmlElement('paragraph');
    const words = new Y.XmlText();
    words.insert(0, 'Ý kiến bổ sung của đại biểu: …');
    paragraph.insert(0, [words]);
    writer.doc.transact(() => fragment.insert(fragment.length - 1, [paragraph]));
    await expect
      .poll(async () => (refusal(await m.as.ha!.post(path)).details?.placeholders ?? []).length, { timeout: 10_000 })
      .toBe(shown.length + 1);

    const stale = await m.as.ha!.post(path, { confirmPlaceholders: shown.map((p) => p.id) });
    expect(stale.status).toBe(409);
    const now = refusal(stale).details?.placeholders ?? [];
    const added = now.filter((p) => !shown.some((s) => s.id === p.id));
    expect(added.map((p) => p.before)).toEqual(['Ý kiến bổ sung của đại biểu: ']);

    const ok = await m.as.ha!.post<DocumentDetail>(path, { confirmPlaceholders: now.map((p) => p.id) });
    expect(ok.status).toBe(200);
    expect(ok.body.lock?.reason).toBe('finalising');
    const entry = (await m.as.kien!.get<AuditView>(`/api/meetings/${m.meetingId}/audit`)).body.entries.find(
      (e) => e.action === 'finalisation.requested',
    );
    const recorded = (entry?.payload as { confirmedPlaceholders: Placeholder[] }).confirmedPlaceholders;
    expect(recorded.map((p) => p.id).sort()).toEqual(now.map((p) => p.id).sort());
    expect(recorded.find((p) => p.id === added[0]!.id)).toMatchObject({ kind: 'blank', before: 'Ý kiến bổ sung của đại biểu: ' });
  });

  it('[PH3] a text with no placeholder needs no confirmation', async () => {
    const { url, rooms } = await server();
    const m = await votingMeeting(url);
    const minutesId = await closedMinutes(m);
    // The whole text replaced by one finished sentence.
    await rooms.change(minutesId, (doc) => {
      const fragment = doc.getXmlFragment('default');
      fragment.delete(0, fragment.length);
      const paragraph = new Y.XmlElement('paragraph');
      const words = new Y.XmlText();
      words.insert(0, 'Hội nghị đã họp và thông qua các nội dung.');
      paragraph.insert(0, [words]);
      fragment.insert(0, [paragraph]);
    });
    expect((await m.as.ha!.post(`/api/documents/${minutesId}/finalisation`)).status).toBe(200);
  });
});

describe('meeting facts in the minutes', () => {
  it('[MF2] the minutes’ stored facts follow check-ins, roster changes and the closing', async () => {
    const { url, rooms } = await server();
    const m = await votingMeeting(url);
    const minutes = (await m.as.ha!.post<DocumentView>(`/api/meetings/${m.meetingId}/documents`, { kind: 'BB' })).body;
    const stored = async () => factsIn(contentOfState(await rooms.snapshot(minutes.id)));
    expect(await stored()).toMatchObject({
      startsAt: '08 giờ 00, ngày 19 tháng 12 năm 2023',
      attendance: 'có mặt 5/7 đại biểu được triệu tập',
      chairs: 'Cung Hồng Kiên',
      secretaries: 'Trần Thu Hà',
      endsAt: '',
    });

    // The live state carries the same facts, for the editors.
    const watcher = tracked(url, meetingDocumentId(m.meetingId), { token: await tokenFor(m.admin, m.people.khoi!.userId, 'khoi') });
    await whenSynced(watcher);
    const live = () => watcher.doc.getMap<unknown>(PROJECTION.meeting).get('facts') as Record<string, string> | undefined;
    expect(live()?.attendance).toBe('có mặt 5/7 đại biểu được triệu tập');

    expect((await m.as.hoa!.post(`/api/meetings/${m.meetingId}/attendance`, { status: 'present' })).status).toBe(200);
    await expect.poll(async () => (await stored()).attendance, { timeout: 10_000 }).toBe('có mặt 6/7 đại biểu được triệu tập');
    expect(live()?.attendance).toBe('có mặt 6/7 đại biểu được triệu tập');

    const members = `/api/meetings/${m.meetingId}/members`;
    expect((await m.as.kien!.patch(`${members}/${m.people.dung!.userId}`, { role: 'secretary' })).status).toBe(200);
    await expect.poll(async () => (await stored()).secretaries, { timeout: 10_000 }).toBe('Lê Văn Dũng, Trần Thu Hà');

    expect((await m.admin.patch(`/api/meetings/${m.meetingId}`, { status: 'closed' })).status).toBe(200);
    await expect.poll(async () => (await stored()).endsAt, { timeout: 10_000 }).toMatch(/^\d{2} giờ \d{2}, ngày \d{2} tháng \d{1,2} năm \d{4}$/);
  });

  it('[MF2] a burst of check-ins makes one write per document, not one per check-in', async () => {
    const { url, rooms } = await server();
    const m = await votingMeeting(url, ['kien', 'ha']);
    const minutes = (await m.as.ha!.post<DocumentView>(`/api/meetings/${m.meetingId}/documents`, { kind: 'BB' })).body;
    const reader = tracked(url, minutes.id, { token: await tokenFor(m.admin, m.people.khoi!.userId, 'khoi') });
    await whenSynced(reader);
    let updates = 0;
    reader.doc.on('update', () => updates++);
    await Promise.all(
      ['dung', 'lan', 'minh', 'hoa', 'tuan'].map((who) => m.as[who]!.post(`/api/meetings/${m.meetingId}/attendance`, { status: 'present' })),
    );
    await expect
      .poll(async () => factsIn(contentOfState(await rooms.snapshot(minutes.id))).attendance, { timeout: 10_000 })
      .toBe('có mặt 7/7 đại biểu được triệu tập');
    await new Promise((r) => setTimeout(r, 600));
    expect(factsIn(contentOfState(Y.encodeStateAsUpdate(reader.doc))).attendance).toBe('có mặt 7/7 đại biểu được triệu tập');
    expect(updates).toBeGreaterThanOrEqual(1);
    expect(updates).toBeLessThan(5);
  });

  it('[MF3] meeting blocks are frozen into text in the final version, its hash and its export', async () => {
    const { url, rooms, services } = await server();
    const m = await votingMeeting(url, ['kien', 'ha', 'dung']);
    const minutes = (await m.as.ha!.post<DocumentView>(`/api/meetings/${m.meetingId}/documents`, { kind: 'BB' })).body;
    // Without the refreshes, so that only the request itself can bring the text up to date.
    services.meetingFacts?.stop();
    services.meetingFacts = null;
    // One more arrives; the meeting closes; the secretary submits.
    expect((await m.as.lan!.post(`/api/meetings/${m.meetingId}/attendance`, { status: 'present' })).status).toBe(200);
    expect((await m.admin.patch(`/api/meetings/${m.meetingId}`, { status: 'closed' })).status).toBe(200);
    const path = `/api/documents/${minutes.id}/finalisation`;
    const listed = refusal(await m.as.ha!.post(path)).details?.placeholders ?? [];
    expect((await m.as.ha!.post(path, { confirmPlaceholders: listed.map((p) => p.id) })).status).toBe(200);
    const done = await m.as.kien!.post<DocumentDetail>(`${path}/confirm`);
    expect(done.body.finalisation?.number).toBe('01/BB-TTCNL');

    const versions = (await m.as.dung!.get<VersionView[]>(`/api/documents/${minutes.id}/versions`)).body;
    const final = versions.find((v) => v.kind === 'final')!;
    const content = (await m.as.dung!.get<VersionContent>(`/api/versions/${final.id}`)).body.content;
    const text = plainText(content);
    expect(text).toContain('Thành phần tham dự: có mặt 4/7 đại biểu được triệu tập.');
    expect(text).toContain('Chủ trì: Cung Hồng Kiên.');
    expect(text).toContain('Thư ký: Trần Thu Hà.');
    expect(text).toMatch(/Hội nghị kết thúc vào \d{2} giờ \d{2}, ngày \d{2} tháng \d{1,2} năm \d{4}\.\/\./);
    expect(final.contentHash).toBe(contentHash(await rooms.snapshot(minutes.id)));

    // The submitted version holds the same words: the chair confirmed what the secretary submitted.
    const submitted = versions.find((v) => v.kind === 'finalisation')!;
    const submittedFacts = factsIn((await m.as.dung!.get<VersionContent>(`/api/versions/${submitted.id}`)).body.content);
    expect(submittedFacts).toEqual(factsIn(content));

    const print = await fetch(new URL(`/api/documents/${minutes.id}/print`, m.as.dung!.baseUrl), {
      headers: { cookie: m.as.dung!.cookie ?? '' },
    });
    expect(await print.text()).toContain('có mặt 4/7 đại biểu được triệu tập');
  });
});
