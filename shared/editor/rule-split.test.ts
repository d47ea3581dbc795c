import type { Node } from '@tiptap/pm/model';
import { EditorState, TextSelection } from '@tiptap/pm/state';
import { describe, expect, it } from 'vitest';
import { editorSchema } from './extensions.ts';
import { splitRuledParagraph } from './rule-split.ts';

const schema = editorSchema();

const doc = schema.nodeFromJSON({
  type: 'doc',
  content: [
    { type: 'paragraph', attrs: { textAlign: 'center', rule: 'short' }, content: [{ type: 'text', text: 'TRUNG TÂM LASER' }] },
    { type: 'paragraph', content: [{ type: 'text', text: 'Thân bài' }] },
  ],
});

/** Runs the command with the cursor (or a selection) at offsets inside the first paragraph. */
function run(from: number, to = from): { handled: boolean; result: Node } {
  const state = EditorState.create({ doc, selection: TextSelection.create(doc, 1 + from, 1 + to) });
  let result = state.doc;
  const handled = splitRuledParagraph(state, (tr) => (result = tr.doc));
  return { handled, result };
}

const lines = (n: Node) => {
  const out: { text: string; rule: unknown; textAlign: unknown }[] = [];
  n.forEach((p) => out.push({ text: p.textContent, rule: p.attrs.rule, textAlign: p.attrs.textAlign }));
  return out;
};

describe('Enter in a ruled line', () => {
  it('keeps the rule under the lower half only', () => {
    const { handled, result } = run('TRUNG TÂM '.length);
    expect(handled).toBe(true);
    expect(lines(result)).toEqual([
      { text: 'TRUNG TÂM ', rule: null, textAlign: 'center' },
      { text: 'LASER', rule: 'short', textAlign: 'center' },
      { text: 'Thân bài', rule: null, textAlign: null },
    ]);
  });

  it('replaces a selection the way Enter does', () => {
    const { result } = run('TRUNG'.length, 'TRUNG TÂM '.length);
    expect(lines(result).slice(0, 2).map((l) => [l.text, l.rule])).toEqual([
      ['TRUNG', null],
      ['LASER', 'short'],
    ]);
  });

  it('leaves a split at the end, and lines without a rule, to the default Enter', () => {
    expect(run('TRUNG TÂM LASER'.length).handled).toBe(false);
    const state = EditorState.create({ doc, selection: TextSelection.create(doc, doc.firstChild!.nodeSize + 3) });
    expect(splitRuledParagraph(state, () => {})).toBe(false);
  });
});
