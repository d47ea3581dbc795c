import type { AnyExtension } from '@tiptap/core';
import { ReactNodeViewRenderer } from '@tiptap/react';
import { VOTE_RESULT_NODE, VoteResult } from '../../../shared/editor/vote-result.ts';
import { VoteResultView } from './VoteResultView.tsx';

/** The shared node with the browser's live view: the same name and schema, so documents sync unchanged. */
export const VoteResultWithView = VoteResult.extend({
  addNodeView() {
    return ReactNodeViewRenderer(VoteResultView);
  },
});

/**
 * The editor's extension list with the vote-result node given its live view. A replacement, not an addition:
 * a second extension named `voteResult` after the shared one would make TipTap warn about duplicate names on
 * every editor it creates.
 */
export function withVoteResultView(extensions: readonly AnyExtension[]): AnyExtension[] {
  return extensions.map((extension) => (extension.name === VOTE_RESULT_NODE ? VoteResultWithView : extension));
}
