import { Extension } from '@tiptap/core';
import { Plugin, TextSelection, type Selection } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import { Fragment, Slice, type Node as PMNode } from '@tiptap/pm/model';
import { SUGGEST_DELETE, SUGGEST_INSERT, type SuggestionAttrs } from '../../../shared/editor/suggestion-marks.ts';
import {
  compositionMarks,
  openSuggestedParagraph,
  randomSuggestionId,
  removeSuggestedParagraph,
  toSuggestion,
  type SuggestOptions,
  type SuggestionAuthor,
} from './transform.ts';

export interface SuggestModeOptions {
  author: SuggestionAuthor;
}

export interface SuggestModeStorage {
  /** On: what the person types or deletes becomes their suggestion (`transform.ts`). */
  enabled: boolean;
  /** The insertion the last input-method composition started (`compositionMarks`). */
  composing: SuggestionAttrs | null;
}

declare module '@tiptap/core' {
  interface Storage {
    suggestMode: SuggestModeStorage;
  }
}

/**
 * The caret where the page has it, when the editor has not read it yet. A key that only moves the caret (Home, an
 * arrow, a click) moves the page's selection at once, but the editor learns of it on the next "selectionchange",
 * which the browser may deliver after a key pressed right after it: striking at the editor's own, older caret would
 * strike the wrong characters.
 */
function caretOnPage(view: EditorView): Selection | null {
  const page = (view.root as Document).getSelection?.();
  if (!page || !page.isCollapsed || !page.focusNode || !view.dom.contains(page.focusNode)) return null;
  try {
    const pos = view.posAtDOM(page.focusNode, page.focusOffset);
    if (pos === view.state.selection.head && view.state.selection.empty) return null;
    return TextSelection.create(view.state.doc, pos);
  } catch {
    return null;
  }
}

/** `slice` with every suggestion mark taken off its text. */
export function withoutSuggestionMarks(slice: Slice): Slice {
  const strip = (fragment: Fragment): Fragment => {
    const nodes: PMNode[] = [];
    fragment.forEach((node) => {
      if (node.isText) nodes.push(node.mark(node.marks.filter((m) => m.type.name !== SUGGEST_INSERT && m.type.name !== SUGGEST_DELETE)));
      else nodes.push(node.copy(strip(node.content)));
    });
    return Fragment.from(nodes);
  };
  return new Slice(strip(slice.content), slice.openStart, slice.openEnd);
}

function suggestOptions(author: SuggestionAuthor): SuggestOptions {
  return { author, now: () => new Date().toISOString(), newId: randomSuggestionId };
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
    return { enabled: false, composing: null };
  },

  // Before the other extensions' Backspace, Delete and Enter (lists, tables): in suggest mode one character is struck,
  // and Enter opens a suggested paragraph.
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
      const { view } = this.editor;
      // The editor takes the page's caret first, so that the strike below starts from it (and leaves the caret
      // after what it struck for Delete, before it for Backspace).
      const onPage = caretOnPage(view);
      if (onPage) view.dispatch(view.state.tr.setSelection(onPage));
      const { state } = view;
      const { selection } = state;
      if (!selection.empty) return false;
      const $at = selection.$from;
      if (!$at.parent.inlineContent) return false;
      // In an empty paragraph of one's own suggestion, the key takes the paragraph away.
      const removal = removeSuggestedParagraph(state, this.options.author.by);
      if (removal) {
        view.dispatch(removal);
        return true;
      }
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
    /**
     * Enter opens a new paragraph suggested as a whole after the caret's paragraph, never splitting it
     * (`openSuggestedParagraph`); where there is no such place (a table, the header, a list) it does nothing, since
     * any other change of structure is no suggestion.
     */
    const open = () => {
      if (!this.storage.enabled) return false;
      const { view } = this.editor;
      const onPage = caretOnPage(view);
      if (onPage) view.dispatch(view.state.tr.setSelection(onPage));
      const tr = openSuggestedParagraph(view.state, suggestOptions(this.options.author));
      if (tr) view.dispatch(tr);
      return true;
    };
    return { Backspace: strike(false), Delete: strike(true), Enter: open };
  },

  addProseMirrorPlugins() {
    const storage = this.storage;
    const options = () => this.options;
    return [
      new Plugin({
        props: {
          // Pasted text never brings suggestions along: in suggest mode it becomes the person's own insertion
          // (`transform.ts`); when editing directly it is plain text. A mark copied with it would name someone
          // else as its author, which the server refuses (`server/collab/authorship.ts`).
          transformPasted: (slice) => withoutSuggestionMarks(slice),
          handleDOMEvents: {
            // Before ProseMirror's own handler, which composes inside an element carrying the stored marks.
            compositionstart: (view) => {
              if (!storage.enabled) return false;
              const onPage = caretOnPage(view);
              if (onPage) view.dispatch(view.state.tr.setSelection(onPage));
              const start = compositionMarks(view.state, suggestOptions(options().author));
              if (!start) return false;
              storage.composing = start.attrs;
              view.dispatch(view.state.tr.setStoredMarks(start.marks));
              return false;
            },
          },
        },
      }),
    ];
  },

  dispatchTransaction({ transaction, next }) {
    const sync = transaction.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean; isUndoRedoOperation?: boolean } | undefined;
    if (!this.storage.enabled || sync?.isChangeOrigin || sync?.isUndoRedoOperation) {
      next(transaction);
      return;
    }
    const suggestion = toSuggestion(this.editor.state, transaction, { ...suggestOptions(this.options.author), composing: this.storage.composing });
    if (suggestion) next(suggestion);
  },
});
