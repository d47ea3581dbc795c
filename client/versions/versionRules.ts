/** What the versions panel offers, and when its list is out of date. Pure, for the tests. */
import type { DocumentView, MeetingPermissions } from '../../shared/api.ts';

export interface VersionOffer {
  /** Saving a version changes no text, so it stays open on a locked document (the final text is worth a name). */
  save: boolean;
  /** A restore is a new change to the text: never on a locked one (the server would refuse `document_read_only`). */
  restore: boolean;
}

export function versionOffer(permissions: Pick<MeetingPermissions, 'editDocuments'>, locked: boolean): VersionOffer {
  return { save: permissions.editDocuments, restore: permissions.editDocuments && !locked };
}

/**
 * The list is not live, but the server adds versions by itself when a vote opens, when issue is requested and
 * when it is confirmed: each of those changes the document's lock or finalisation, which the live meeting list
 * does carry, as it does someone else's restore (which adds a "before restore" version). The list is fetched again
 * whenever this key changes.
 */
export function versionsRefreshKey(doc: Pick<DocumentView, 'lock' | 'finalisation'> & Partial<Pick<DocumentView, 'restore'>>): string {
  return JSON.stringify([
    doc.lock?.reason ?? null,
    doc.lock?.motionId ?? null,
    doc.finalisation?.status ?? null,
    doc.finalisation?.versionId ?? null,
    doc.restore?.replacedVersionId ?? null,
  ]);
}
