import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { AuditView, DocumentDetail, MotionView, VersionContent } from '../../shared/api.ts';
import { SUGGEST_DELETE, SUGGEST_INSERT, SUGGESTED_PARAGRAPH, type SuggestionAttrs } from '../../shared/editor/suggestion-marks.ts';
import { listSuggestions } from '../../shared/suggestions.ts';
import { contentHash } from '../../server/documents/versions.ts';
import { tokenFor } from '../helpers/api.ts';
import { stockClientsForEachTest, whenSynced, type StockClient } from '../helpers/clients.ts';
import { serversForEachTest } from '../helpers/servers.ts';
import { memberClientsForEachTest, motion, open, votingMeeting, type VotingMeeting } from '../helpers/votes.ts';

const server = serversForEachTest();
const tracked = stockClientsForEachTest();
const client = memberClientsForEachTest();


const mark = (id: string, m: VotingMeeting, who: string): SuggestionAttrs => ({
  id,
  by: m.people[who]!.userId,
  name: who,
  at: '2026-12-03T08:00:00.000Z',
});

type Part = [string, Record<string, unknown>?];

/** A paragraph at the end of the text, its runs with the marks given (none: plain text). */
function paragraph(doc: Y.Doc, ...parts: Part[]): Y.XmlText {
  const fragment = doc.getXmlFragment('default');
  const text = new Y.XmlText();
  const p = new Y.XmlElement('paragraph');
  doc.transact(() => {
    p.insert(0, [text]);
    fragment.insert(fragment.length, [p]);
    let at = 0;
    for (const [s, attrs] of parts) {
      text.insert(at, s, attrs ?? {});
      at += s.length;
    }
  });
  return text;
}

/** Plain text of a run, without its formatting. */
const plain = (text: Y.XmlText) => (text.toDelta() as { insert: unknown }[]).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');

const CLAUSE_8 = '1. Giao Giám đốc tổ chức ';

/**
 * Two articles at the end of the resolution, with three suggestions, each written from its author's own device (nobody
 * writes one in another's name, SG16): sDel (Dũng) and sIns (Lan) in Điều 8, sOther (Dũng) in Điều 9. Resolves with
 * Dũng's client, his copies of the two clauses, once his copy holds all three.
 */
async function draftArticles(url: string, m: VotingMeeting): Promise<{ a: StockClient; clause8: Y.XmlText; clause9: Y.XmlText }> {
  const a = await client(url, m, 'dung');
  paragraph(a.doc, ['Điều 8. Nhiệm vụ năm 2024']);
  const clause8 = paragraph(a.doc, [CLAUSE_8], ['ngay ', { [SUGGEST_DELETE]: mark('sDel', m, 'dung') }], ['thực hiện '], ['và báo cáo.']);
  paragraph(a.doc, ['Điều 9. Kinh phí']);
  const clause9 = paragraph(a.doc, ['Kinh phí từ nguồn '], ['tự chủ ', { [SUGGEST_INSERT]: mark('sOther', m, 'dung') }], ['của Trung tâm.']);
  const lan = await client(url, m, 'lan');
  const hers = () => {
    for (const node of lan.doc.getXmlFragment('default').createTreeWalker((n) => n instanceof Y.XmlText)) {
      if (node instanceof Y.XmlText && plain(node).startsWith(CLAUSE_8)) return node;
    }
    return null;
  };
  await expect.poll(() => hers() !== null).toBe(true);
  hers()!.insert(`${CLAUSE_8}ngay thực hiện `.length, 'trong quý I ', { [SUGGEST_INSERT]: mark('sIns', m, 'lan') });
  await expect.poll(() => listSuggestions(a.doc).length).toBe(3);
  return { a, clause8, clause9 };
}

/** The text's paragraphs as they read, suggestions and all. */
function paragraphs(doc: Y.Doc): string[] {
  return doc
    .getXmlFragment('default')
    .toArray()
    .filter((n): n is Y.XmlElement => n instanceof Y.XmlElement)
    .map((p) =>
      p
        .toArray()
        .filter((t): t is Y.XmlText => t instanceof Y.XmlText)
        .map((t) => t.toString().replace(/<[^>]+>/g, ''))
        .join(''),
    );
}

const lastTwo = (doc: Y.Doc) => paragraphs(doc).slice(-3);

async function amendment(m: VotingMeeting, suggestionIds: string[], fields: Record<string, unknown> = {}) {
  return m.as.ha!.post<MotionView>(`/api/meetings/${m.meetingId}/amendments`, { documentId: m.documentId, suggestionIds, ...fields });
}

async function made(m: VotingMeeting, suggestionIds: string[], fields: Record<string, unknown> = {}): Promise<MotionView> {
  const res = await amendment(m, suggestionIds, fields);
  if (res.status !== 201) throw new Error(`amendment: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function vote(m: VotingMeeting, motionId: string, choices: Record<string, 'for' | 'against' | 'abstain'>): Promise<void> {
  for (const [who, choice] of Object.entries(choices)) {
    const res = await m.as[who]!.post(`/api/motions/${motionId}/ballots`, { choice });
    if (res.status !== 201) throw new Error(`ballot of ${who}: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

const settle = () => new Promise((r) => setTimeout(r, 300));

describe('amendments', () => {
  it('[AM1] the chair or secretary makes an amendment of suggestions: titled by their article, with the old and new text; unknown or taken suggestions are refused', async () => {
    const { url } = await server();
    const m = await votingMeeting(url);
    await draftArticles(url, m);
    await settle();

    const first = await made(m, ['sIns', 'sDel']);
    expect(first).toMatchObject({ title: 'Sửa đổi Điều 8, khoản 1', status: 'draft', documentId: m.documentId });
    expect(first.amendment).toMatchObject({ suggestionIds: expect.arrayContaining(['sIns', 'sDel']), setAside: null, frozen: false });
    expect(first.amendment!.clauses).toEqual([
      {
        article: 8,
        clause: 1,
        before: '1. Giao Giám đốc tổ chức ngay thực hiện và báo cáo.',
        after: '1. Giao Giám đốc tổ chức thực hiện trong quý I và báo cáo.',
      },
    ]);
    expect(first.amendment!.suggestions.map((s) => [s.id, s.by, s.inserted, s.deleted])).toEqual([
      ['sDel', m.people.dung!.userId, '', 'ngay '],
      ['sIns', m.people.lan!.userId, 'trong quý I ', ''],
    ]);
    // Its own title when given; the document's motions list shows it with the others.
    expect((await made(m, ['sOther'], { title: 'Sửa đổi về kinh phí' })).title).toBe('Sửa đổi về kinh phí');

    const refused = async (ids: string[], code: string, status = 409, as = 'ha') => {
      const res = await m.as[as]!.post(`/api/meetings/${m.meetingId}/amendments`, { documentId: m.documentId, suggestionIds: ids });
      expect(res.status, code).toBe(status);
      expect(res.body.code).toBe(code);
    };
    await refused(['nope'], 'suggestion_not_found', 404);
    await refused(['sIns'], 'suggestion_in_amendment');
    await refused(['sIns'], 'forbidden', 403, 'dung');
    await refused([], 'invalid_request', 400);
    // A suggestion in a pending amendment is decided by its vote, not accepted on its own.
    const accept = await m.as.ha!.post(`/api/documents/${m.documentId}/suggestions/accept`, { ids: ['sDel'] });
    expect(accept.body.code).toBe('suggestion_in_amendment');
    // Withdrawn, its suggestions are free again.
    const withdrawn = await m.as.kien!.post<MotionView>(`/api/motions/${first.id}/set-aside`, { action: 'withdraw' });
    expect(withdrawn.body.amendment?.setAside).toBe('withdrawn');
    expect((await made(m, ['sIns'])).title).toBe('Sửa đổi Điều 8, khoản 1');
    const entries = (await m.as.kien!.get<AuditView>(`/api/meetings/${m.meetingId}/audit`)).body.entries.map((e) => e.action);
    expect(entries.filter((e) => e.startsWith('amendment.'))).toEqual(['amendment.created', 'amendment.created', 'amendment.withdrawn', 'amendment.created']);
  });

  it('[AM2] during an amendment vote the document stays open: edits elsewhere go through, an edit inside a frozen suggestion is held back and comes back after the vote', async () => {
    const { url, rooms } = await server();
    const m = await votingMeeting(url);
    const { a } = await draftArticles(url, m);
    const b = await client(url, m, 'minh');
    const c = await client(url, m, 'lan');
    await expect.poll(() => listSuggestions(b.doc).length).toBe(3);

    const am = await made(m, ['sIns', 'sDel']);
    const opened = await open(m, am.id);
    expect(opened.amendment?.frozen).toBe(true);
    const room = rooms.loadedRoom(m.documentId)!;
    expect(opened.version?.contentHash).toBe(contentHash(Y.encodeStateAsUpdate(room.doc)));
    expect((await m.as.dung!.get<DocumentDetail>(`/api/documents/${m.documentId}`)).body).toMatchObject({ lock: null, access: 'write' });

    // Elsewhere, even in the same paragraph beside the suggestions, and in the other article's suggestion: through.
    const clause9 = (c.doc.getXmlFragment('default').get(c.doc.getXmlFragment('default').length - 1) as Y.XmlElement).get(0) as Y.XmlText;
    clause9.insert(clause9.length, ' Lan bổ sung.', {});
    await expect.poll(() => lastTwo(b.doc)[2]).toBe('Kinh phí từ nguồn tự chủ của Trung tâm. Lan bổ sung.');

    // Inside the frozen insertion "trong quý I ": held back, and the rest of what that peer sends with it.
    const clause8 = (a.doc.getXmlFragment('default').get(a.doc.getXmlFragment('default').length - 3) as Y.XmlElement).get(0) as Y.XmlText;
    const inside = '1. Giao Giám đốc tổ chức ngay thực hiện trong'.length;
    // As the editor types inside a marked run: the run's marks carry on over the new text.
    clause8.insert(inside, ' hết', { [SUGGEST_INSERT]: mark('sIns', m, 'lan') });
    paragraph(a.doc, ['Dũng viết thêm trong lúc biểu quyết.']);
    await settle();
    expect(paragraphs(b.doc)).not.toContain('Dũng viết thêm trong lúc biểu quyết.');
    expect(paragraphs(room.doc).at(-3)).toBe('1. Giao Giám đốc tổ chức ngay thực hiện trong quý I và báo cáo.');
    // Deleting frozen text is held back too (here from a peer that was not held yet).
    const clause8c = (c.doc.getXmlFragment('default').get(c.doc.getXmlFragment('default').length - 3) as Y.XmlElement).get(0) as Y.XmlText;
    clause8c.delete('1. Giao Giám đốc tổ chức '.length, 2);
    await settle();
    expect(paragraphs(room.doc).at(-3)).toBe('1. Giao Giám đốc tổ chức ngay thực hiện trong quý I và báo cáo.');

    await vote(m, am.id, { kien: 'for', ha: 'for', dung: 'for', lan: 'for' });
    const closed = (await m.as.kien!.post<MotionView>(`/api/motions/${am.id}/close`)).body;
    expect(closed.outcome).toBe('adopted');
    // After the vote the held edits come back and merge with the adopted text.
    await expect.poll(() => paragraphs(b.doc)).toContain('Dũng viết thêm trong lúc biểu quyết.');
    await expect.poll(() => paragraphs(b.doc).at(-4)).toMatch(/^1\. Giao Giám đốc tổ chức thực hiện trong hết quý I và báo cáo\.$/);
    await expect.poll(() => [paragraphs(a.doc), paragraphs(c.doc)]).toEqual([paragraphs(room.doc), paragraphs(room.doc)]);
  });

  it('[AM3] an adopted amendment applies exactly its suggestions, takes a version whose hash is the stored text, and lifts the freeze', async () => {
    const { url, rooms } = await server();
    const m = await votingMeeting(url);
    const { a } = await draftArticles(url, m);
    await settle();
    const am = await made(m, ['sIns', 'sDel']);
    await open(m, am.id);
    await vote(m, am.id, { kien: 'for', ha: 'for', dung: 'for', lan: 'against' });
    const closed = (await m.as.kien!.post<MotionView>(`/api/motions/${am.id}/close`)).body;
    expect(closed).toMatchObject({ outcome: 'adopted', amendment: { frozen: false } });
    const room = rooms.loadedRoom(m.documentId)!;
    expect(paragraphs(room.doc).slice(-4)).toEqual([
      'Điều 8. Nhiệm vụ năm 2024',
      '1. Giao Giám đốc tổ chức thực hiện trong quý I và báo cáo.',
      'Điều 9. Kinh phí',
      'Kinh phí từ nguồn tự chủ của Trung tâm.',
    ]);
    // The other article's suggestion is untouched, still a suggestion.
    expect(listSuggestions(room.doc).map((s) => s.id)).toEqual(['sOther']);
    const versionId = closed.amendment!.resultVersionId!;
    const version = (await m.as.dung!.get<VersionContent>(`/api/versions/${versionId}`)).body;
    expect(version).toMatchObject({ kind: 'amendment', label: 'Sau sửa đổi: Sửa đổi Điều 8, khoản 1', motionId: am.id });
    expect(version.contentHash).toBe(contentHash(Y.encodeStateAsUpdate(room.doc)));
    await expect.poll(() => paragraphs(a.doc).at(-3)).toBe('1. Giao Giám đốc tổ chức thực hiện trong quý I và báo cáo.');
    // Open again: an edit of what was the amendment's text now goes through.
    const clause8 = (a.doc.getXmlFragment('default').get(a.doc.getXmlFragment('default').length - 3) as Y.XmlElement).get(0) as Y.XmlText;
    clause8.insert(0, '(sửa) ', {});
    await expect.poll(() => paragraphs(room.doc).at(-3)).toBe('(sửa) 1. Giao Giám đốc tổ chức thực hiện trong quý I và báo cáo.');
    const actions = (await m.as.kien!.get<AuditView>(`/api/meetings/${m.meetingId}/audit`)).body.entries.map((e) => e.action);
    expect(actions).toContain('amendment.adopted');
    expect(actions).not.toContain('document.frozen');
    expect(actions).not.toContain('document.adopted');
  });

  it('[AM3] an amendment closed whose outcome is not in the text yet stays pending, and closing it again applies it', async () => {
    const { url, sql: q } = await server();
    const m = await votingMeeting(url);
    await draftArticles(url, m);
    await settle();
    const am = await made(m, ['sOther']);
    await open(m, am.id);
    await vote(m, am.id, { kien: 'for', ha: 'for', dung: 'for' });
    await m.as.kien!.post(`/api/motions/${am.id}/close`);
    // As if the step after the close had failed (the server stopped, storage refused).
    await sql`UPDATE amendments SET settled_at = NULL, result_version_id = NULL WHERE motion_id = ${am.id}`.execute(q);
    const final = await motion(m);
    expect((await m.as.kien!.post(`/api/motions/${final.id}/open`)).body.code).toBe('amendments_pending');
    expect((await m.as.dung!.get<MotionView>(`/api/motions/${am.id}`)).body.amendment).toMatchObject({ frozen: true, settledAt: null });
    const again = await m.as.kien!.post<MotionView>(`/api/motions/${am.id}/close`);
    expect(again.status).toBe(200);
    expect(again.body.amendment).toMatchObject({ frozen: false, resultVersionId: expect.any(String) });
    expect((await m.as.kien!.post<MotionView>(`/api/motions/${final.id}/open`)).body.status).toBe('open');
  });

  it('[AM4] a rejected amendment rejects its suggestions in the text; what they proposed stays in the motion’s record', async () => {
    const { url, rooms } = await server();
    const m = await votingMeeting(url);
    await draftArticles(url, m);
    await settle();
    const am = await made(m, ['sIns', 'sDel']);
    await open(m, am.id);
    await vote(m, am.id, { kien: 'against', ha: 'against', dung: 'for' });
    const closed = (await m.as.kien!.post<MotionView>(`/api/motions/${am.id}/close`)).body;
    expect(closed).toMatchObject({ outcome: 'rejected', amendment: { frozen: false, resultVersionId: null } });
    const room = rooms.loadedRoom(m.documentId)!;
    expect(paragraphs(room.doc).at(-3)).toBe('1. Giao Giám đốc tổ chức ngay thực hiện và báo cáo.');
    expect(listSuggestions(room.doc).map((s) => s.id)).toEqual(['sOther']);
    const record = (await m.as.khoi!.get<MotionView>(`/api/motions/${am.id}`)).body.amendment!;
    expect(record.clauses[0]).toMatchObject({ after: '1. Giao Giám đốc tổ chức thực hiện trong quý I và báo cáo.' });
    const entries = (await m.as.kien!.get<AuditView>(`/api/meetings/${m.meetingId}/audit`)).body.entries;
    expect(entries.find((e) => e.action === 'amendment.rejected')?.payload).toMatchObject({ motionId: am.id, outcome: 'rejected' });
  });

  it('[AM6] the minutes’ vote-result block bound to an amendment gets its sentence, naming the amendment', async () => {
    const { url } = await server();
    const m = await votingMeeting(url);
    await draftArticles(url, m);
    await settle();
    const minutes = (await m.as.ha!.post(`/api/meetings/${m.meetingId}/documents`, { kind: 'BB' })).body.id as string;
    const am = await made(m, ['sOther']);
    const secretary = tracked(url, minutes, { token: await tokenFor(m.admin, m.people.ha!.userId, 'ha') });
    await whenSynced(secretary);
    const block = new Y.XmlElement('voteResult');
    block.setAttribute('motionId', am.id);
    block.setAttribute('text', '');
    const body = secretary.doc.getXmlFragment('default');
    body.insert(body.length, [block]);
    await open(m, am.id);
    await vote(m, am.id, { kien: 'for', ha: 'for', dung: 'for', lan: 'against', minh: 'abstain' });
    await m.as.kien!.post(`/api/motions/${am.id}/close`);
    await expect
      .poll(() => block.getAttribute('text'))
      .toBe(
        'Sửa đổi Điều 9 — Kết quả biểu quyết: 03/05 đại biểu có mặt lúc mở biểu quyết tán thành (60,0%), 01 không tán thành (20,0%), ' +
          '01 không biểu quyết (20,0%). Sửa đổi được thông qua.',
      );
  });

  it('[AM5] the final vote on the text is refused while an amendment to it is pending, and allowed once the chair withdraws or postpones it', async () => {
    const { url } = await server();
    const m = await votingMeeting(url);
    await draftArticles(url, m);
    await settle();
    const am = await made(m, ['sIns']);
    const final = await motion(m);
    const refused = await m.as.kien!.post(`/api/motions/${final.id}/open`);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('amendments_pending');
    // Only the chair sets an amendment aside.
    expect((await m.as.ha!.post(`/api/motions/${am.id}/set-aside`, { action: 'postpone' })).status).toBe(403);
    expect((await m.as.kien!.post<MotionView>(`/api/motions/${am.id}/set-aside`, { action: 'postpone' })).body.amendment?.setAside).toBe('postponed');
    expect((await m.as.kien!.post(`/api/motions/${am.id}/open`)).body.code).toBe('amendment_set_aside');
    // Brought back, it is pending again.
    expect((await m.as.kien!.post<MotionView>(`/api/motions/${am.id}/set-aside`, { action: 'resume' })).body.amendment?.setAside).toBe(null);
    expect((await m.as.kien!.post(`/api/motions/${final.id}/open`)).body.code).toBe('amendments_pending');
    // An open amendment cannot be set aside; a plain motion is not an amendment.
    expect((await m.as.kien!.post(`/api/motions/${final.id}/set-aside`, { action: 'withdraw' })).body.code).toBe('not_an_amendment');
    await m.as.kien!.post(`/api/motions/${am.id}/set-aside`, { action: 'withdraw' });
    const opened = await open(m, final.id);
    expect(opened.status).toBe('open');
    const actions = (await m.as.kien!.get<AuditView>(`/api/meetings/${m.meetingId}/audit`)).body.entries.map((e) => e.action);
    expect(actions.filter((e) => e.startsWith('amendment.'))).toEqual(['amendment.created', 'amendment.postponed', 'amendment.resumed', 'amendment.withdrawn']);
  });

  it('[SG10][AM3][AM4] an amendment of a suggested paragraph: a new clause in its record, frozen whole while voted, adopted it stays as ordinary text, rejected it goes', async () => {
    const { url, rooms } = await server();
    const m = await votingMeeting(url);
    const a = await client(url, m, 'lan');
    const b = await client(url, m, 'minh');
    // Two articles, plain (written by Lan's client, so that every suggestion in the text is hers: SG16).
    paragraph(a.doc, ['Điều 8. Nhiệm vụ năm 2024']);
    paragraph(a.doc, ['1. Giao Giám đốc tổ chức thực hiện.']);
    paragraph(a.doc, ['Điều 9. Kinh phí']);
    paragraph(a.doc, ['Kinh phí từ nguồn tự chủ của Trung tâm.']);
    // Lan suggests a clause 2 in Điều 8 and a paragraph at the end of Điều 9, each a paragraph of its own.
    const body = a.doc.getXmlFragment('default');
    const suggestParagraph = (index: number, id: string, words: string) => {
      const attrs = mark(id, m, 'lan');
      const p = new Y.XmlElement('paragraph');
      p.setAttribute(SUGGESTED_PARAGRAPH, attrs as unknown as string);
      const t = new Y.XmlText();
      a.doc.transact(() => {
        p.insert(0, [t]);
        body.insert(index, [p]);
        t.insert(0, words, { [SUGGEST_INSERT]: attrs });
      });
    };
    suggestParagraph(body.length - 2, 'sNew', '2. Báo cáo hằng quý.');
    suggestParagraph(body.length, 'sEnd', 'Kinh phí bổ sung khi cần.');
    await expect.poll(() => listSuggestions(b.doc).map((x) => x.id)).toEqual(['sNew', 'sEnd']);

    const adopt = await made(m, ['sNew']);
    expect(adopt.title).toBe('Sửa đổi Điều 8, khoản 2');
    expect(adopt.amendment!.clauses).toEqual([{ article: 8, clause: 2, before: '', after: '2. Báo cáo hằng quý.', added: true }]);
    await open(m, adopt.id);
    // While it is voted on, a word typed into the paragraph (at its end, unmarked) is held back.
    const room = rooms.loadedRoom(m.documentId)!;
    const newIndex = () => paragraphs(room.doc).indexOf('2. Báo cáo hằng quý.');
    const inB = (b.doc.getXmlFragment('default').get(newIndex()) as Y.XmlElement).get(0) as Y.XmlText;
    inB.insert(inB.length, ' Thêm', {});
    await settle();
    expect(paragraphs(room.doc)).toContain('2. Báo cáo hằng quý.');
    await vote(m, adopt.id, { kien: 'for', ha: 'for', dung: 'for', lan: 'for' });
    expect((await m.as.kien!.post<MotionView>(`/api/motions/${adopt.id}/close`)).body.outcome).toBe('adopted');
    const adopted = room.doc.getXmlFragment('default').get(paragraphs(room.doc).findIndex((p) => p.startsWith('2. Báo cáo hằng quý.'))) as Y.XmlElement;
    expect(adopted.getAttribute(SUGGESTED_PARAGRAPH)).toBeUndefined();
    expect(paragraphs(room.doc).slice(-5, -3)).toEqual(['1. Giao Giám đốc tổ chức thực hiện.', expect.stringMatching(/^2\. Báo cáo hằng quý\./u)]);
    expect(listSuggestions(room.doc).map((x) => x.id)).toEqual(['sEnd']);

    const reject = await made(m, ['sEnd']);
    await open(m, reject.id);
    await vote(m, reject.id, { kien: 'against', ha: 'against', dung: 'for' });
    expect((await m.as.kien!.post<MotionView>(`/api/motions/${reject.id}/close`)).body.outcome).toBe('rejected');
    expect(paragraphs(room.doc).at(-1)).toBe('Kinh phí từ nguồn tự chủ của Trung tâm.');
    expect(listSuggestions(room.doc)).toEqual([]);
    await expect.poll(() => [paragraphs(a.doc), paragraphs(b.doc)]).toEqual([paragraphs(room.doc), paragraphs(room.doc)]);
  });
});
