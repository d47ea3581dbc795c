import type { JSONContent } from '@tiptap/core';
import { EditorState, TextSelection } from '@tiptap/pm/state';
import { describe, expect, it } from 'vitest';
import type { MotionView } from '../../../shared/api.ts';
import { editorSchema } from '../../../shared/editor/extensions.ts';
import { SUGGEST_DELETE, SUGGEST_INSERT, SUGGESTED_PARAGRAPH } from '../../../shared/editor/suggestion-marks.ts';
import { suggestionsOf } from './AmendmentMaker.tsx';
import { frozenSuggestionIds, touchesFrozen } from './FrozenSuggestions.ts';

const attrs = (id: string) => ({ id, by: 'u-an', name: 'Nguyễn Văn An', at: '2026-12-03T08:00:00.000Z' });
const text = (t: string, marks: JSONContent['marks'] = []): JSONContent => ({ type: 'text', text: t, marks });

// "Giao cho| Giám đốc| tổ |ngay| thực hiện." : positions 1–8 plain, 9–17 frozen insertion, 18–21 plain, 22–25 frozen deletion.
const doc: JSONContent = {
  type: 'doc',
  content: [
    { type: 'paragraph', content: [text('Điều 2. Nhiệm vụ')] },
    {
      type: 'paragraph',
      content: [
        text('Giao cho'),
        text(' Giám đốc', [{ type: SUGGEST_INSERT, attrs: attrs('sF') }]),
        text(' tổ '),
        text('ngay', [{ type: SUGGEST_DELETE, attrs: attrs('sD') }]),
        text(' thực hiện.'),
      ],
    },
  ],
};

const schema = editorSchema();
const state = () => EditorState.create({ schema, doc: schema.nodeFromJSON(doc) });
const FROZEN = new Set(['sF', 'sD']);
const start = state().doc.child(0).nodeSize + 1;

describe('the frozen suggestions in the editor', () => {
  it('[AM2] refuses local edits that touch frozen suggestions, admits the rest', () => {
    const s = state();
    const at = (offset: number) => start + offset;
    expect(touchesFrozen(s.tr.insertText('x', at(12)), FROZEN)).toBe(true);
    expect(touchesFrozen(s.tr.delete(at(22), at(23)), FROZEN)).toBe(true);
    expect(touchesFrozen(s.tr.addMark(at(9), at(12), schema.marks.bold!.create()), FROZEN)).toBe(true);
    expect(touchesFrozen(s.tr.delete(at(0), at(30)), FROZEN)).toBe(true);
    expect(touchesFrozen(s.tr.insertText('x', at(2)), FROZEN)).toBe(false);
    expect(touchesFrozen(s.tr.insertText(',', at(17)), FROZEN)).toBe(false);
    expect(touchesFrozen(s.tr.delete(at(18), at(20)), FROZEN)).toBe(false);
    expect(touchesFrozen(s.tr.insertText('x', 2), FROZEN)).toBe(false);
    expect(touchesFrozen(s.tr.insertText('x', at(12)), new Set(['other']))).toBe(false);
    // A selection change is no edit.
    expect(touchesFrozen(s.tr.setSelection(TextSelection.create(s.doc, at(12))), FROZEN)).toBe(false);
  });

  it('[AM2] the frozen ids are those of amendments whose vote is open or whose outcome is being applied', () => {
    const amendment = (ids: string[], frozen: boolean) =>
      ({ amendment: { suggestionIds: ids, suggestions: [], clauses: [], omittedClauses: 0, setAside: null, frozen, settledAt: null, resultVersionId: null } }) as unknown as MotionView;
    expect([...frozenSuggestionIds([amendment(['a', 'b'], true), amendment(['c'], false), { amendment: null } as unknown as MotionView])]).toEqual(['a', 'b']);
  });

  it('[AM1] the maker lists the text’s suggestions with their article', () => {
    expect(suggestionsOf(state().doc)).toEqual([
      { id: 'sF', name: 'Nguyễn Văn An', article: 2, inserted: ' Giám đốc', deleted: '' },
      { id: 'sD', name: 'Nguyễn Văn An', article: 2, inserted: '', deleted: 'ngay' },
    ]);
  });

  it('[SG11][AM2] a paragraph suggested whole under a frozen id is frozen whole; the maker lists it even while empty', () => {
    const clause = (id: string, words: string): JSONContent => ({
      type: 'paragraph',
      attrs: { [SUGGESTED_PARAGRAPH]: attrs(id) },
      content: words ? [text(words, [{ type: SUGGEST_INSERT, attrs: attrs(id) }])] : [],
    });
    const s = EditorState.create({ schema, doc: schema.nodeFromJSON({ ...doc, content: [...doc.content!, clause('sP', '3. Mới.'), clause('sE', '')] }) });
    const at = s.doc.child(0).nodeSize + s.doc.child(1).nodeSize;
    const frozen = new Set(['sP']);
    // Typed in at its end (unmarked, as a direct editor would), deleted, given other attributes: refused.
    expect(touchesFrozen(s.tr.insertText('x', at + 1 + '3. Mới.'.length), frozen)).toBe(true);
    expect(touchesFrozen(s.tr.delete(at, at + s.doc.child(2).nodeSize), frozen)).toBe(true);
    expect(touchesFrozen(s.tr.setNodeAttribute(at, 'textAlign', 'center'), frozen)).toBe(true);
    // Another paragraph added under its id (Enter in it, in suggest mode): refused; elsewhere, anything passes.
    expect(touchesFrozen(s.tr.insert(at, schema.nodeFromJSON(clause('sP', ''))), frozen)).toBe(true);
    expect(touchesFrozen(s.tr.insert(at, schema.nodeFromJSON(clause('sQ', ''))), frozen)).toBe(false);
    expect(touchesFrozen(s.tr.insertText('x', at + 1 + '3. Mới.'.length), new Set(['sE']))).toBe(false);
    expect(suggestionsOf(s.doc).slice(2)).toEqual([
      { id: 'sP', name: 'Nguyễn Văn An', article: 2, inserted: '3. Mới.', deleted: '' },
      { id: 'sE', name: 'Nguyễn Văn An', article: 2, inserted: '', deleted: '' },
    ]);
  });
});
