/**
 * A table made the way the editor makes one (TipTap's `createTable`, what the toolbar's "insert table" runs),
 * typed into, stored as a document's Yjs state and read back as the server reads it: both exports show it.
 */
import type { JSONContent } from '@tiptap/core';
import { createTable } from '@tiptap/extension-table';
import type { Node } from '@tiptap/pm/model';
import { EditorState, TextSelection } from '@tiptap/pm/state';
import { describe, expect, it } from 'vitest';
import { editorSchema } from '../../shared/editor/extensions.ts';
import { printHtml } from '../export/print.ts';
import { bodyXml, cellTexts, docx, runWith, tablesOf } from '../export/testing.ts';
import { contentOfState } from './content.ts';
import { documentUpdateFromJSON } from './initial-state.ts';

const schema = editorSchema();

const CELLS = [
  ['Chỉ tiêu', 'Năm 2023', 'Kế hoạch 2024'],
  ['Đề tài cấp Bộ', '03', '04'],
  ['Bài báo quốc tế', '12', '15'],
];

/** A body paragraph, then a 3 × 3 table with a header row inserted after it and every cell typed into. */
function editorDocument(): Node {
  const start = schema.nodeFromJSON({
    type: 'doc',
    content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Điều 1. Chỉ tiêu năm 2024:' }] }],
  });
  let state = EditorState.create({ doc: start, selection: TextSelection.atEnd(start) });
  state = state.apply(state.tr.insert(state.doc.content.size, createTable(schema, 3, 3, true)));
  const cells: number[] = [];
  state.doc.descendants((node, pos) => {
    if (node.type.name === 'tableCell' || node.type.name === 'tableHeader') cells.push(pos);
    return true;
  });
  expect(cells).toHaveLength(9);
  // From the last cell back, so that the positions before stay where they were.
  const tr = state.tr;
  cells.reverse().forEach((pos, i) => {
    const text = CELLS.flat()[cells.length - 1 - i]!;
    // Inside the cell's (empty) paragraph: the cell opens, then the paragraph.
    const marks = text === '15' ? [schema.marks.underline!.create()] : [];
    tr.insert(pos + 2, schema.text(text, marks));
  });
  return state.apply(tr).doc;
}

describe('a table made in the editor', () => {
  const json = editorDocument().toJSON() as JSONContent;
  // Stored as a new document's state is, after the server's check, and read back as the exports read it.
  const content = contentOfState(documentUpdateFromJSON(json));

  it('[SEC12] passes the server’s content check and comes back from Yjs as it was made', () => {
    expect(content).toEqual(json);
    expect(content.content![1]!.content![0]!.content!.map((c) => c.type)).toEqual(['tableHeader', 'tableHeader', 'tableHeader']);
  });

  it('[X5] exports to DOCX as a Word table, its header row bold, underline kept', async () => {
    const xml = bodyXml(await docx({ content, kind: 'NQ', title: 'Kế hoạch', draft: true }));
    const [table] = tablesOf(xml);
    expect(table?.map((c) => cellTexts(c).join(''))).toEqual(CELLS.flat());
    const grid = /<w:tbl>[\s\S]*?<\/w:tbl>/.exec(xml)?.[0] ?? '';
    expect(grid).toContain('<w:tblHeader/>');
    expect(runWith(grid, 'Năm 2023')?.bold).toBe(true);
    expect(runWith(grid, '03')?.bold).toBe(false);
    expect(runWith(grid, '15')?.xml).toMatch(/<w:u w:val="single"\/>/);
  });

  it('[X5] prints as a table, header cells as such', () => {
    const html = printHtml({ content, kind: 'NQ', title: 'Kế hoạch', draft: true });
    const table = /<table[\s\S]*?<\/table>/.exec(html.slice(html.indexOf('</style>')))?.[0] ?? '';
    expect(table.match(/<th>/g)).toHaveLength(3);
    expect(table.match(/<td>/g)).toHaveLength(6);
    for (const text of CELLS.flat().filter((t) => t !== '15')) expect(table).toContain(`>${text}</p>`);
    expect(table).toContain('<u>15</u>');
  });
});
