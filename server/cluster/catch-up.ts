import { meetingIdOfDocument } from '../../shared/meeting.ts';
import { relock } from '../documents/lock.ts';
import type { MotionTimers } from '../motions/timers.ts';
import type { Services } from '../services.ts';

/** A room that started loading this recently may not count as loaded yet, but is kept: it soon will. */
const LOADING_GRACE_MS = 60_000;

/**
 * The documents this process holds rooms for, as far as catching up needs to know: each is noted as its room
 * loads (when the room asks for its lock), and forgotten once its room is no longer loaded.
 */
export class LoadedDocuments {
  private readonly seen = new Map<string, number>();

  constructor(private readonly isLoaded: (docId: string) => boolean) {}

  loading(docId: string): void {
    // The meeting's live state has no lock of its own.
    if (meetingIdOfDocument(docId) === null) this.seen.set(docId, Date.now());
  }

  /** The documents whose rooms are loaded (or loading) now. */
  current(): string[] {
    const now = Date.now();
    const ids: string[] = [];
    for (const [docId, since] of this.seen) {
      if (this.isLoaded(docId) || now - since < LOADING_GRACE_MS) ids.push(docId);
      else this.seen.delete(docId);
    }
    return ids;
  }
}

/**
 * After the bus came back: what this process may have missed meanwhile, read from the database. Every timed vote
 * still open gets its timer (one already set is set again; one for a vote closed meanwhile is left, and finds the
 * vote closed when it fires); every loaded room takes the lock its document has now.
 */
export async function catchUp(s: Services, timers: MotionTimers, documents: LoadedDocuments): Promise<void> {
  for (const { id, closesAt } of await s.motions.timed()) timers.schedule(id, closesAt);
  for (const docId of documents.current()) await relock(s, docId);
}
