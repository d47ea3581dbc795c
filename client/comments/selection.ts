import type { Editor } from '@tiptap/core';

/**
 * The range the person selected: the editor's selection, or, in a read-only editor that did not take the browser's
 * selection as its own (an observer's), the browser's selection inside the text.
 */
export function selectionRange(editor: Editor): { from: number; to: number } | null {
  const { from, to } = editor.state.selection;
  if (to > from) return { from, to };
  const selection = window.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  const root = editor.view.dom;
  if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return null;
  try {
    const a = editor.view.posAtDOM(range.startContainer, range.startOffset);
    const b = editor.view.posAtDOM(range.endContainer, range.endOffset);
    return b > a ? { from: a, to: b } : null;
  } catch {
    return null;
  }
}
