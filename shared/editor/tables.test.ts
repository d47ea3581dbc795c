import type { JSONContent } from '@tiptap/core';
import { createTable } from '@tiptap/extension-table';
import { DOMParser as PMDOMParser, type TagParseRule } from '@tiptap/pm/model';
import { EditorState, TextSelection } from '@tiptap/pm/state';
import { describe, expect, it } from 'vitest';
import {
  MAX_COLSPAN,
  MAX_COLWIDTH,
  MAX_ROWSPAN,
  MAX_TABLE_COLUMNS,
  MAX_TABLE_ROWS,
  TABLE_COLUMNS_CAP,
  TABLE_ROWS_CAP,
  sanitiseContent,
} from './allowed.ts';
import { editorSchema } from './extensions.ts';
import { checkTableSizes, tableHasRoomFor } from './tables.ts';

const schema = editorSchema();

const cell = (attrs: Record<string, unknown> = {}, text = 'x'): JSONContent => ({
  type: 'tableCell',
  attrs,
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});
const table = (rows: number, columns: number): JSONContent => ({
  type: 'table',
  content: Array.from({ length: rows }, () => ({ type: 'tableRow', content: Array.from({ length: columns }, () => cell()) })),
});
const doc = (...content: JSONContent[]): JSONContent => ({ type: 'doc', content });

/** The schema's node of `json`, checked as the server checks content it stores. */
const checked = (json: JSONContent) => {
  const node = schema.nodeFromJSON(json);
  node.check();
  checkTableSizes(node);
  return node;
};

describe('a table cell’s spans and widths', () => {
  it('[SEC11] sanitiseContent holds colspan, rowspan and colwidth to their bounds and drops a cell’s alignment', () => {
    const hostile = [
      { colspan: 1e21, rowspan: -3, colwidth: 'evil; position: fixed', align: 'left; position: fixed' },
      { colspan: '3', rowspan: '2', colwidth: [100, '200'] },
      { colspan: MAX_COLSPAN + 1, rowspan: MAX_ROWSPAN + 1, colwidth: [MAX_COLWIDTH + 1] },
      { colspan: 2.5, rowspan: null, colwidth: Array.from({ length: MAX_COLSPAN + 1 }, () => 10) },
      { colspan: MAX_COLSPAN, rowspan: MAX_ROWSPAN, colwidth: null },
      { colspan: 2, rowspan: 1, colwidth: [0, 120] },
      { colspan: 2, rowspan: 1, colwidth: [80, 120] },
    ];
    const json = sanitiseContent(doc({ type: 'table', content: [{ type: 'tableRow', content: hostile.map((a) => cell(a)) }] }));
    expect(json.content![0]!.content![0]!.content!.map((c) => c.attrs)).toEqual([
      { colspan: 1, rowspan: 1, colwidth: null },
      { colspan: 3, rowspan: 2, colwidth: null },
      { colspan: 1, rowspan: 1, colwidth: null },
      { colspan: 1, rowspan: 1, colwidth: null },
      { colspan: MAX_COLSPAN, rowspan: MAX_ROWSPAN, colwidth: null },
      // The exports take widths only when every column the cell spans has one (0 is "not resized").
      { colspan: 2, rowspan: 1, colwidth: null },
      { colspan: 2, rowspan: 1, colwidth: [80, 120] },
    ]);
  });

  it('[SEC11] the schema makes no cell whose span or widths the table code could not count with', () => {
    for (const attrs of [
      { colspan: 1e21 },
      { colspan: '2' },
      { colspan: 0 },
      { colspan: MAX_COLSPAN + 1 },
      { rowspan: 1e9 },
      { rowspan: '2; position: fixed' },
      { colwidth: 'evil' },
      { colwidth: ['100'] },
      { colwidth: [MAX_COLWIDTH + 1] },
      { colwidth: Array.from({ length: MAX_COLSPAN + 1 }, () => 1) },
    ]) {
      expect(() => schema.nodeFromJSON(cell(attrs)), JSON.stringify(attrs)).toThrow(RangeError);
    }
    const ok = schema.nodeFromJSON(cell({ colspan: 2, rowspan: 3, colwidth: [120, 0] }));
    expect(ok.attrs).toEqual({ colspan: 2, rowspan: 3, colwidth: [120, 0], align: null });
  });

  it('[SEC11] a pasted cell is read within the bounds, so that a paste never makes one out of them', () => {
    const rules = PMDOMParser.fromSchema(schema).rules.filter((r): r is TagParseRule => 'tag' in r).filter((r) => r.node === 'tableCell');
    expect(rules.length).toBeGreaterThan(0);
    const element = (attrs: Record<string, string>, text: string) =>
      ({
        getAttribute: (name: string) => attrs[name] ?? null,
        hasAttribute: (name: string) => name in attrs,
        children: [],
        textContent: text,
        style: { textAlign: 'left; position: fixed' },
        closest: () => null,
        parentElement: null,
      }) as unknown as HTMLElement;
    // One rule takes empty cells (and fills them), the other the rest: each reads the attributes the same way.
    let read = 0;
    for (const rule of rules) {
      for (const text of ['', 'Chỉ tiêu']) {
        const hostile = rule.getAttrs?.(element({ colspan: '100000', rowspan: '1e9', colwidth: '1e21,evil', align: 'right' }, text));
        if (hostile === false) continue;
        read++;
        // An attribute read as null is left out, and takes its default (null).
        expect({ colwidth: null, align: null, ...hostile }).toMatchObject({ colspan: 1, rowspan: 1, colwidth: null, align: null });
        const fine = rule.getAttrs?.(element({ colspan: '2', rowspan: '3', colwidth: '120,80' }, text));
        expect(fine).toMatchObject({ colspan: 2, rowspan: 3, colwidth: [120, 80] });
      }
    }
    expect(read).toBeGreaterThanOrEqual(2);
  });

  it('[SEC11] a cell renders its spans and widths as numbers, and no alignment of its own', () => {
    const node = schema.nodeFromJSON(cell({ colspan: 2, rowspan: 1, colwidth: [120, 80], align: 'center' }));
    expect(node.type.spec.toDOM!(node)).toEqual(['td', { colspan: 2, colwidth: '120,80' }, 0]);
  });
});

describe('the size of a table', () => {
  it(`[SEC12] stored content holds a table of ${TABLE_ROWS_CAP} rows of ${TABLE_COLUMNS_CAP} cells, and not one more of either`, () => {
    expect(() => checked(doc(table(2, TABLE_COLUMNS_CAP)))).not.toThrow();
    expect(() => checked(doc(table(TABLE_ROWS_CAP, 1)))).not.toThrow();
    expect(() => checked(doc(table(2, TABLE_COLUMNS_CAP + 1)))).toThrow();
    expect(() => checked(doc(table(TABLE_ROWS_CAP + 1, 1)))).toThrow();
    expect(() => checked(doc(table(1, 10_000)))).toThrow();
    expect(() => checked(doc({ type: 'table', content: [] }))).toThrow();
    // Nor in a cell of another table.
    const outer = table(1, 1);
    outer.content![0]!.content![0]!.content = [table(1, TABLE_COLUMNS_CAP + 1)];
    expect(() => checked(doc(outer))).toThrow();
  });

  it(`[SEC12] the commands that add columns and rows stop at ${MAX_TABLE_COLUMNS} columns and ${MAX_TABLE_ROWS} rows`, () => {
    const inTable = (rows: number, columns: number) => {
      const node = schema.nodeFromJSON(doc(table(rows, columns)));
      // Inside the first cell's paragraph: table, row, cell, paragraph.
      return EditorState.create({ doc: node, selection: TextSelection.create(node, 4) });
    };
    expect(tableHasRoomFor(inTable(3, MAX_TABLE_COLUMNS - 1), 'column')).toBe(true);
    expect(tableHasRoomFor(inTable(3, MAX_TABLE_COLUMNS), 'column')).toBe(false);
    expect(tableHasRoomFor(inTable(MAX_TABLE_ROWS - 1, 2), 'row')).toBe(true);
    expect(tableHasRoomFor(inTable(MAX_TABLE_ROWS, 2), 'row')).toBe(false);
    const outside = EditorState.create({ doc: schema.nodeFromJSON(doc({ type: 'paragraph' })) });
    expect(tableHasRoomFor(outside, 'row')).toBe(false);
  });

  it('[SEC12] the table the toolbar inserts (3 × 3, a header row) is one the schema holds', () => {
    const node = createTable(schema, 3, 3, true);
    node.check();
    expect(node.firstChild!.firstChild!.type.name).toBe('tableHeader');
    expect(node.childCount).toBe(3);
    expect(node.firstChild!.childCount).toBe(3);
  });
});
