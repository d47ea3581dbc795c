import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SUGGEST_DELETE, SUGGEST_INSERT, SUGGESTED_PARAGRAPH, type SuggestionAttrs } from '../../shared/editor/suggestion-marks.ts';
import { CloseCode } from '../../shared/protocol.ts';
import { listSuggestions } from '../../shared/suggestions.ts';
import { serversForEachTest } from '../helpers/servers.ts';
import { memberClientsForEachTest, votingMeeting, type VotingMeeting } from '../helpers/votes.ts';

const server = serversForEachTest();
const client = memberClientsForEachTest();


/** The first run of text in the document (the template's header). */
function firstText(doc: Y.Doc): Y.XmlText {
  for (const node of doc.getXmlFragment('default').createTreeWalker((n) => n instanceof Y.XmlText)) {
    if (node instanceof Y.XmlText && node.length > 3) return node;
  }
  throw new Error('no text');
}

/** Plain text of a run, without its formatting. */
const plain = (text: Y.XmlText) => (text.toDelta() as { insert: unknown }[]).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');

function attrs(m: VotingMeeting, who: string, id: string): SuggestionAttrs {
  return { id, by: m.people[who]!.userId, name: who, at: '2026-12-03T08:00:00.000Z' };
}

const stored = async (rooms: { snapshot(id: string): Promise<Uint8Array> }, docId: string) => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, await rooms.snapshot(docId));
  return listSuggestions(doc).map((s) => `${s.id}:${s.by}`);
};

describe('suggestion authors', () => {
  it('[SG16] a person who edits directly cannot write a suggestion in someone else’s name; their own, and a split of an existing one, are taken', async () => {
    const { url, rooms } = await server();
    // Delegates edit directly here: the suggest gate does not check them, the authorship check does.
    const m = await votingMeeting(url);
    const ha = await client(url, m, 'ha');
    const dung = await client(url, m, 'dung');

    // Hà suggests a deletion of her own, and Dũng an insertion of his own: both taken.
    firstText(ha.doc).format(0, 2, { [SUGGEST_DELETE]: attrs(m, 'ha', 's-ha-1') });
    const own = firstText(dung.doc);
    own.insert(own.length, ' (Dũng)', { [SUGGEST_INSERT]: attrs(m, 'dung', 's-dung-1') });
    await expect.poll(() => stored(rooms, m.documentId)).toEqual(
      expect.arrayContaining([`s-ha-1:${m.people.ha!.userId}`, `s-dung-1:${m.people.dung!.userId}`]),
    );

    // What a split inside Hà's suggestion writes: her mark, her id, on other characters. Taken.
    await expect.poll(() => listSuggestions(dung.doc).some((s) => s.id === 's-ha-1')).toBe(true);
    firstText(dung.doc).format(2, 1, { [SUGGEST_DELETE]: attrs(m, 'ha', 's-ha-1') });
    await expect.poll(async () => (await stored(rooms, m.documentId)).filter((s) => s.startsWith('s-ha-1')).length).toBe(1);
    expect(dung.closeCodes).toEqual([]);

    // A new suggestion in Hà's name: refused, nothing of it stored, and the connection closed for good.
    const forged = firstText(dung.doc);
    forged.insert(0, 'Không ', { [SUGGEST_INSERT]: attrs(m, 'ha', 's-forged') });
    await expect.poll(() => dung.closeCodes).toEqual([CloseCode.SuggestionNotYours]);
    expect((await stored(rooms, m.documentId)).some((s) => s.startsWith('s-forged'))).toBe(false);
    expect(ha.closeCodes).toEqual([]);
  });

  it('[SG16] nor a suggested paragraph in someone else’s name', async () => {
    const { url, rooms } = await server();
    const m = await votingMeeting(url);
    const minh = await client(url, m, 'minh');
    /** A paragraph at the end, its attribute naming `paragraphBy`, its text `textBy`'s insertion. */
    const suggested = (paragraphBy: string, textBy: string, id: string, words: string) => {
      const fragment = minh.doc.getXmlFragment('default');
      const paragraph = new Y.XmlElement('paragraph');
      const text = new Y.XmlText();
      minh.doc.transact(() => {
        paragraph.setAttribute(SUGGESTED_PARAGRAPH, attrs(m, paragraphBy, id) as unknown as string);
        paragraph.insert(0, [text]);
        text.insert(0, words, { [SUGGEST_INSERT]: attrs(m, textBy, id) });
        fragment.insert(fragment.length, [paragraph]);
      });
    };
    // His own: taken.
    suggested('minh', 'minh', 's-minh-p', '3. Bổ sung khoản 3.');
    await expect.poll(() => stored(rooms, m.documentId)).toEqual([`s-minh-p:${m.people.minh!.userId}`]);
    // In Hoa's name, the paragraph's attribute alone naming her (its text his own): refused, nothing stored.
    suggested('hoa', 'minh', 's-hoa-p', '4. Khoản của Hoa.');
    await expect.poll(() => minh.closeCodes).toEqual([CloseCode.SuggestionNotYours]);
    expect(await stored(rooms, m.documentId)).toEqual([`s-minh-p:${m.people.minh!.userId}`]);
  });

  it('[SG16] a known suggestion cannot be taken over under another author, and a suggestion wholly deleted may come back by undo', async () => {
    const { url, rooms } = await server();
    const m = await votingMeeting(url);
    const ha = await client(url, m, 'ha');
    const lan = await client(url, m, 'lan');
    const text = firstText(ha.doc);
    text.insert(text.length, ' (Hà)', { [SUGGEST_INSERT]: attrs(m, 'ha', 's-ha-2') });
    await expect.poll(() => listSuggestions(lan.doc).some((s) => s.id === 's-ha-2')).toBe(true);

    // Lan deletes Hà's suggestion with the text around it, then undoes: the same suggestion comes back, taken.
    const undo = new Y.UndoManager(lan.doc.getXmlFragment('default'));
    const mine = firstText(lan.doc);
    const at = plain(mine).indexOf(' (Hà)');
    expect(at).toBeGreaterThan(0);
    mine.delete(at - 1, ' (Hà)'.length + 1);
    await expect.poll(async () => (await stored(rooms, m.documentId)).length).toBe(0);
    undo.undo();
    await expect.poll(() => stored(rooms, m.documentId)).toEqual([`s-ha-2:${m.people.ha!.userId}`]);
    expect(lan.closeCodes).toEqual([]);

    // Hà's id, written as Lan's own: refused (it would take Hà's suggestion over).
    const again = firstText(lan.doc);
    again.insert(0, 'Lan ', { [SUGGEST_INSERT]: attrs(m, 'lan', 's-ha-2') });
    await expect.poll(() => lan.closeCodes).toEqual([CloseCode.SuggestionNotYours]);
    expect(await stored(rooms, m.documentId)).toEqual([`s-ha-2:${m.people.ha!.userId}`]);
  });
});
