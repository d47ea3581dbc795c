import { useEffect, useMemo, useRef, useState } from 'react';
import type { Editor } from '@tiptap/core';
import type { CommentThreadView } from '../../shared/comments.ts';
import { apiPath } from '../api/http.ts';
import { useApiQuery } from '../api/useApiQuery.ts';
import { commentHighlight, commentHighlightKey, setHighlight } from './highlight.ts';

export type Ranges = ReadonlyMap<string, { from: number; to: number }>;

/**
 * A document's threads, fetched again whenever the live state says its comments changed (`revision`), and their
 * ranges in the editor, highlighted there. `active` is the thread selected in the margin or by a click in the text.
 */
export function useCommentThreads(documentId: string, revision: number, editor: Editor | null, showResolved: boolean) {
  const query = useApiQuery<CommentThreadView[]>(apiPath`/api/documents/${documentId}/comments`);
  const { reload } = query;
  const [active, setActive] = useState<string | null>(null);
  const [ranges, setRanges] = useState<Ranges>(new Map());
  const [clicked, setClicked] = useState<{ id: string; at: number } | null>(null);

  // The live state moved on: someone commented, replied, resolved. The first revision is the one fetched.
  const seen = useRef(revision);
  useEffect(() => {
    if (seen.current === revision) return;
    seen.current = revision;
    reload();
  }, [revision, reload]);

  // The highlight plugin lives as long as this editor does.
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    const plugin = commentHighlight({
      onRanges: setRanges,
      onClick: (id) => {
        setActive(id);
        setClicked({ id, at: Date.now() });
      },
    });
    editor.registerPlugin(plugin);
    return () => {
      if (!editor.isDestroyed) editor.unregisterPlugin(commentHighlightKey);
    };
  }, [editor]);

  const threads = useMemo(() => query.data ?? [], [query.data]);
  // Open threads are highlighted, and a resolved one selected while the resolved ones are shown.
  const shown = useMemo(
    () => threads.filter((t) => t.status === 'open' || (showResolved && t.id === active)).map((t) => ({ id: t.id, anchor: t.anchor })),
    [threads, active, showResolved],
  );
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    setRanges(setHighlight(editor, shown, active));
  }, [editor, shown, active]);

  return { query, threads, ranges, active, setActive, clicked };
}
