import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/protocol.ts';
import { MemoryPeer } from '../../test/helpers/memory-peer.ts';
import { roomManagers } from '../../test/helpers/rooms.ts';
import { until } from '../../test/helpers/wait.ts';
import { SUGGEST_DELETE, SUGGEST_INSERT, SUGGESTED_PARAGRAPH, type SuggestionAttrs } from '../../shared/editor/suggestion-marks.ts';
import { SuggestGate } from './suggest-gate.ts';

const ME = 'u-an';
const mine = (id = 's1'): SuggestionAttrs => ({ id, by: ME, name: 'Nguyễn Văn An', at: '2026-12-03T08:00:00.000Z' });
const others = (id = 's9'): SuggestionAttrs => ({ id, by: 'u-binh', name: 'Trần Thị Bình', at: '2026-12-03T08:00:00.000Z' });

/** The room's document: two paragraphs, the second empty; one of An's insertions and one of Bình's in the first. */
function room(): Y.Doc {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment('default');
  const p1 = new Y.XmlElement('paragraph');
  const t1 = new Y.XmlText();
  p1.insert(0, [t1]);
  fragment.insert(0, [p1, new Y.XmlElement('paragraph')]);
  // 0–24 plain, 25–28 An's insertion, 29–33 Bình's.
  t1.insert(0, 'Điều 1. Thông qua báo cáo');
  t1.insert(25, ' năm', { [SUGGEST_INSERT]: mine('s0') });
  t1.insert(29, ' 2023', { [SUGGEST_INSERT]: others() });
  return doc;
}

/** What a client holding a copy of `doc` sends after `edit`. */
function updateOf(doc: Y.Doc, edit: (fragment: Y.XmlFragment, doc: Y.Doc) => void): Uint8Array {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(doc));
  const before = Y.encodeStateVector(client);
  edit(client.getXmlFragment('default'), client);
  return Y.encodeStateAsUpdate(client, before);
}

const firstText = (f: Y.XmlFragment) => (f.get(0) as Y.XmlElement).get(0) as Y.XmlText;

describe('the suggestion gate', () => {
  const admitted: [string, (f: Y.XmlFragment) => void][] = [
    ['text inserted with the author’s own insertion mark', (f) => firstText(f).insert(8, 'Nhất trí ', { [SUGGEST_INSERT]: mine() })],
    ['the author’s own deletion mark added on text', (f) => firstText(f).format(8, 9, { [SUGGEST_DELETE]: mine() })],
    ['the author’s own deletion mark added on another’s insertion', (f) => firstText(f).format(29, 5, { [SUGGEST_DELETE]: mine() })],
    ['the author’s own suggested insertion deleted', (f) => firstText(f).delete(25, 4)],
    [
      'text typed into an empty paragraph, as the author’s suggestion',
      (f) => {
        const t = new Y.XmlText();
        t.insert(0, 'Điều 2.', { [SUGGEST_INSERT]: mine() });
        (f.get(1) as Y.XmlElement).insert(0, [t]);
      },
    ],
  ];
  for (const [what, edit] of admitted) {
    it(`[SG4] admits ${what}`, () => {
      const doc = room();
      const gate = new SuggestGate(doc);
      expect(gate.refusal(ME, updateOf(doc, edit))).toBeNull();
    });
  }

  const refused: [string, (f: Y.XmlFragment, d: Y.Doc) => void][] = [
    ['text inserted without a mark', (f) => firstText(f).insert(8, 'Nhất trí ')],
    ['text inserted with another person’s insertion mark', (f) => firstText(f).insert(8, 'Nhất trí ', { [SUGGEST_INSERT]: others('s2') })],
    ['text deleted outright', (f) => firstText(f).delete(0, 8)],
    ['another person’s suggested insertion deleted', (f) => firstText(f).delete(29, 5)],
    ['another person’s deletion mark', (f) => firstText(f).format(8, 9, { [SUGGEST_DELETE]: others('s3') })],
    ['formatting changed', (f) => firstText(f).format(0, 7, { bold: {} })],
    ['a suggestion accepted by removing its mark', (f) => firstText(f).format(29, 5, { [SUGGEST_INSERT]: null })],
    ['a paragraph added', (f) => f.insert(1, [new Y.XmlElement('paragraph')])],
    ['a paragraph removed', (f) => f.delete(1, 1)],
    ['a node attribute changed', (f) => (f.get(0) as Y.XmlElement).setAttribute('textAlign', 'center')],
    ['another shared type written', (_f, d) => d.getMap('other').set('x', 1)],
  ];
  for (const [what, edit] of refused) {
    it(`[SG4] refuses ${what}`, () => {
      const doc = room();
      const gate = new SuggestGate(doc);
      expect(gate.refusal(ME, updateOf(doc, edit))).not.toBeNull();
    });
  }

  it('[SG4] the probe follows the room: a later suggestion is judged against the text as it is now', () => {
    const doc = room();
    const gate = new SuggestGate(doc);
    // The first check makes the probe; the room then changes (another person's plain edit, applied by the room).
    expect(gate.refusal(ME, updateOf(doc, (f) => firstText(f).insert(0, 'A', { [SUGGEST_INSERT]: mine() })))).toBeNull();
    Y.applyUpdate(doc, updateOf(doc, (f) => firstText(f).insert(0, 'A', { [SUGGEST_INSERT]: mine() })));
    Y.applyUpdate(doc, updateOf(doc, (f) => firstText(f).insert(0, 'Xin: ')));
    // Deleting An's own insertion, which only exists in the room's current text, is admitted.
    expect(gate.refusal(ME, updateOf(doc, (f) => firstText(f).delete(5, 1)))).toBeNull();
    // After a refusal the probe is rebuilt from the room, so a refused update leaves no trace in it.
    expect(gate.refusal(ME, updateOf(doc, (f) => firstText(f).delete(0, 5)))).not.toBeNull();
    expect(gate.refusal(ME, updateOf(doc, (f) => firstText(f).format(0, 5, { [SUGGEST_DELETE]: mine('s5') })))).toBeNull();
  });

  /** A paragraph suggested whole: its attribute `whose`, its text `words` with the insertion mark `marked` (or none). */
  const paragraph = (whose: SuggestionAttrs | null, words = '', marked: SuggestionAttrs | null = whose, extra: Record<string, unknown> = {}) => {
    const p = new Y.XmlElement('paragraph');
    if (whose) p.setAttribute(SUGGESTED_PARAGRAPH, whose as unknown as string);
    for (const [key, value] of Object.entries(extra)) p.setAttribute(key, value as string);
    if (words) {
      const t = new Y.XmlText();
      p.insert(0, [t]);
      t.insert(0, words, marked ? { [SUGGEST_INSERT]: marked } : {});
    }
    return p;
  };
  /** The room with An's suggested paragraph (holding `words`, his insertion unless `marked` says otherwise) third. */
  const withParagraph = (whose: SuggestionAttrs, words = '3. Khen thưởng.', marked: SuggestionAttrs | null = whose) => {
    const doc = room();
    doc.getXmlFragment('default').insert(2, [paragraph(whose, words, marked)]);
    return doc;
  };

  const paragraphsAdmitted: [string, () => Y.Doc, (f: Y.XmlFragment) => void][] = [
    ['an empty paragraph of the author’s own suggestion added to the body', room, (f) => f.insert(1, [paragraph(mine('sP'))])],
    ['such a paragraph added with the author’s suggested text in it', room, (f) => f.insert(2, [paragraph(mine('sP'), '3. Khen thưởng.')])],
    ['text typed in the author’s suggested paragraph', () => withParagraph(mine('sP')), (f) => ((f.get(2) as Y.XmlElement).get(0) as Y.XmlText).insert(15, ' Mới', { [SUGGEST_INSERT]: mine('sP') })],
    ['the author’s suggested paragraph removed', () => withParagraph(mine('sP')), (f) => f.delete(2, 1)],
    ['the author’s empty suggested paragraph removed', () => withParagraph(mine('sP'), ''), (f) => f.delete(2, 1)],
  ];
  for (const [what, start, edit] of paragraphsAdmitted) {
    it(`[SG11] admits ${what}`, () => {
      const doc = start();
      expect(new SuggestGate(doc).refusal(ME, updateOf(doc, edit))).toBeNull();
    });
  }

  const paragraphsRefused: [string, () => Y.Doc, (f: Y.XmlFragment) => void][] = [
    ['a paragraph added without the suggestion attribute', room, (f) => f.insert(1, [paragraph(null)])],
    ['a paragraph added under someone else’s suggestion', room, (f) => f.insert(1, [paragraph(others('sP'))])],
    ['a suggested paragraph holding unmarked text', room, (f) => f.insert(1, [paragraph(mine('sP'), 'Sửa thẳng', null)])],
    ['a suggested paragraph holding someone else’s insertion', room, (f) => f.insert(1, [paragraph(mine('sP'), 'Của Bình', others('s9'))])],
    ['a suggested paragraph with another attribute', room, (f) => f.insert(1, [paragraph(mine('sP'), '', mine('sP'), { textAlign: 'center' })])],
    ['a suggestion attribute a hostile peer wrote', room, (f) => f.insert(1, [paragraph({ id: '"><img>', by: ME, name: '', at: '' })])],
    ['a suggested heading', room, (f) => {
      const h = new Y.XmlElement('heading');
      h.setAttribute(SUGGESTED_PARAGRAPH, mine('sP') as unknown as string);
      f.insert(1, [h]);
    }],
    ['a suggested paragraph inside another node (a table cell, the header’s column)', room, (f) => (f.get(1) as Y.XmlElement).insert(0, [paragraph(mine('sP'))])],
    ['someone else’s suggested paragraph removed', () => withParagraph(others('sP')), (f) => f.delete(2, 1)],
    ['the author’s suggested paragraph removed with text in it not theirs', () => withParagraph(mine('sP'), 'Chủ tọa viết', null), (f) => f.delete(2, 1)],
    ['the attribute taken off the author’s own suggested paragraph', () => withParagraph(mine('sP')), (f) => (f.get(2) as Y.XmlElement).removeAttribute(SUGGESTED_PARAGRAPH)],
    ['an ordinary paragraph given the suggestion attribute', room, (f) => (f.get(1) as Y.XmlElement).setAttribute(SUGGESTED_PARAGRAPH, mine('sP') as unknown as string)],
  ];
  for (const [what, start, edit] of paragraphsRefused) {
    it(`[SG11] refuses ${what}`, () => {
      const doc = start();
      expect(new SuggestGate(doc).refusal(ME, updateOf(doc, edit))).not.toBeNull();
    });
  }

  it('[SG11] admits an attribute set again to the value it had (no change in effect)', () => {
    const doc = withParagraph(mine('sP'));
    expect(new SuggestGate(doc).refusal(ME, updateOf(doc, (f) => (f.get(2) as Y.XmlElement).setAttribute(SUGGESTED_PARAGRAPH, mine('sP') as unknown as string)))).toBeNull();
  });

  const managers = roomManagers();

  it('[SG4] in a room, a refused update is not applied, stored or relayed, and closes only that connection with 4422', async () => {
    const rooms = managers();
    const chair = MemoryPeer.join(rooms, 'd', { name: 'chair' });
    const delegate = MemoryPeer.join(rooms, 'd', {
      name: 'delegate',
      suggestOnly: true,
      principal: { userId: ME, meetingId: 'm', credential: 'c' },
    });
    const other = MemoryPeer.join(rooms, 'd', { name: 'other' });
    await until(() => rooms.stats().connections === 3);
    chair.doc.transact(() => {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText('Điều 1.')]);
      chair.doc.getXmlFragment('default').insert(0, [p]);
    });
    await until(() => firstTextOf(delegate.doc)?.toString() === 'Điều 1.');

    firstTextOf(delegate.doc)!.insert(7, ' Nhất trí.', { [SUGGEST_INSERT]: mine() });
    await until(() => (firstTextOf(other.doc)?.length ?? 0) === 'Điều 1. Nhất trí.'.length);
    firstTextOf(delegate.doc)!.insert(0, 'Sửa thẳng ');
    await until(() => delegate.closedWith !== null);
    expect(delegate.closedWith?.code).toBe(CloseCode.SuggestionsOnly);
    // The chair still writes; nobody ever sees the refused words, and the room does not hold them.
    firstTextOf(chair.doc)!.insert(0, '— ');
    await until(() => firstTextOf(other.doc)?.toString().startsWith('— ') === true);
    const room = rooms.loadedRoom('d')!;
    await room.whenPersisted();
    for (const doc of [other.doc, chair.doc, room.doc]) expect(firstTextOf(doc)!.toDelta()).not.toContainEqual(expect.objectContaining({ insert: expect.stringContaining('Sửa thẳng') }));
    expect(plainOf(room.doc)).toBe('— Điều 1. Nhất trí.');
    expect(chair.closedWith).toBeNull();
  });
});

function firstTextOf(doc: Y.Doc): Y.XmlText | undefined {
  return (doc.getXmlFragment('default').get(0) as Y.XmlElement | undefined)?.get(0) as Y.XmlText | undefined;
}

function plainOf(doc: Y.Doc): string {
  return (firstTextOf(doc)!.toDelta() as { insert: string }[]).map((op) => op.insert).join('');
}
