import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { AuditView, MeetingView, SuggestionDecisionView } from '../../shared/api.ts';
import { SUGGEST_DELETE, SUGGEST_INSERT, SUGGESTED_PARAGRAPH, type SuggestionAttrs } from '../../shared/editor/suggestion-marks.ts';
import { CloseCode } from '../../shared/protocol.ts';
import { listSuggestions } from '../../shared/suggestions.ts';
import { editorXml, typeParagraph, whenSynced } from '../helpers/clients.ts';
import { serversForEachTest } from '../helpers/servers.ts';
import { memberClientsForEachTest, motion, open, votingMeeting, type VotingMeeting } from '../helpers/votes.ts';

const server = serversForEachTest();
const client = memberClientsForEachTest();


/** The run of text in the document that contains `words` (the template's resolution has "Điều 1." … "Điều 3."). */
function textWith(doc: Y.Doc, words: string): Y.XmlText {
  for (const node of doc.getXmlFragment('default').createTreeWalker((n) => n instanceof Y.XmlText)) {
    if (node instanceof Y.XmlText && plain(node).includes(words)) return node;
  }
  throw new Error(`no text with “${words}”`);
}

/** Plain text of a run, without its formatting. */
const plain = (text: Y.XmlText) => (text.toDelta() as { insert: unknown }[]).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');

function by(m: VotingMeeting, who: string, id: string): SuggestionAttrs {
  return { id, by: m.people[who]!.userId, name: who, at: '2026-12-03T08:00:00.000Z' };
}

async function suggestOnly(m: VotingMeeting): Promise<void> {
  const res = await m.as.kien!.patch<MeetingView>(`/api/meetings/${m.meetingId}`, { delegatesSuggest: true });
  if (res.status !== 200) throw new Error(`setting: ${res.status} ${JSON.stringify(res.body)}`);
}

const serverSuggestions = async (rooms: { snapshot(id: string): Promise<Uint8Array> }, docId: string) => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, await rooms.snapshot(docId));
  return { doc, list: listSuggestions(doc) };
};

describe('suggestions', () => {
  it('[SG5] the chair sets "delegates suggest"; the permissions and the audit record say so, and sockets reconnect', async () => {
    const { url } = await server();
    const m = await votingMeeting(url);
    expect((await m.as.dung!.get<MeetingView>(`/api/meetings/${m.meetingId}`)).body).toMatchObject({
      delegatesSuggest: false,
      permissions: { suggestOnly: false, decideSuggestions: false },
    });
    expect((await m.as.dung!.patch(`/api/meetings/${m.meetingId}`, { delegatesSuggest: true })).status).toBe(403);
    // Sockets admitted under the old rule reconnect under the new one.
    const socket = await client(url, m, 'dung');
    await suggestOnly(m);
    await expect.poll(() => socket.closeCodes).toContain(CloseCode.AccessChanged);
    expect((await m.as.dung!.get<MeetingView>(`/api/meetings/${m.meetingId}`)).body).toMatchObject({
      delegatesSuggest: true,
      permissions: { suggestOnly: true, decideSuggestions: false },
    });
    expect((await m.as.ha!.get<MeetingView>(`/api/meetings/${m.meetingId}`)).body.permissions).toMatchObject({ suggestOnly: false, decideSuggestions: true });
    const audit = (await m.as.kien!.get<AuditView>(`/api/meetings/${m.meetingId}/audit`)).body;
    expect(audit.entries.find((e) => e.action === 'meeting.updated')?.payload).toMatchObject({ delegatesSuggest: true });
  });

  it('[SG4] the server refuses a direct edit from a delegate restricted to suggest mode, and takes a proper suggestion', async () => {
    const { url, rooms } = await server();
    const m = await votingMeeting(url);
    await suggestOnly(m);
    const chair = await client(url, m, 'kien');
    const delegate = await client(url, m, 'dung');
    // A proper suggestion: words inserted with Dũng's own insertion mark, and a word marked for deletion.
    const article = textWith(delegate.doc, 'Điều 1. ');
    delegate.doc.transact(() => {
      article.insert(plain(article).length, ' (đã rà soát)', { [SUGGEST_INSERT]: by(m, 'dung', 's-dung-1') });
      article.format(0, 4, { [SUGGEST_DELETE]: by(m, 'dung', 's-dung-1') });
    });
    await expect.poll(() => plain(textWith(chair.doc, 'Điều 1. '))).toContain('(đã rà soát)');
    const { list } = await serverSuggestions(rooms, m.documentId);
    expect(list).toMatchObject([{ id: 's-dung-1', inserted: ' (đã rà soát)', deleted: 'Điều' }]);
    expect(delegate.closeCodes).toEqual([]);

    // A direct edit: a new paragraph. Nothing of it is applied, and the connection is closed for good (once the
    // edit is kept as Dũng's draft of refused edits, SG13).
    const before = editorXml(chair.doc);
    typeParagraph(delegate.doc, 'Sửa thẳng vào văn bản');
    await expect.poll(() => delegate.closeCodes).toEqual([CloseCode.DirectEditsKept]);
    expect(editorXml((await serverSuggestions(rooms, m.documentId)).doc)).toBe(before);
    // The chair edits directly as ever.
    typeParagraph(chair.doc, 'Chủ tọa sửa trực tiếp');
    await expect.poll(async () => editorXml((await serverSuggestions(rooms, m.documentId)).doc)).toContain('Chủ tọa sửa trực tiếp');
    expect(editorXml((await serverSuggestions(rooms, m.documentId)).doc)).not.toContain('Sửa thẳng');
  });

  it('[SG2] a suggestion made offline merges as a suggestion, anchored where it was made', async () => {
    const { url, rooms } = await server();
    const m = await votingMeeting(url);
    await suggestOnly(m);
    const chair = await client(url, m, 'kien');
    const delegate = await client(url, m, 'dung');
    delegate.provider.disconnect();
    const offline = textWith(delegate.doc, 'Điều 2. ');
    const end = plain(offline).length;
    offline.insert(end, ' trong quý I', { [SUGGEST_INSERT]: by(m, 'dung', 's-offline') });
    // Meanwhile the chair changes the same paragraph before the suggestion.
    textWith(chair.doc, 'Điều 2. ').insert('Điều 2. '.length, 'Sửa: ');
    await expect.poll(async () => editorXml((await serverSuggestions(rooms, m.documentId)).doc)).toContain('Sửa: ');
    delegate.provider.connect();
    await whenSynced(delegate);
    await expect.poll(() => plain(textWith(chair.doc, 'Điều 2. '))).toContain('trong quý I');
    const { list, doc } = await serverSuggestions(rooms, m.documentId);
    expect(list).toMatchObject([{ id: 's-offline', by: m.people.dung!.userId, inserted: ' trong quý I', article: 2 }]);
    expect(plain(textWith(doc, 'Điều 2. '))).toMatch(/^Điều 2\. Sửa: .* trong quý I$/u);
    expect(editorXml(delegate.doc)).toBe(editorXml(chair.doc));
    expect(delegate.closeCodes).not.toContain(CloseCode.SuggestionsOnly);
  });

  it('[SG6] accepting through the API changes exactly that suggestion, as the acceptor, in the audit record', async () => {
    const { url, rooms } = await server();
    const m = await votingMeeting(url);
    await suggestOnly(m);
    const dung = await client(url, m, 'dung');
    const lan = await client(url, m, 'lan');
    const one = textWith(dung.doc, 'Điều 1. ');
    one.insert(plain(one).length, ' năm 2024', { [SUGGEST_INSERT]: by(m, 'dung', 's-dung') });
    await expect.poll(() => plain(textWith(lan.doc, 'Điều 1. '))).toContain('năm 2024');
    const three = textWith(lan.doc, 'Điều 3. ');
    three.format(0, 5, { [SUGGEST_DELETE]: by(m, 'lan', 's-lan') });
    await expect.poll(async () => (await serverSuggestions(rooms, m.documentId)).list.length).toBe(2);
    const beforeThree = plain(textWith((await serverSuggestions(rooms, m.documentId)).doc, 'Điều 3. '));

    const path = (verdict: string) => `/api/documents/${m.documentId}/suggestions/${verdict}`;
    expect((await m.as.dung!.post(path('accept'), { ids: ['s-dung'] })).body).toMatchObject({ code: 'forbidden' });
    expect((await m.as.kien!.post(path('accept'), { ids: ['s-nope'] })).body).toMatchObject({ code: 'suggestion_not_found' });
    expect((await m.as.kien!.post(path('accept'), { ids: [] })).status).toBe(400);
    const accepted = await m.as.kien!.post<SuggestionDecisionView>(path('accept'), { ids: ['s-dung'] });
    expect(accepted.body).toEqual({ ids: ['s-dung'] });

    const { doc, list } = await serverSuggestions(rooms, m.documentId);
    expect(plain(textWith(doc, 'Điều 1. '))).toMatch(/ năm 2024$/u);
    expect(list.map((s) => s.id)).toEqual(['s-lan']);
    expect(plain(textWith(doc, 'Điều 3. '))).toBe(beforeThree);
    // The editors follow.
    await expect.poll(() => listSuggestions(lan.doc).map((s) => s.id)).toEqual(['s-lan']);
    const audit = (await m.as.kien!.get<AuditView>(`/api/meetings/${m.meetingId}/audit`)).body;
    const entry = audit.entries.find((e) => e.action === 'suggestions.accepted');
    expect(entry).toMatchObject({
      actorId: m.people.kien!.userId,
      payload: { documentId: m.documentId, suggestionIds: ['s-dung'], authorIds: [m.people.dung!.userId] },
    });

    // The author withdraws her own; nobody else's.
    expect((await m.as.dung!.post(path('withdraw'), { ids: ['s-lan'] })).body).toMatchObject({ code: 'not_own_suggestion' });
    expect((await m.as.lan!.post<SuggestionDecisionView>(path('withdraw'), { authorId: m.people.lan!.userId })).body).toEqual({ ids: ['s-lan'] });
    const after = await serverSuggestions(rooms, m.documentId);
    expect(after.list).toEqual([]);
    expect(plain(textWith(after.doc, 'Điều 3. '))).toBe(beforeThree);
  });

  it('[SG6] a locked document refuses decisions on its suggestions; all of one article are decided together', async () => {
    const { url, rooms } = await server();
    const m = await votingMeeting(url);
    await suggestOnly(m);
    const dung = await client(url, m, 'dung');
    const two = textWith(dung.doc, 'Điều 2. ');
    dung.doc.transact(() => {
      two.insert(plain(two).length, ' A', { [SUGGEST_INSERT]: by(m, 'dung', 's-a') });
      two.insert(plain(two).length, ' B', { [SUGGEST_INSERT]: by(m, 'dung', 's-b') });
    });
    const one = textWith(dung.doc, 'Điều 1. ');
    one.insert(plain(one).length, ' C', { [SUGGEST_INSERT]: by(m, 'dung', 's-c') });
    await expect.poll(async () => (await serverSuggestions(rooms, m.documentId)).list.length).toBe(3);

    const path = (verdict: string) => `/api/documents/${m.documentId}/suggestions/${verdict}`;
    expect((await m.as.ha!.post<SuggestionDecisionView>(path('reject'), { article: 2 })).body.ids.sort()).toEqual(['s-a', 's-b']);
    const { doc, list } = await serverSuggestions(rooms, m.documentId);
    expect(list.map((s) => s.id)).toEqual(['s-c']);
    expect(plain(textWith(doc, 'Điều 2. '))).not.toMatch(/ A| B/u);

    const vote = await motion(m);
    await open(m, vote.id);
    expect((await m.as.ha!.post(path('accept'), { ids: ['s-c'] })).body).toMatchObject({ code: 'document_read_only' });
    expect((await serverSuggestions(rooms, m.documentId)).list.map((s) => s.id)).toEqual(['s-c']);
  });

  it('[SG11][SG10] a restricted delegate’s own suggested paragraph is admitted and listed, accepting it makes it ordinary text, and a bare new paragraph is refused (kept as her draft, 4423)', async () => {
    const { url, rooms } = await server();
    const m = await votingMeeting(url);
    await suggestOnly(m);
    const chair = await client(url, m, 'kien');
    const delegate = await client(url, m, 'dung');
    const body = (doc: Y.Doc) => doc.getXmlFragment('default');
    const indexOf = (doc: Y.Doc, words: string) => body(doc).toArray().findIndex((n) => n instanceof Y.XmlElement && n.toString().includes(words));
    const plainAt = (doc: Y.Doc, index: number) => {
      const el = body(doc).get(index) as Y.XmlElement;
      return el.toArray().map((t) => (t instanceof Y.XmlText ? plain(t) : '')).join('');
    };
    // Dũng opens a clause after "Điều 1." and types in it, as suggest mode writes it (Enter, then the words).
    const at = indexOf(delegate.doc, 'Điều 1. ') + 1;
    const clause = by(m, 'dung', 's-clause');
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.setAttribute(SUGGESTED_PARAGRAPH, clause as unknown as string);
    body(delegate.doc).insert(at, [paragraph]);
    const words = new Y.XmlText();
    paragraph.insert(0, [words]);
    words.insert(0, 'Khoản bổ sung.', { [SUGGEST_INSERT]: clause });
    await expect.poll(() => listSuggestions(chair.doc).map((x) => x.id)).toEqual(['s-clause']);
    const listed = await serverSuggestions(rooms, m.documentId);
    expect(listed.list).toMatchObject([{ id: 's-clause', by: m.people.dung!.userId, inserted: 'Khoản bổ sung.', paragraphs: 1, article: 1 }]);
    expect(indexOf(listed.doc, 'Khoản bổ sung.')).toBe(indexOf(listed.doc, 'Điều 1. ') + 1);
    expect(delegate.closeCodes).toEqual([]);

    // The chair accepts it: the paragraph stays where it is, ordinary text, in every copy.
    const path = (verdict: string) => `/api/documents/${m.documentId}/suggestions/${verdict}`;
    expect((await m.as.kien!.post<SuggestionDecisionView>(path('accept'), { ids: ['s-clause'] })).body).toEqual({ ids: ['s-clause'] });
    const accepted = await serverSuggestions(rooms, m.documentId);
    expect(accepted.list).toEqual([]);
    expect(plainAt(accepted.doc, at)).toBe('Khoản bổ sung.');
    expect((body(accepted.doc).get(at) as Y.XmlElement).getAttribute(SUGGESTED_PARAGRAPH)).toBeUndefined();
    await expect.poll(() => editorXml(delegate.doc)).toBe(editorXml(accepted.doc));
    await expect.poll(() => editorXml(chair.doc)).toBe(editorXml(accepted.doc));

    // A new paragraph without the attribute (its text marked as hers, all the same) is a change of structure.
    const before = editorXml(accepted.doc);
    const bare = new Y.XmlElement('paragraph');
    delegate.doc.transact(() => {
      body(delegate.doc).insert(at + 1, [bare]);
      const t = new Y.XmlText();
      bare.insert(0, [t]);
      t.insert(0, 'Đoạn không đánh dấu', { [SUGGEST_INSERT]: by(m, 'dung', 's-bare') });
    });
    // Refused, and kept as her draft of refused edits (SG13): nothing of it in the text.
    await expect.poll(() => delegate.closeCodes).toEqual([CloseCode.DirectEditsKept]);
    expect(editorXml((await serverSuggestions(rooms, m.documentId)).doc)).toBe(before);
    expect(editorXml(chair.doc)).not.toContain('Đoạn không đánh dấu');
  });
});
