import type { JSONContent } from '@tiptap/core';
import type { EditorState } from '@tiptap/pm/state';
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

/**
 * The block for a motion. One for a motion that has already closed starts with the final text, which the server
 * wrote at close only into the blocks that existed then.
 */
export function voteResultContent(motion: MotionView): JSONContent {
  return { type: VOTE_RESULT_NODE, attrs: { motionId: motion.id, text: documentVoteResult(motion) } };
}
