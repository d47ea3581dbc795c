/**
 * Drafts the server made from someone's offline edits to a document finalised meanwhile (the edits could not
 * be applied to a text locked for good, but they are that person's work and are not thrown away). Each person
 * is told once, in the finalised document, where their text went; a notice they dismissed stays dismissed on
 * this device.
 */
import type { DocumentView } from '../../shared/api.ts';
import { readStored, writeStored } from '../storage.ts';

export function isRefusedEditsDraft(doc: Pick<DocumentView, 'origin'>): boolean {
  return doc.origin?.reason === 'refused_edits';
}

/** The drafts holding `userId`'s refused edits to `documentId` that they have not dismissed, oldest first. */
export function refusedDrafts(
  documents: readonly DocumentView[],
  documentId: string,
  userId: string,
  /** Drafts to leave out: those already seen to. */
  dismissed: ReadonlySet<string>,
): DocumentView[] {
  return documents.filter(
    (doc) =>
      doc.origin?.reason === 'refused_edits' &&
      doc.origin.documentId === documentId &&
      doc.origin.userId === userId &&
      !dismissed.has(doc.id),
  );
}

/**
 * What this device has done about each such draft, by the draft's id (a later refusal makes a new draft, which
 * is told of and acted on afresh): the notice dismissed; the device's own copy of the finalised document, which
 * still held the refused edits, dropped.
 */
export type DraftMark = 'dismissed' | 'copyDropped';

const MARK_KEYS: Readonly<Record<DraftMark, string>> = {
  dismissed: 'quorum:refused-edits-dismissed',
  copyDropped: 'quorum:refused-edits-reset',
};

export function readMarked(mark: DraftMark): Set<string> {
  try {
    const parsed: unknown = JSON.parse(readStored(MARK_KEYS[mark]) ?? '[]');
    return new Set(Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string') : []);
  } catch {
    return new Set();
  }
}

export function markDraft(mark: DraftMark, draftId: string): Set<string> {
  const marked = readMarked(mark);
  marked.add(draftId);
  writeStored(MARK_KEYS[mark], JSON.stringify([...marked]));
  return marked;
}
