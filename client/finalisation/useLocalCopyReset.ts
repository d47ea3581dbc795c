/**
 * After the server refused this device's edits to a document locked for good (and kept them as a draft), the
 * device's own copy of the document still holds them, and its editor would go on showing a text that is not the
 * finalised one. Once per such draft, the copy is deleted and the editor opened afresh from the server.
 */
import { useEffect, useState } from 'react';
import type { DocumentView } from '../../shared/api.ts';
import { forgetLocalCopy } from '../document/localCopies.ts';
import { markDraft, readMarked, refusedDrafts } from './refusedEdits.ts';

/**
 * `resetting` while the copy is being deleted (the editor must be unmounted then, so that its connection to the
 * copy closes); `generation` changes each time the editor should open afresh.
 */
export function useLocalCopyReset(
  documentId: string,
  documents: readonly DocumentView[],
  userId: string,
  lockedForGood: boolean,
): { resetting: boolean; generation: number } {
  const [generation, setGeneration] = useState(0);
  const draftId = lockedForGood ? (refusedDrafts(documents, documentId, userId, readMarked('copyDropped'))[0]?.id ?? null) : null;
  useEffect(() => {
    if (draftId === null) return;
    let cancelled = false;
    void forgetLocalCopy(documentId).then(() => {
      markDraft('copyDropped', draftId);
      if (!cancelled) setGeneration((n) => n + 1);
    });
    return () => {
      cancelled = true;
    };
  }, [documentId, draftId]);
  return { resetting: draftId !== null, generation };
}
