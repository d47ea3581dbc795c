import { Extension } from '@tiptap/core';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import { randomSuggestionId, toSuggestion, type SuggestionAuthor } from './transform.ts';

export interface SuggestModeOptions {
  author: SuggestionAuthor;
}

export interface SuggestModeStorage {
  /** On: what the person types or deletes becomes their suggestion (`transform.ts`). */
  enabled: boolean;
}

declare module '@tiptap/core' {
  interface Storage {
    suggestMode: SuggestModeStorage;
  }
}

/**
 * "Đề xuất sửa đổi": while on, every change the person makes in the editor is turned into their suggestion before
 * it is applied. Remote changes (y-prosemirror's own transactions, undo included) pass untouched.
 */
export const SuggestMode = Extension.create<SuggestModeOptions, SuggestModeStorage>({
  name: 'suggestMode',

  addOptions() {
    return { author: { by: '', name: '' } };
  },

  addStorage() {
    return { enabled: false };
  },

  dispatchTransaction({ transaction, next }) {
    const sync = transaction.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean; isUndoRedoOperation?: boolean } | undefined;
    if (!this.storage.enabled || sync?.isChangeOrigin || sync?.isUndoRedoOperation) {
      next(transaction);
      return;
    }
    const suggestion = toSuggestion(this.editor.state, transaction, {
      author: this.options.author,
      now: () => new Date().toISOString(),
      newId: randomSuggestionId,
    });
    if (suggestion) next(suggestion);
  },
});
