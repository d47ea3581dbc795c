import { describe, expect, it } from 'vitest';
import { electorateAtOpening, fixedElectorate, liveElectorate, mayVote } from './electorate.ts';

const roster = [
  { userId: 'chair', role: 'chair', attendance: 'present' },
  { userId: 'sec', role: 'secretary', attendance: 'absent' },
  { userId: 'd1', role: 'delegate', attendance: 'present' },
  { userId: 'd2', role: 'delegate', attendance: 'unknown' },
  { userId: 'obs', role: 'observer', attendance: 'present' },
] as const;

describe('the electorate of a vote', () => {
  it('[D32] observers have no vote; the electorate fixed at the opening is the voting members, present if checked in then', () => {
    expect(mayVote({ role: 'observer' })).toBe(false);
    expect(mayVote({ role: 'delegate' })).toBe(true);
    expect(electorateAtOpening(roster)).toEqual([
      { userId: 'chair', present: true },
      { userId: 'sec', present: false },
      { userId: 'd1', present: true },
      { userId: 'd2', present: false },
    ]);
  });

  it('[D32] from the opening: those fixed, plus anyone who voted without being counted then; a ballot counts its voter present', () => {
    expect(fixedElectorate({ listed: 4, listedPresent: 2, listedAbsentVoted: 0, unlisted: 0 })).toEqual({ members: 4, present: 2 });
    // One absent at the opening checked in and voted; one added to the roster after the opening voted.
    expect(fixedElectorate({ listed: 4, listedPresent: 2, listedAbsentVoted: 1, unlisted: 1 })).toEqual({ members: 5, present: 4 });
  });

  it('[D32] before the opening: the voting members now, and those checked in or who voted', () => {
    expect(liveElectorate(roster, new Set())).toEqual({ members: 4, present: 2 });
    expect(liveElectorate(roster, new Set(['d2', 'obs']))).toEqual({ members: 4, present: 3 });
  });
});
