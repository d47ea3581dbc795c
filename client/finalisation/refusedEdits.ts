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

/** By the draft's id: a later refusal makes a new draft, which deserves a notice of its own. */
const DISMISSED_KEY = 'quorum:refused-edits-dismissed';

export function readDismissed(): Set<string> {
  try {
    const parsed: unknown = JSON.parse(readStored(DISMISSED_KEY) ?? '[]');
    return new Set(Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string') : []);
  } catch {
    return new Set();
  }
}

export function rememberDismissed(draftId: string): Set<string> {
  const dismissed = readDismissed();
  dismissed.add(draftId);
  writeStored(DISMISSED_KEY, JSON.stringify([...dismissed]));
  return dismissed;
}
