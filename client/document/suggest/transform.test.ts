import { EditorState, TextSelection, type Transaction } from '@tiptap/pm/state';
import { describe, expect, it } from 'vitest';
import { editorSchema } from '../../../shared/editor/extensions.ts';
import { SUGGEST_DELETE, SUGGEST_INSERT, SUGGESTED_PARAGRAPH } from '../../../shared/editor/suggestion-marks.ts';
import { compositionMarks, openSuggestedParagraph, removeSuggestedParagraph, toSuggestion, type SuggestOptions } from './transform.ts';

const schema = editorSchema();
let next = 0;
const options = (by = 'u-an'): SuggestOptions => ({
  author: { by, name: 'Nguyễn Văn An' },
  now: () => '2026-12-03T08:00:00.000Z',
  newId: () => `s${++next}`,
});

function stateOf(...paragraphs: string[]): EditorState {
  const doc = schema.node('doc', null, paragraphs.map((p) => schema.node('paragraph', null, p ? [schema.text(p)] : [])));
  return EditorState.create({ doc, schema });
}

/** Applies what suggest mode makes of `edit`; null when it drops it. */
function suggest(state: EditorState, edit: (tr: Transaction) => void, by?: string): EditorState | null {
  const tr = state.tr;
  edit(tr);
  const out = toSuggestion(state, tr, options(by));
  return out ? state.apply(out) : null;
}

/** The first paragraph as runs: text and the suggestion marks on it. */
function runs(state: EditorState, index = 0): [string, string][] {
  const out: [string, string][] = [];
  state.doc.child(index).forEach((node) => {
    const kinds = node.marks
      .filter((m) => m.type.name === SUGGEST_INSERT || m.type.name === SUGGEST_DELETE)
      .map((m) => `${m.type.name === SUGGEST_INSERT ? '+' : '-'}${m.attrs.id as string}`);
    out.push([node.text ?? '', kinds.join(',')]);
  });
  return out;
}

describe('suggest mode', () => {
  it('[SG1] typed text is inserted with the author’s insertion mark, and typing on extends the same suggestion', () => {
    next = 0;
    let state = stateOf('Thông qua báo cáo');
    // "Thông qua " is 10 characters: the paragraph starts at 1.
    state = suggest(state, (tr) => tr.insertText('x', 11))!;
    state = state.apply(state.tr.setSelection(TextSelection.create(state.doc, 12)));
    state = suggest(state, (tr) => tr.insertText('y', 12))!;
    expect(runs(state)).toEqual([
      ['Thông qua ', ''],
      ['xy', '+s1'],
      ['báo cáo', ''],
    ]);
    expect(state.selection.from).toBe(13);
  });

  it('[SG1] deleted text stays, struck through; Backspace goes on leftwards in the same suggestion', () => {
    next = 0;
    let state = stateOf('Thông qua báo cáo');
    state = state.apply(state.tr.setSelection(TextSelection.create(state.doc, 18)));
    state = suggest(state, (tr) => tr.delete(17, 18))!;
    expect(state.selection.from).toBe(17);
    state = suggest(state, (tr) => tr.delete(16, 17))!;
    expect(runs(state)).toEqual([
      ['Thông qua báo c', ''],
      ['áo', '-s1'],
    ]);
    expect(state.doc.textContent).toBe('Thông qua báo cáo');
  });

  it('[SG1][SG9] Delete or Backspace over text already struck moves the caret over it, so a run of presses goes on striking', () => {
    next = 0;
    let state = stateOf('Thông qua');
    // "T" struck already, the caret left in front of it (as a Delete read late from the page can leave it).
    state = state.apply(state.tr.setSelection(TextSelection.create(state.doc, 1)));
    state = suggest(state, (tr) => tr.delete(1, 2))!;
    state = state.apply(state.tr.setSelection(TextSelection.create(state.doc, 1)));
    state = suggest(state, (tr) => tr.delete(1, 2))!;
    expect(state.selection.from).toBe(2);
    expect(state.doc.textContent).toBe('Thông qua');
    state = suggest(state, (tr) => tr.delete(2, 3))!;
    expect(runs(state).slice(0, 2)).toEqual([
      ['Th', '-s1'],
      ['ông qua', ''],
    ]);
    // Backspace from after struck text moves back over it.
    state = state.apply(state.tr.setSelection(TextSelection.create(state.doc, 3)));
    state = suggest(state, (tr) => tr.delete(2, 3))!;
    expect(state.selection.from).toBe(2);
  });

  it('[SG1] deleting one’s own suggested insertion removes it; another person’s gets a deletion mark', () => {
    next = 0;
    let state = stateOf('ab');
    state = suggest(state, (tr) => tr.insertText('XY', 2), 'u-binh')!;
    state = suggest(state, (tr) => tr.insertText('Z', 4))!;
    expect(runs(state)).toEqual([
      ['a', ''],
      ['XY', '+s1'],
      ['Z', '+s2'],
      ['b', ''],
    ]);
    // An deletes "YZ": his own Z goes, Bình's Y is struck.
    state = suggest(state, (tr) => tr.delete(3, 5))!;
    expect(runs(state)).toEqual([
      ['a', ''],
      ['X', '+s1'],
      ['Y', '+s1,-s3'],
      ['b', ''],
    ]);
  });

  it('[SG1] typing over a selection is one replacement: the old text struck, the new one inserted after it', () => {
    next = 0;
    let state = stateOf('đạt 80% chỉ tiêu');
    state = suggest(state, (tr) => tr.insertText('90%', 5, 8))!;
    expect(runs(state)).toEqual([
      ['đạt ', ''],
      ['80%', '-s1'],
      ['90%', '+s1'],
      [' chỉ tiêu', ''],
    ]);
  });

  it('[SG1] a selection across paragraphs deleted is struck through in each, the paragraphs kept apart', () => {
    next = 0;
    const state = stateOf('Điều 1. Một', 'Điều 2. Hai');
    // From after "Điều 1. " (9) to after "Điều 2. " (13 + 8 = 21).
    const after = suggest(state, (tr) => tr.setSelection(TextSelection.create(tr.doc, 9, 22)).deleteSelection())!;
    expect(after.doc.childCount).toBe(2);
    expect(runs(after, 0)).toEqual([
      ['Điều 1. ', ''],
      ['Một', '-s1'],
    ]);
    expect(runs(after, 1)).toEqual([
      ['Điều 2. ', '-s1'],
      ['Hai', ''],
    ]);
  });

  it('[SG1] changes to structure or formatting are dropped, not applied', () => {
    const state = stateOf('Điều 1.', 'Điều 2.');
    expect(suggest(state, (tr) => tr.split(3))).toBeNull();
    expect(suggest(state, (tr) => tr.addMark(1, 5, schema.marks.bold!.create()))).toBeNull();
    expect(suggest(state, (tr) => tr.join(9))).toBeNull();
    // A pasted paragraph comes in as text of the paragraph it is pasted into.
    const pasted = suggest(state, (tr) => tr.replaceWith(3, 3, [schema.node('paragraph', null, [schema.text('một')]), schema.node('paragraph', null, [schema.text('hai')])]));
    expect(pasted === null || pasted.doc.childCount === 2).toBe(true);
  });
  it('[SG7] a composition starts inside the author’s insertion mark (a new one, or the one before the caret), and what it writes keeps those attributes', () => {
    next = 0;
    let state = stateOf('Hội nghị ');
    state = state.apply(state.tr.setSelection(TextSelection.create(state.doc, 10)));
    const start = compositionMarks(state, options())!;
    expect(start.attrs.id).toBe('s1');
    expect(start.marks.map((m) => m.type.name)).toEqual([SUGGEST_INSERT]);
    // The input method writes inside the marked element: the text comes with the mark, and stays as it is.
    const tr = state.tr.insert(10, schema.text('Việt', start.marks));
    const out = toSuggestion(state, tr, { ...options(), composing: start.attrs })!;
    state = state.apply(out);
    expect(runs(state)).toEqual([
      ['Hội nghị ', ''],
      ['Việt', '+s1'],
    ]);
    expect(state.doc.child(0).child(1).marks[0]!.attrs).toEqual(start.attrs);
    // The next composition, right after it, goes on in the same suggestion; elsewhere it starts a new one.
    expect(compositionMarks(state, options())!.attrs).toEqual(start.attrs);
    const elsewhere = state.apply(state.tr.setSelection(TextSelection.create(state.doc, 4)));
    expect(compositionMarks(elsewhere, options())!.attrs.id).toBe('s2');
    // Someone else's composition next to it is theirs.
    expect(compositionMarks(state, options('u-binh'))!.attrs.by).toBe('u-binh');
  });

  /** The suggestion id of each paragraph of the document ('' for an ordinary one). */
  const wholes = (state: EditorState) => {
    const out: string[] = [];
    state.doc.forEach((node) => out.push((node.attrs[SUGGESTED_PARAGRAPH] as { id?: string } | null)?.id ?? ''));
    return out;
  };
  /** Enter, as suggest mode makes it, with the caret at `at`; then what suggest mode lets through of it. */
  const enter = (state: EditorState, at: number, by = 'u-an') => {
    const placed = state.apply(state.tr.setSelection(TextSelection.create(state.doc, at)));
    const tr = openSuggestedParagraph(placed, options(by));
    if (!tr) return null;
    const out = toSuggestion(placed, tr, options(by));
    return out ? placed.apply(out) : null;
  };
  const type = (state: EditorState, words: string, by = 'u-an') => {
    const tr = state.tr.insertText(words, state.selection.from);
    return state.apply(toSuggestion(state, tr, options(by))!);
  };

  it('[SG10] Enter opens an empty suggested paragraph after the caret’s paragraph, never splitting it; what is typed there is that suggestion', () => {
    next = 0;
    // The caret in the middle of "Điều 1. Một": the paragraph stays whole.
    let state = enter(stateOf('Điều 1. Một', 'Điều 2. Hai'), 5)!;
    expect(state.doc.childCount).toBe(3);
    expect(state.doc.child(0).textContent).toBe('Điều 1. Một');
    expect(state.doc.child(1).content.size).toBe(0);
    expect(wholes(state)).toEqual(['', 's1', '']);
    expect(state.doc.child(1).attrs[SUGGESTED_PARAGRAPH]).toEqual({ id: 's1', by: 'u-an', name: 'Nguyễn Văn An', at: '2026-12-03T08:00:00.000Z' });
    expect(state.selection.$from.parent).toBe(state.doc.child(1));
    state = type(state, '3. Khen thưởng');
    state = type(state, '.');
    expect(runs(state, 1)).toEqual([['3. Khen thưởng.', '+s1']]);
    // A composition in it starts inside the same suggestion.
    expect(compositionMarks(state, options())!.attrs.id).toBe('s1');
    // Enter in one's own suggested paragraph opens another of the same suggestion; in someone else's, one's own.
    state = enter(state, state.selection.from)!;
    expect(wholes(state)).toEqual(['', 's1', 's1', '']);
    const binh = enter(state, 3, 'u-binh')!;
    expect(wholes(binh)).toEqual(['', 's2', 's1', 's1', '']);
    const an = enter(binh, binh.doc.child(0).nodeSize + 1)!;
    expect(wholes(an)).toEqual(['', 's2', 's3', 's1', 's1', '']);
  });

  it('[SG10] Enter in a heading of the body opens a suggested paragraph (not a heading) after it', () => {
    next = 0;
    const heading = schema.node('heading', { level: 2 }, [schema.text('Phần một')]);
    const state = EditorState.create({ schema, doc: schema.node('doc', null, [heading, schema.node('paragraph', null, [schema.text('Nội dung')])]) });
    const after = enter(state, 4)!;
    expect([after.doc.child(0).type.name, after.doc.child(1).type.name]).toEqual(['heading', 'paragraph']);
    expect(wholes(after)).toEqual(['', 's1', '']);
    expect(after.doc.child(0).textContent).toBe('Phần một');
  });

  it('[SG10] Enter does nothing outside the document’s body (a table, a list): no place for a paragraph there', () => {
    const cell = schema.node('tableCell', null, [schema.node('paragraph', null, [schema.text('Ô')])]);
    const table = schema.node('table', null, [schema.node('tableRow', null, [cell])]);
    const list = schema.node('bulletList', null, [schema.node('listItem', null, [schema.node('paragraph', null, [schema.text('Mục')])])]);
    const state = EditorState.create({ schema, doc: schema.node('doc', null, [table, list]) });
    for (const at of [4, table.nodeSize + 3]) {
      expect(openSuggestedParagraph(state.apply(state.tr.setSelection(TextSelection.create(state.doc, at))), options())).toBeNull();
    }
  });

  it('[SG10] Backspace in an empty paragraph of one’s own suggestion removes it; in anyone else’s, or with text in it, it does not', () => {
    next = 0;
    const opened = enter(stateOf('Điều 1. Một', 'Điều 2. Hai'), 3)!;
    const removal = removeSuggestedParagraph(opened, 'u-an')!;
    const after = opened.apply(toSuggestion(opened, removal, options())!);
    expect(wholes(after)).toEqual(['', '']);
    expect(after.doc.textContent).toBe('Điều 1. MộtĐiều 2. Hai');
    // The caret goes back to the end of the paragraph it came from.
    expect(after.selection.from).toBe(after.doc.child(0).nodeSize - 1);
    expect(removeSuggestedParagraph(opened, 'u-binh')).toBeNull();
    expect(removeSuggestedParagraph(type(opened, 'x'), 'u-an')).toBeNull();
  });

  it('[SG10] only whole paragraphs of one’s own suggestion pass as structure: a bare paragraph, another’s, or one holding text not one’s own is dropped', () => {
    next = 0;
    const state = stateOf('Điều 1. Một', 'Điều 2. Hai');
    const at = state.doc.child(0).nodeSize;
    const mine = { id: 'sX', by: 'u-an', name: 'An', at: '' };
    const ins = (attrs: typeof mine) => schema.marks[SUGGEST_INSERT]!.create(attrs);
    const paragraph = (attrs: typeof mine | null, words = '', marked = true) =>
      schema.node('paragraph', { [SUGGESTED_PARAGRAPH]: attrs }, words ? [schema.text(words, marked && attrs ? [ins(attrs)] : [])] : []);
    expect(suggest(state, (tr) => tr.insert(at, paragraph(mine, 'Khoản mới')))?.doc.childCount).toBe(3);
    expect(suggest(state, (tr) => tr.insert(at, paragraph(null)))).toBeNull();
    expect(suggest(state, (tr) => tr.insert(at, paragraph({ ...mine, by: 'u-binh' })))).toBeNull();
    expect(suggest(state, (tr) => tr.insert(at, paragraph(mine, 'Khoản mới', false)))).toBeNull();
    // Removing: only one's own suggested paragraph holding nothing but one's own insertion.
    const withOwn = state.apply(state.tr.insert(at, paragraph(mine, 'Khoản mới')));
    expect(suggest(withOwn, (tr) => tr.delete(at, at + withOwn.doc.child(1).nodeSize))?.doc.childCount).toBe(2);
    // Otherwise the paragraph stays, and what text of it is not one's own is struck, as any deletion of a selection.
    const withPlain = state.apply(state.tr.insert(at, paragraph(mine, 'Khoản mới', false)));
    const struck = suggest(withPlain, (tr) => tr.delete(at, at + withPlain.doc.child(1).nodeSize))!;
    expect(struck.doc.childCount).toBe(3);
    expect(runs(struck, 1)).toEqual([['Khoản mới', '-s1']]);
    expect(suggest(state, (tr) => tr.delete(at, at + state.doc.child(1).nodeSize))?.doc.childCount).toBe(2);
  });
});
