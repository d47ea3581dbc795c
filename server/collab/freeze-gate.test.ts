import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SUGGEST_DELETE, SUGGEST_INSERT, SUGGESTED_PARAGRAPH, type SuggestionAttrs } from '../../shared/editor/suggestion-marks.ts';
import { FreezeGate } from './freeze-gate.ts';

const attrs = (id: string): SuggestionAttrs => ({ id, by: 'u-an', name: 'Nguyễn Văn An', at: '2026-12-03T08:00:00.000Z' });
const FROZEN = new Set(['sF', 'sD']);

/** Two paragraphs: the first has a frozen insertion (8–15) and a frozen deletion (20–24); the second none. */
function room(): Y.Doc {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment('default');
  const p1 = new Y.XmlElement('paragraph');
  const t1 = new Y.XmlText();
  p1.insert(0, [t1]);
  const p2 = new Y.XmlElement('paragraph');
  const t2 = new Y.XmlText();
  p2.insert(0, [t2]);
  fragment.insert(0, [p1, p2]);
  t1.insert(0, 'Giao cho');
  t1.insert(8, ' Giám đốc', { [SUGGEST_INSERT]: attrs('sF') });
  t1.insert(17, ' tổ ', {});
  t1.insert(21, 'ngay', { [SUGGEST_DELETE]: attrs('sD') });
  t1.insert(25, ' thực hiện.', {});
  t2.insert(0, 'Điều 2. Kinh phí', {});
  return doc;
}

function updateOf(doc: Y.Doc, edit: (fragment: Y.XmlFragment) => void): Uint8Array {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(doc));
  const before = Y.encodeStateVector(client);
  edit(client.getXmlFragment('default'));
  return Y.encodeStateAsUpdate(client, before);
}

const text = (f: Y.XmlFragment, i: number) => (f.get(i) as Y.XmlElement).get(0) as Y.XmlText;

describe('the freeze gate', () => {
  const admitted: [string, (f: Y.XmlFragment) => void][] = [
    ['text typed in another paragraph', (f) => text(f, 1).insert(3, 'mới ', {})],
    ['text typed in the same paragraph, away from the suggestions', (f) => text(f, 0).insert(0, 'Đề nghị ', {})],
    ['text typed right after a frozen run, not inside it', (f) => text(f, 0).insert(17, ',', {})],
    ['plain text deleted beside a frozen run', (f) => text(f, 0).delete(17, 4)],
    ['another paragraph deleted', (f) => f.delete(1, 1)],
    ['a suggestion not frozen', (f) => text(f, 1).format(0, 6, { [SUGGEST_DELETE]: attrs('sOther') })],
  ];
  const touching: [string, (f: Y.XmlFragment) => void][] = [
    ['text typed inside a frozen insertion', (f) => text(f, 0).insert(12, 'x', {})],
    ['text typed inside a frozen insertion, carrying its mark', (f) => text(f, 0).insert(12, 'x', { [SUGGEST_INSERT]: attrs('sF') })],
    ['text deleted from a frozen deletion', (f) => text(f, 0).delete(22, 1)],
    ['a frozen run made bold', (f) => text(f, 0).format(9, 3, { bold: true })],
    ['a frozen mark removed', (f) => text(f, 0).format(8, 9, { [SUGGEST_INSERT]: null })],
    ['text given a frozen id', (f) => text(f, 1).insert(0, 'y', { [SUGGEST_INSERT]: attrs('sF') })],
    ['the paragraph holding them deleted', (f) => f.delete(0, 1)],
    ['everything deleted', (f) => f.delete(0, f.length)],
  ];

  it.each(admitted)('[AM2] admits %s', (_what, edit) => {
    const doc = room();
    const gate = new FreezeGate(doc);
    expect(gate.touches(FROZEN, updateOf(doc, edit))).toBe(false);
  });

  it.each(touching)('[AM2] holds back %s', (_what, edit) => {
    const doc = room();
    const gate = new FreezeGate(doc);
    expect(gate.touches(FROZEN, updateOf(doc, edit))).toBe(true);
    // The probe that took it is dropped: the next check starts again from the room's document.
    expect(gate.touches(FROZEN, updateOf(doc, (f) => text(f, 1).insert(0, 'z', {})))).toBe(false);
  });

  it('[AM2] the probe follows the room between checks', () => {
    const doc = room();
    const gate = new FreezeGate(doc);
    expect(gate.touches(FROZEN, updateOf(doc, (f) => text(f, 1).insert(0, 'a', {})))).toBe(false);
    // Applied in the room (as the room does after the check), then an edit relative to it.
    Y.applyUpdate(doc, updateOf(doc, (f) => text(f, 0).insert(0, 'Đề nghị ', {})));
    expect(gate.touches(FROZEN, updateOf(doc, (f) => text(f, 0).insert(8 + 12, 'x', {})))).toBe(true);
    gate.release();
  });

  /** The room with a third paragraph suggested whole under `id` ("3. Khen thưởng."), after the other two. */
  const withParagraph = (id: string): Y.Doc => {
    const doc = room();
    const p = new Y.XmlElement('paragraph');
    p.setAttribute(SUGGESTED_PARAGRAPH, attrs(id) as unknown as string);
    const t = new Y.XmlText();
    p.insert(0, [t]);
    doc.getXmlFragment('default').insert(2, [p]);
    t.insert(0, '3. Khen thưởng.', { [SUGGEST_INSERT]: attrs(id) });
    return doc;
  };
  const newParagraph = (id: string) => {
    const p = new Y.XmlElement('paragraph');
    p.setAttribute(SUGGESTED_PARAGRAPH, attrs(id) as unknown as string);
    return p;
  };

  it.each([
    ['text typed in it, even unmarked at its end', (f: Y.XmlFragment) => text(f, 2).insert(15, ' Mới', {})],
    ['its text struck', (f: Y.XmlFragment) => text(f, 2).format(0, 2, { [SUGGEST_DELETE]: attrs('sOther') })],
    ['its attribute removed (accepted by hand)', (f: Y.XmlFragment) => (f.get(2) as Y.XmlElement).removeAttribute(SUGGESTED_PARAGRAPH)],
    ['its attribute changed', (f: Y.XmlFragment) => (f.get(2) as Y.XmlElement).setAttribute('textAlign', 'center')],
    ['the paragraph removed', (f: Y.XmlFragment) => f.delete(2, 1)],
    ['another paragraph added under its id', (f: Y.XmlFragment) => f.insert(3, [newParagraph('sF')])],
  ])('[SG11][AM2] holds back a change to a paragraph suggested whole under a frozen id: %s', (_what, edit) => {
    const doc = withParagraph('sF');
    const gate = new FreezeGate(doc);
    expect(gate.touches(FROZEN, updateOf(doc, edit))).toBe(true);
  });

  it('[SG11][AM2] admits edits beside a frozen suggested paragraph, and any change to one not frozen', () => {
    const frozen = withParagraph('sF');
    const gate = new FreezeGate(frozen);
    expect(gate.touches(FROZEN, updateOf(frozen, (f) => text(f, 1).insert(0, 'x', {})))).toBe(false);
    expect(gate.touches(FROZEN, updateOf(frozen, (f) => f.insert(3, [newParagraph('sOther')])))).toBe(false);
    const free = withParagraph('sOther');
    const other = new FreezeGate(free);
    expect(other.touches(FROZEN, updateOf(free, (f) => text(f, 2).insert(15, ' Mới', {})))).toBe(false);
    expect(other.touches(FROZEN, updateOf(free, (f) => f.delete(2, 1)))).toBe(false);
  });
});
