import type { JSONContent } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { NodeSelection, type EditorState, type Transaction } from '@tiptap/pm/state';
import type { MotionView } from '../../../shared/api.ts';
import { VOTE_RESULT_NODE } from '../../../shared/editor/vote-result.ts';
import { documentVoteResult } from '../../../shared/vote-result.ts';

/**
 * Whether a vote-result block may go at the cursor: beside the text block the cursor is in (which insertion
 * splits), or where a selected block or the gap cursor is. The header and signature columns take only
 * paragraphs and lists. (TipTap's `can().insertContent()` answers yes everywhere, so it cannot tell.)
 */
export function canInsertVoteResult(state: EditorState): boolean {
  const type = state.schema.nodes[VOTE_RESULT_NODE];
  if (!type) return false;
  const { $from } = state.selection;
  const depth = $from.parent.isTextblock ? $from.depth - 1 : $from.depth;
  if (depth < 0) return false;
  const index = $from.index(depth);
  return $from.node(depth).canReplaceWith(index, index, type);
}

/** The minutes template's line that waits for the results: "Kết quả biểu quyết: …" and nothing else. */
const PLACEHOLDER_LINE = /^\s*Kết quả biểu quyết\s*:\s*…\s*$/u;

/** Where the template's "Kết quả biểu quyết: …" line still stands, if it does. */
export function voteResultPlaceholder(doc: PMNode): { from: number; to: number } | null {
  let found: { from: number; to: number } | null = null;
  doc.descendants((node, pos) => {
    if (found) return false;
    if (node.type.name === 'paragraph' && PLACEHOLDER_LINE.test(node.textContent)) {
      found = { from: pos, to: pos + node.nodeSize };
    }
    // Text blocks hold no paragraphs: not worth descending into.
    return !node.isTextblock;
  });
  return found;
}

/**
 * Where a result goes other than the cursor: in place of the template's line that waits for it, or under a
 * selected result (never over it). The new block is left selected, so that the next result goes under it.
 * Null: at the cursor, as any content is inserted.
 */
export function placeVoteResult(state: EditorState, content: JSONContent): Transaction | null {
  const node = state.schema.nodeFromJSON(content);
  const { selection } = state;
  let at: number;
  const tr = state.tr;
  const line = voteResultPlaceholder(state.doc);
  if (line) {
    at = line.from;
    tr.replaceWith(line.from, line.to, node);
  } else if (selection instanceof NodeSelection && selection.node.type.name === VOTE_RESULT_NODE) {
    at = selection.to;
    tr.insert(at, node);
  } else {
    return null;
  }
  return tr.setSelection(NodeSelection.create(tr.doc, at)).scrollIntoView();
}

/**
 * The block for a motion. One for a motion that has already closed starts with the final text, which the server
 * wrote at close only into the blocks that existed then.
 */
export function voteResultContent(motion: MotionView): JSONContent {
  return { type: VOTE_RESULT_NODE, attrs: { motionId: motion.id, text: documentVoteResult(motion) } };
}
