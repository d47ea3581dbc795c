import type { DocumentLock } from '../../shared/api.ts';
import type { RoomLock } from '../collab/room.ts';
import type { Services } from '../services.ts';

/**
 * How a document's lock binds its live room. A vote or a finalisation request holds the text only for now: edits
 * dropped meanwhile come back when it lifts. Adopted or final, it is sealed: edits sent to it are kept apart as
 * refused edits (see `refused-edits.ts`).
 */
export function roomLockOf(lock: DocumentLock | null | undefined): RoomLock | null {
  if (!lock) return null;
  return lock.reason === 'vote' || lock.reason === 'finalising' ? 'hold' : 'seal';
}

/** Brings the document's live room (when loaded) in line with the lock the database now gives it. */
export function relock(s: Services, documentId: string): void {
  s.rooms?.setLock(documentId, roomLockOf(s.meetings.document(documentId)?.lock));
}
