import type { MotionView, ProjectedBallot } from '../shared/api.ts';
import { relock } from './documents/lock.ts';
import { presentMotion } from './motions/present.ts';
import type { DomainEvent } from './db/uow.ts';
import type { Services, SocketMatch } from './services.ts';

/**
 * The side effects a command asks for, as events emitted inside its unit of work (`tx.emit`) and delivered by
 * `deliverEvents` once the unit has committed: nothing a client sees, no socket closed and no timer set for a
 * change that was rolled back. This is the one place where a committed change reaches the live parts (rooms,
 * sockets, timers, the meeting's live state); with several processes it is where they will be told too.
 */
export type QuorumEvent =
  /** The meeting's live state (roster, attendance, documents, motions) is to be published again. */
  | { type: 'meeting.changed'; meetingId: string }
  /** One ballot: only its motion's count and its entry are published (a burst stays small). */
  | {
      type: 'ballot.cast';
      meetingId: string;
      motionId: string;
      userId: string;
      ballot: ProjectedBallot;
      /** The motion's view after the ballot, when the command reads it anyway (read once for both). */
      motion?: () => Promise<MotionView>;
    }
  /** A document's comments changed: its count and revision in the live state are written again. */
  | { type: 'comments.changed'; meetingId: string; documentId: string }
  /** The document's lock may have changed: its live room takes the one the database now gives. */
  | { type: 'document.lock'; documentId: string }
  /** A timed vote: close it when its time is up; or its timer is no longer needed. */
  | { type: 'motion.timer'; motionId: string; closesAt: string | null }
  /** A vote closed: its result is written into the meeting's unlocked documents. */
  | { type: 'motion.closed'; motionId: string; secret: boolean }
  /** Sockets whose admission no longer holds are closed (the client reconnects and meets the gate again). */
  | { type: 'sockets.close'; match: SocketMatch; why: 'access' | 'signedOut' };

/** Typed `tx.emit`: the unit of work's own `emit` takes any event. */
export function emit(tx: { emit(event: DomainEvent): void }, event: QuorumEvent): void {
  tx.emit(event);
}

/**
 * Delivers a committed unit's events, in an order that keeps what people see true: locks first (a room frozen or
 * sealed before anyone is told), then timers and sockets, then the live state (once per meeting, whatever the number
 * of changes), then the vote results written into documents. A failure is logged and the rest still delivered: the
 * change itself has committed, and every consumer catches up on its next event or when its room reloads.
 */
export async function deliverEvents(s: Services, events: readonly DomainEvent[], log: (err: unknown, event: DomainEvent) => void): Promise<void> {
  const all = events as readonly QuorumEvent[];
  const run = async (event: QuorumEvent, work: () => Promise<void> | void) => {
    try {
      await work();
    } catch (err) {
      log(err, event);
    }
  };
  for (const e of all) if (e.type === 'document.lock') await run(e, () => relock(s, e.documentId));
  for (const e of all) {
    if (e.type === 'motion.timer') {
      await run(e, () => (e.closesAt === null ? s.motionTimers?.cancel(e.motionId) : s.motionTimers?.schedule(e.motionId, e.closesAt)));
    } else if (e.type === 'sockets.close') {
      await run(e, () => s.closeSockets(e.match, e.why));
    } else if (e.type === 'motion.closed' && e.secret) {
      await run(e, () => s.forgetBallotOrder());
    }
  }
  const published = new Set<string>();
  for (const e of all) {
    if (e.type === 'meeting.changed' && !published.has(e.meetingId)) {
      published.add(e.meetingId);
      await run(e, () => s.projection?.publish(e.meetingId));
    }
  }
  const comments = new Set<string>();
  for (const e of all) {
    if (e.type !== 'comments.changed' || published.has(e.meetingId) || comments.has(e.documentId)) continue;
    comments.add(e.documentId);
    await run(e, () => s.projection?.publishComments(e.meetingId, e.documentId));
  }
  // A group commit's ballots go out together, per motion: one read of its view, one change of the live state.
  const ballots = new Map<string, Extract<QuorumEvent, { type: 'ballot.cast' }>[]>();
  for (const e of all) {
    if (e.type !== 'ballot.cast' || published.has(e.meetingId)) continue;
    const same = ballots.get(e.motionId);
    if (same) same.push(e);
    else ballots.set(e.motionId, [e]);
  }
  for (const group of ballots.values()) {
    const first = group[0]!;
    await run(first, async () => {
      const details = first.motion ? null : await s.motions.detailOf(first.motionId);
      const motion = first.motion ? await first.motion() : details && presentMotion(details);
      if (motion) await s.projection?.publishBallots(first.meetingId, motion, group.map((e) => ({ userId: e.userId, ballot: e.ballot })));
    });
  }
  for (const e of all) {
    if (e.type === 'motion.closed') {
      await run(e, async () => {
        const motion = await s.motions.detailOf(e.motionId);
        if (motion) await s.voteResults?.(presentMotion(motion));
      });
    }
  }
}
