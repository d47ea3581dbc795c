import type { JSONContent } from '@tiptap/core';
import { createTable } from '@tiptap/extension-table';
import { EditorState, TextSelection } from '@tiptap/pm/state';
import { describe, expect, it } from 'vitest';
import { editorSchema } from '../../shared/editor/extensions.ts';
import { canInsertTable, hasHeaderRow } from './tableState.ts';

const schema = editorSchema();
const para = (text: string): JSONContent => ({ type: 'paragraph', content: [{ type: 'text', text }] });
const doc = schema.nodeFromJSON({
  type: 'doc',
  content: [
    { type: 'columns', attrs: { kind: 'header' }, content: [{ type: 'column', content: [para('TRÁI')] }, { type: 'column', content: [para('PHẢI')] }] },
    para('Thân bài'),
    createTable(schema, 2, 2, true).toJSON() as JSONContent,
  ],
});

/** The state with the cursor inside the first text block whose text is `text` (or the first cell of the table). */
function at(text: string | 'cell'): EditorState {
  let pos = -1;
  doc.descendants((node, p) => {
    if (pos !== -1) return false;
    if (text === 'cell' ? node.type.name === 'tableHeader' : node.isTextblock && node.textContent === text) pos = p + (text === 'cell' ? 2 : 1);
    return true;
  });
  return EditorState.create({ doc, selection: TextSelection.create(doc, pos) });
}

describe('where the toolbar may put a table', () => {
  it('[B37] in the body, not in the official header’s columns, not inside a table', () => {
    expect(canInsertTable(at('Thân bài'))).toBe(true);
    expect(canInsertTable(at('TRÁI'))).toBe(false);
    expect(canInsertTable(at('cell'))).toBe(false);
  });

  it('[B37] a table has a header row when its first row is all header cells', () => {
    expect(hasHeaderRow(createTable(schema, 2, 2, true))).toBe(true);
    expect(hasHeaderRow(createTable(schema, 2, 2, false))).toBe(false);
  });
});
