import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Editor } from '@tiptap/core';
import type { CommentThreadView } from '../../shared/comments.ts';
import { api, ApiRequestError, apiPath } from '../api/http.ts';
import { commentHighlight, commentHighlightKey, setHighlight } from './highlight.ts';

export type Ranges = ReadonlyMap<string, { from: number; to: number }>;

/** Several changes heard at once (a burst of replies) are fetched once, this long after the first. */
const SETTLE_MS = 250;

const asError = (failure: unknown) =>
  failure instanceof ApiRequestError ? failure : new ApiRequestError(0, { code: 'unexpected', message: String(failure) });

/**
 * A document's threads, kept current from the meeting's live state: when the document's comment revision moves,
 * the threads' revisions are fetched, then only the threads this copy lacks or has at another revision (a hall of
 * readers does not fetch every comment again for each reply). The threads' ranges in the editor are highlighted
 * there; `active` is the thread selected in the margin or by a click in the text.
 */
export function useCommentThreads(documentId: string, revision: number, editor: Editor | null, showResolved: boolean) {
  const [threads, setThreads] = useState<readonly CommentThreadView[] | null>(null);
  const [error, setError] = useState<ApiRequestError | null>(null);
  const [active, setActive] = useState<string | null>(null);
  const [ranges, setRanges] = useState<Ranges>(new Map());
  const [clicked, setClicked] = useState<{ id: string; at: number } | null>(null);
  const copy = useRef<readonly CommentThreadView[] | null>(null);
  copy.current = threads;

  const fullFetch = useCallback(async () => {
    try {
      setThreads(await api.get<CommentThreadView[]>(apiPath`/api/documents/${documentId}/comments`));
      setError(null);
    } catch (failure) {
      setError(asError(failure));
    }
  }, [documentId]);

  const catchUp = useCallback(async () => {
    const have = copy.current;
    if (!have) return fullFetch();
    try {
      const revisions = await api.get<Record<string, number>>(apiPath`/api/documents/${documentId}/comment-revisions`);
      const known = new Map(have.map((t) => [t.id, t.revision]));
      const wanted = Object.keys(revisions).filter((id) => known.get(id) !== revisions[id]);
      const fresh =
        wanted.length === 0
          ? []
          : await api.get<CommentThreadView[]>(
              `${apiPath`/api/documents/${documentId}/comments`}?threads=${wanted.map(encodeURIComponent).join(',')}`,
            );
      setThreads((current) => {
        const byId = new Map((current ?? []).filter((t) => Object.hasOwn(revisions, t.id)).map((t) => [t.id, t]));
        for (const t of fresh) byId.set(t.id, t);
        return [...byId.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
      });
      setError(null);
    } catch (failure) {
      setError(asError(failure));
    }
  }, [documentId, fullFetch]);

  useEffect(() => {
    void fullFetch();
  }, [fullFetch]);

  // The live state moved on: someone commented, replied, resolved. The first revision is the one fetched.
  const seen = useRef(revision);
  useEffect(() => {
    if (seen.current === revision) return;
    seen.current = revision;
    const timer = setTimeout(() => void catchUp(), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [revision, catchUp]);

  /** A command's answer: the thread as it is now (null: it went), taken at once rather than waiting for the feed. */
  const took = useCallback((id: string, thread: CommentThreadView | null) => {
    setThreads((current) => {
      const others = (current ?? []).filter((t) => t.id !== id);
      return thread ? [...others, thread].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)) : others;
    });
  }, []);

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

  const list = useMemo(() => threads ?? [], [threads]);
  // Open threads are highlighted, and a resolved one selected while the resolved ones are shown.
  const shown = useMemo(
    () => list.filter((t) => t.status === 'open' || (showResolved && t.id === active)).map((t) => ({ id: t.id, anchor: t.anchor })),
    [list, active, showResolved],
  );
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    setRanges(setHighlight(editor, shown, active));
  }, [editor, shown, active]);

  return { threads: list, loaded: threads !== null, error, took, ranges, active, setActive, clicked };
}
