import type { DocumentLock } from '../../shared/api.ts';
import type { MotionStatus, Outcome } from '../../shared/motions.ts';
import type { RoomLock } from '../collab/room.ts';
import type { Repositories, Services } from '../services.ts';

/**
 * How a document's lock binds its live room. A vote or a finalisation request holds the text only for now: edits
 * dropped meanwhile come back when it lifts. Adopted or final, it is sealed: edits sent to it are kept apart as
 * refused edits (see `refused-edits.ts`).
 */
export function roomLockOf(lock: DocumentLock | null | undefined): RoomLock | null {
  if (!lock) return null;
  return lock.reason === 'vote' || lock.reason === 'finalising' ? 'hold' : 'seal';
}

/**
 * Brings the document's live room (when loaded) in line with the lock the database now gives it, and with the
 * suggestions its amendment votes freeze (`server/motions/amendments.ts`).
 */
export async function relock(s: Services, documentId: string): Promise<void> {
  if (!s.rooms) return;
  s.rooms.setLock(documentId, roomLockOf((await s.meetings.document(documentId))?.lock));
  s.rooms.setFrozen(documentId, await s.amendments.frozen(documentId));
}

/**
 * Inside a unit that changed what a document's lock is decided from (a vote closed, a finalisation withdrawn,
 * declined or confirmed): the lock every append checks becomes the one the unit's own writes now give.
 */
export async function storeLock(tx: Repositories, documentId: string): Promise<void> {
  await tx.heads.setLock(documentId, roomLockOf((await tx.meetings.document(documentId))?.lock));
}

/** What a document's lock is decided from: its finalisation, and the motions on it that hold or adopted it. */
export interface LockFacts {
  finalisation: 'requested' | 'final' | null;
  motions: readonly { id: string; title: string; number: number; status: MotionStatus; outcome: Outcome | null }[];
}

/**
 * A document's lock, strongest first: finalised, awaiting confirmation of finalisation, a vote open on it (the
 * newest, should there be two), the newest vote that adopted it. None otherwise: a draft motion, or a vote closed
 * without adopting, leaves the text open.
 */
export function documentLock({ finalisation, motions }: LockFacts): DocumentLock | null {
  if (finalisation === 'final') return { reason: 'final', motionId: null, motionTitle: null };
  if (finalisation === 'requested') return { reason: 'finalising', motionId: null, motionTitle: null };
  const newest = (status: (m: LockFacts['motions'][number]) => boolean) =>
    motions.filter(status).reduce<LockFacts['motions'][number] | null>((a, m) => (a === null || m.number > a.number ? m : a), null);
  const open = newest((m) => m.status === 'open');
  if (open) return { reason: 'vote', motionId: open.id, motionTitle: open.title };
  const adopted = newest((m) => m.outcome === 'adopted');
  if (adopted) return { reason: 'adopted', motionId: adopted.id, motionTitle: adopted.title };
  return null;
}
