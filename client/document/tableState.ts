import type { Node } from '@tiptap/pm/model';
import type { EditorState } from '@tiptap/pm/state';
import { tableAt } from '../../shared/editor/tables.ts';

/**
 * Whether a new table may go at the cursor: beside the text block the cursor is in, in the body or a list, but not
 * in the header and signature columns (which take only paragraphs and lists) and not inside another table (the
 * exports lay out no table in a table). TipTap's `can().insertTable()` answers yes everywhere, so it cannot tell.
 */
export function canInsertTable(state: EditorState): boolean {
  const type = state.schema.nodes.table;
  if (!type || tableAt(state) !== null) return false;
  const { $from } = state.selection;
  const depth = $from.parent.isTextblock ? $from.depth - 1 : $from.depth;
  if (depth < 0) return false;
  const index = $from.index(depth);
  return $from.node(depth).canReplaceWith(index, index, type);
}

/** Whether the table's first row is all header cells. */
export function hasHeaderRow(table: Node): boolean {
  const first = table.firstChild;
  if (!first || first.childCount === 0) return false;
  let all = true;
  first.forEach((cell) => (all &&= cell.type.name === 'tableHeader'));
  return all;
}
