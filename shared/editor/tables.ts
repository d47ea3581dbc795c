/**
 * Tables (a resolution's or a plan's table of targets), from TipTap's table extension with every attribute held
 * to allowed.ts. The table code counts with a cell's spans and widths (a map of width × height cells, a column
 * per span), so they are checked where a node is made (`validate`): a cell written into the Yjs state with a span
 * of 10^21 or a width that is a string is no node at all, as any content outside the schema, instead of a page
 * that freezes. What is pasted is read through the same bounds, so a paste never trips the check.
 *
 * Rows and columns are bounded twice: content the server stores (templates, restores) and a paste hold at most
 * `TABLE_ROWS_CAP` rows of `TABLE_COLUMNS_CAP` cells (`checkTableSizes`), and the commands that add rows and
 * columns stop at `MAX_TABLE_ROWS` / `MAX_TABLE_COLUMNS` (the rest of the room is for additions by several people
 * that merge). Not as content expressions (`tableRow{1,400}`): ProseMirror builds an automaton with a state per
 * repetition, and that one took seconds to build with every schema.
 */
import type { Attribute, CommandProps } from '@tiptap/core';
import { Table, TableCell, TableHeader, TableRow } from '@tiptap/extension-table';
import { TableMap } from '@tiptap/pm/tables';
import type { Node } from '@tiptap/pm/model';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import {
  MAX_COLSPAN,
  MAX_ROWSPAN,
  MAX_TABLE_COLUMNS,
  MAX_TABLE_ROWS,
  TABLE_COLUMNS_CAP,
  TABLE_ROWS_CAP,
  colspanOf,
  colwidthOf,
  isColwidth,
  isSpan,
  rowspanOf,
} from './allowed.ts';

function check(ok: boolean, what: string): void {
  if (!ok) throw new RangeError(`a table cell's ${what} is out of bounds`);
}

const cellAttributes = (): Record<string, Attribute> => ({
  colspan: {
    default: 1,
    parseHTML: (element) => colspanOf(element.getAttribute('colspan')),
    renderHTML: (attributes) => (colspanOf(attributes.colspan) > 1 ? { colspan: colspanOf(attributes.colspan) } : {}),
    validate: (value: unknown) => check(isSpan(value, MAX_COLSPAN), 'colspan'),
  },
  rowspan: {
    default: 1,
    parseHTML: (element) => rowspanOf(element.getAttribute('rowspan')),
    renderHTML: (attributes) => (rowspanOf(attributes.rowspan) > 1 ? { rowspan: rowspanOf(attributes.rowspan) } : {}),
    validate: (value: unknown) => check(isSpan(value, MAX_ROWSPAN), 'rowspan'),
  },
  colwidth: {
    default: null,
    parseHTML: (element) =>
      colwidthOf(
        element.getAttribute('colwidth')?.split(',').map((w) => Number.parseInt(w, 10)),
        colspanOf(element.getAttribute('colspan')),
      ),
    renderHTML: (attributes) => {
      const widths = colwidthOf(attributes.colwidth, colspanOf(attributes.colspan));
      return widths ? { colwidth: widths.join(',') } : {};
    },
    validate: (value: unknown) => check(isColwidth(value), 'colwidth'),
  },
  // TipTap's own would become a `style` as given. The exports align the paragraphs in a cell, not the cell, so
  // the editor does the same: kept in the schema (documents that carry it load), never read nor shown.
  align: { default: null, parseHTML: () => null, rendered: false },
});

export const SafeTableCell = TableCell.extend({ addAttributes: cellAttributes });
export const SafeTableHeader = TableHeader.extend({ addAttributes: cellAttributes });


/**
 * Throws if a table in `node` has more than `TABLE_ROWS_CAP` rows, or a row more than `TABLE_COLUMNS_CAP` cells: for
 * content the server is asked to store, beside ProseMirror's own `check()`.
 */
export function checkTableSizes(node: Node): void {
  node.descendants((child) => {
    if (child.type.name !== 'table') return !child.isTextblock;
    if (child.childCount > TABLE_ROWS_CAP) throw new RangeError(`a table of ${child.childCount} rows (at most ${TABLE_ROWS_CAP})`);
    child.forEach((row) => {
      if (row.childCount > TABLE_COLUMNS_CAP) {
        throw new RangeError(`a table row of ${row.childCount} cells (at most ${TABLE_COLUMNS_CAP})`);
      }
    });
    // Cells may hold tables (pasted): look inside them too.
    return true;
  });
}

function withinSizes(node: Node): boolean {
  try {
    checkTableSizes(node);
    return true;
  } catch {
    return false;
  }
}

/** The table the selection is in, if any. */
export function tableAt(state: EditorState): Node | null {
  const { $from } = state.selection;
  for (let depth = $from.depth; depth > 0; depth--) {
    if ($from.node(depth).type.name === 'table') return $from.node(depth);
  }
  return null;
}

/** Whether the table at the selection has room for another column (`'column'`) or row (`'row'`). */
export function tableHasRoomFor(state: EditorState, what: 'column' | 'row'): boolean {
  const table = tableAt(state);
  if (!table) return false;
  const map = TableMap.get(table);
  return what === 'column' ? map.width < MAX_TABLE_COLUMNS : map.height < MAX_TABLE_ROWS;
}

export const SafeTable = Table.extend({
  addCommands() {
    const parent = this.parent?.();
    const bounded =
      (what: 'column' | 'row', name: 'addColumnBefore' | 'addColumnAfter' | 'addRowBefore' | 'addRowAfter') =>
      () =>
      (props: CommandProps) =>
        tableHasRoomFor(props.state, what) && (parent?.[name]?.()(props) ?? false);
    return {
      ...parent,
      addColumnBefore: bounded('column', 'addColumnBefore'),
      addColumnAfter: bounded('column', 'addColumnAfter'),
      addRowBefore: bounded('row', 'addRowBefore'),
      addRowAfter: bounded('row', 'addRowAfter'),
    };
  },

  addProseMirrorPlugins() {
    return [
      ...(this.parent?.() ?? []),
      // A paste or a drop that would make a table larger than the caps does nothing (remote changes are not
      // filtered: refusing one would leave this editor out of step with the shared document).
      new Plugin({
        key: new PluginKey('tableSizes'),
        filterTransaction: (tr) => {
          const event = tr.getMeta('uiEvent') as unknown;
          return !tr.docChanged || (event !== 'paste' && event !== 'drop') || withinSizes(tr.doc);
        },
      }),
    ];
  },
});

/** The table nodes of the schema; not resizable (see docs/architecture.md, "Tables"). */
export const tableExtensions = () => [SafeTable.configure({ resizable: false }), TableRow, SafeTableHeader, SafeTableCell];
