/**
 * After the server refused this device's edits and kept them as a draft, the device's own copy of the document still
 * holds them, and its editor would go on showing (and sending) a text that is not the server's. The copy is deleted
 * and the editor opened afresh from the server:
 *
 * - once per draft, in a document locked for good (adopted, final), when the draft appears;
 * - when the server closes the socket saying it kept the device's direct edits (4423: the person may only suggest),
 *   which it says only once they are stored (`drop`).
 */
import { useCallback, useEffect, useState } from 'react';
import type { DocumentView } from '../../shared/api.ts';
import { forgetLocalCopy } from '../document/localCopies.ts';
import { markDraft, readMarked, refusedDrafts } from './refusedEdits.ts';

/**
 * `resetting` while the copy is being deleted (the editor must be unmounted then, so that its connection to the
 * copy closes); `generation` changes each time the editor should open afresh; `drop` asks for it now.
 */
export function useLocalCopyReset(
  documentId: string,
  documents: readonly DocumentView[],
  userId: string,
  lockedForGood: boolean,
): { resetting: boolean; generation: number; drop: () => void } {
  const [generation, setGeneration] = useState(0);
  const [asked, setAsked] = useState(false);
  const draftId = lockedForGood ? (refusedDrafts(documents, documentId, userId, readMarked('copyDropped'))[0]?.id ?? null) : null;
  const resetting = draftId !== null || asked;
  useEffect(() => {
    if (!resetting) return;
    let cancelled = false;
    void forgetLocalCopy(documentId).then(() => {
      if (draftId !== null) markDraft('copyDropped', draftId);
      if (cancelled) return;
      setAsked(false);
      setGeneration((n) => n + 1);
    });
    return () => {
      cancelled = true;
    };
  }, [documentId, draftId, resetting]);
  const drop = useCallback(() => setAsked(true), []);
  return { resetting, generation, drop };
}
