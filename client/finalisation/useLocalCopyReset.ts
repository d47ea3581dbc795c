/**
 * After the server refused this device's edits to a document locked for good (and kept them as a draft), the
 * device's own copy of the document still holds them, and its editor would go on showing a text that is not the
 * finalised one. Once per such draft, the copy is deleted and the editor opened afresh from the server.
 */
import { useEffect, useState } from 'react';
import type { DocumentView } from '../../shared/api.ts';
import { forgetLocalCopy } from '../document/localCopies.ts';
import { readStored, writeStored } from '../storage.ts';

const HANDLED_KEY = 'quorum:refused-edits-reset';

function handled(): Set<string> {
  try {
    const parsed: unknown = JSON.parse(readStored(HANDLED_KEY) ?? '[]');
    return new Set(Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string') : []);
  } catch {
    return new Set();
  }
}

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
  const pending = lockedForGood
    ? documents.find(
        (doc) =>
          doc.origin?.reason === 'refused_edits' &&
          doc.origin.documentId === documentId &&
          doc.origin.userId === userId &&
          !handled().has(doc.id),
      )
    : undefined;
  const draftId = pending?.id ?? null;
  useEffect(() => {
    if (draftId === null) return;
    let cancelled = false;
    void forgetLocalCopy(documentId).then(() => {
      writeStored(HANDLED_KEY, JSON.stringify([...handled(), draftId]));
      if (!cancelled) setGeneration((n) => n + 1);
    });
    return () => {
      cancelled = true;
    };
  }, [documentId, draftId]);
  return { resetting: draftId !== null, generation };
}
