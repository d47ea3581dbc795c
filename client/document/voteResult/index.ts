import type { AnyExtension } from '@tiptap/core';

/** The client's additions for vote-result blocks (the node view); added to the editor's extension list. */
export function voteResultClientExtensions(): AnyExtension[] {
  return [];
}
