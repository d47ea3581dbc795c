/**
 * The base a vote is decided on (V11), as pure functions: who may vote, who is fixed as present when a vote opens,
 * and how the electorate is counted from what the database holds. The repository stores and reads the rows; the
 * rules are here, tested without a database.
 */
import { countsTowardQuorum, type Attendance, type Role } from './meeting.ts';
import type { Electorate } from './motions.ts';

/** A voting member as the vote opens: in the electorate, and whether checked in then. */
export interface ElectorateEntry {
  userId: string;
  present: boolean;
}

/** Observers (khách mời) have no vote; everyone else on the roster does. */
export function mayVote(member: { role: Role }): boolean {
  return countsTowardQuorum(member.role);
}

/** The electorate fixed as a vote opens: the voting members, each present if checked in at that instant. */
export function electorateAtOpening(members: readonly { userId: string; role: Role; attendance: Attendance }[]): ElectorateEntry[] {
  return members.filter(mayVote).map((m) => ({ userId: m.userId, present: m.attendance === 'present' }));
}

/**
 * Counts of an opened vote's fixed electorate and its ballots, as the database gives them. No rule in them: which
 * rows count as what is decided by `fixedElectorate`.
 */
export interface FixedElectorateFacts {
  /** Rows fixed at the opening. */
  listed: number;
  /** Of those, present at the opening. */
  listedPresent: number;
  /** Of those, absent at the opening who have voted since (checked in later). */
  listedAbsentVoted: number;
  /** Ballots of people not fixed at the opening (added to the roster after it). */
  unlisted: number;
}

/**
 * From the opening: the voting members and those present when it opened, plus anyone who voted without being
 * counted then (checked in later, or added to the roster); a ballot stands, so its voter counts as present whatever
 * attendance says since. Marking people absent during the vote moves nothing.
 */
export function fixedElectorate(f: FixedElectorateFacts): Electorate {
  return { members: f.listed + f.unlisted, present: f.listedPresent + f.listedAbsentVoted + f.unlisted };
}

/**
 * Before a vote opens (or for one opened before the electorate was recorded): the voting members now, and those of
 * them checked in or who have voted.
 */
export function liveElectorate(
  members: readonly { userId: string; role: Role; attendance: Attendance }[],
  voters: ReadonlySet<string>,
): Electorate {
  const voting = members.filter(mayVote);
  return { members: voting.length, present: voting.filter((m) => m.attendance === 'present' || voters.has(m.userId)).length };
}
