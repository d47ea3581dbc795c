import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { Plugin, type EditorState, type Transaction } from '@tiptap/pm/state';
import type { DecorationSet } from '@tiptap/pm/view';
import { yCursorPluginKey } from '@tiptap/y-tiptap';

/**
 * Other people's carets, held still while this person composes a word with an input method (Telex, VNI, any IME).
 *
 * y-prosemirror redraws the carets from the shared positions whenever anyone's presence changes. A caret drawn where
 * the word is being composed (someone else's caret at the end of the same line, which is common) is then taken out
 * of the page and put back next to the text node the input method is writing in; the browser takes that as the end of
 * the composition and starts a new one, and the first letters are written twice ("VViệt"). While a composition is
 * under way the carets only follow the text; when it ends they are drawn again from everyone's presence.
 */
export const Carets = CollaborationCaret.extend({
  addProseMirrorPlugins() {
    const plugins = this.parent?.() ?? [];
    return plugins.map((plugin) => {
      const spec = plugin.spec;
      if (spec.key !== yCursorPluginKey || !spec.state) return plugin;
      const state = spec.state as {
        init: (config: unknown, state: EditorState) => DecorationSet;
        apply: (tr: Transaction, value: DecorationSet, oldState: EditorState, newState: EditorState) => DecorationSet;
      };
      let composing = false;
      return new Plugin<DecorationSet>({
        ...spec,
        state: {
          init: state.init,
          apply(tr, value, oldState, newState) {
            if (composing) return tr.docChanged ? value.map(tr.mapping, tr.doc) : value;
            return state.apply.call(this, tr, value, oldState, newState);
          },
        },
        props: {
          ...spec.props,
          handleDOMEvents: {
            ...spec.props?.handleDOMEvents,
            compositionstart: () => {
              composing = true;
              return false;
            },
            compositionend: (view) => {
              composing = false;
              // After ProseMirror has read the composed text (it does so just after this event).
              setTimeout(() => {
                if (!view.isDestroyed && !composing) view.dispatch(view.state.tr.setMeta(yCursorPluginKey, { awarenessUpdated: true }));
              }, 50);
              return false;
            },
          },
        },
      });
    });
  },
});
