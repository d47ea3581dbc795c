import type { DocumentRestore } from '../../shared/api.ts';

/** How long after a restore someone opening the document is still told of it (RN1). */
export const RESTORE_NOTICE_MS = 10 * 60 * 1000;

/**
 * Whether the restore notice shows (RN1): for a restore that happened while the document was open here (it differs
 * from the one seen on opening), or one made less than RESTORE_NOTICE_MS before it was opened; not once put away.
 * A clock behind the server's (a restore "in the future") counts as recent.
 */
export function restoreNoticeShown(
  restore: DocumentRestore | null,
  seenOnOpening: DocumentRestore | null,
  openedAt: number,
  dismissed: ReadonlySet<string>,
): boolean {
  if (!restore || dismissed.has(restore.replacedVersionId)) return false;
  if (restore.replacedVersionId !== seenOnOpening?.replacedVersionId) return true;
  const at = Date.parse(restore.at);
  return Number.isNaN(at) || openedAt - at < RESTORE_NOTICE_MS;
}

/** The address of a document with one of its versions open in the viewer. */
export function versionAddress(documentPath: string, versionId: string): string {
  return `${documentPath}?version=${encodeURIComponent(versionId)}`;
}

/** The version a document address asks to open (`?version=<id>`), or null. */
export function versionInAddress(search: string): string | null {
  const id = new URLSearchParams(search).get('version');
  return id === null || id === '' ? null : id;
}
