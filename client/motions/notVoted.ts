import type { MemberView, ProjectedBallot } from '../../shared/api.ts';

export interface NotVoted {
  userId: string;
  /** Empty for someone taken off the roster since the vote opened (they still count in its base, V11). */
  fullName: string;
}

/**
 * Who of those counted present when the vote opened has no ballot yet, in roster order (Vietnamese given names),
 * anyone no longer on the roster last.
 */
export function notVoted(
  presentAtOpening: readonly string[],
  ballots: Readonly<Record<string, ProjectedBallot>> | undefined,
  members: readonly Pick<MemberView, 'userId' | 'fullName'>[],
): NotVoted[] {
  const waiting = new Set(presentAtOpening.filter((userId) => ballots?.[userId] === undefined));
  const listed = members.filter((m) => waiting.has(m.userId)).map((m) => ({ userId: m.userId, fullName: m.fullName }));
  const gone = [...waiting].filter((userId) => !listed.some((m) => m.userId === userId)).map((userId) => ({ userId, fullName: '' }));
  return [...listed, ...gone];
}
