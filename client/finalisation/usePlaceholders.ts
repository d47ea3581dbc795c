import { useEffect, useMemo, useState } from 'react';
import type { Editor } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { NodeSelection, TextSelection } from '@tiptap/pm/state';
import { findPlaceholders, type Placeholder } from '../../shared/editor/placeholders.ts';
import type { MeetingFactTexts } from '../../shared/meeting-facts.ts';

/**
 * The placeholders of the text open in the editor, as the server will find them (the same function, with the
 * meeting's facts the request will write), kept current as anyone types.
 */
export function usePlaceholders(editor: Editor | null, facts: MeetingFactTexts | null): Placeholder[] {
  const [doc, setDoc] = useState<PMNode | null>(editor?.state.doc ?? null);
  useEffect(() => {
    setDoc(editor?.state.doc ?? null);
    if (!editor) return;
    const onUpdate = () => setDoc(editor.state.doc);
    editor.on('update', onUpdate);
    return () => {
      editor.off('update', onUpdate);
    };
  }, [editor]);
  return useMemo(() => (doc ? findPlaceholders(doc, facts) : []), [doc, facts]);
}

/** Scrolls the editor to a placeholder and selects it: the "…" as text, a block or a fact as a whole. */
export function showPlaceholder(editor: Editor, placeholder: Placeholder): void {
  const { doc } = editor.state;
  if (placeholder.to > doc.content.size) return;
  const selection =
    placeholder.kind === 'blank'
      ? TextSelection.create(doc, placeholder.from, placeholder.to)
      : NodeSelection.create(doc, placeholder.from);
  editor.view.dispatch(editor.state.tr.setSelection(selection).scrollIntoView());
  editor.view.focus();
}
