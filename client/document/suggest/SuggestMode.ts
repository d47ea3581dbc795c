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

  // Before the other extensions' Backspace and Delete (lists, tables): in suggest mode one character is struck.
  priority: 1000,

  /**
   * Backspace and Delete with the caret in text strike one character here, instead of leaving it to the browser's
   * own deletion, which ProseMirror reads back from the page: around a struck run that reading can come back as a
   * wider replacement, or with the caret left in front, and a press is lost. What they strike is decided by the
   * key, not guessed from the change.
   */
  addKeyboardShortcuts() {
    const strike = (forward: boolean) => () => {
      if (!this.storage.enabled) return false;
      const { state, view } = this.editor;
      const { selection } = state;
      if (!selection.empty) return false;
      const $at = selection.$from;
      if (!$at.parent.inlineContent) return false;
      const at = $at.pos;
      // At the edge of its paragraph a key would join two blocks: structure, which suggest mode does not change.
      if (forward ? at >= $at.end() : at <= $at.start()) return true;
      const node = forward ? $at.nodeAfter : $at.nodeBefore;
      if (!node?.isText) return false;
      const text = node.text ?? '';
      // A character outside the Basic Multilingual Plane is two positions.
      const size = forward ? (text.codePointAt(0)! > 0xffff ? 2 : 1) : text.length > 1 && /[\udc00-\udfff]/.test(text.at(-1)!) ? 2 : 1;
      view.dispatch(state.tr.delete(forward ? at : at - size, forward ? at + size : at));
      return true;
    };
    return { Backspace: strike(false), Delete: strike(true) };
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
