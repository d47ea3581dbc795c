import { describe, expect, it } from 'vitest';
import { documentLock, roomLockOf, type LockFacts } from './lock.ts';

const motion = (number: number, status: 'draft' | 'open' | 'closed', outcome: 'adopted' | 'rejected' | 'void' | null = null) => ({
  id: `m${number}`,
  title: `Biểu quyết ${number}`,
  number,
  status,
  outcome,
});
const lock = (facts: Partial<LockFacts>) => documentLock({ finalisation: null, motions: [], ...facts });

describe('a document lock, decided without a database', () => {
  it('[V5] finalised beats awaiting confirmation beats an open vote beats an adoption; nothing else locks', () => {
    const all = [motion(1, 'closed', 'adopted'), motion(2, 'open')];
    expect(lock({ finalisation: 'final', motions: all })).toEqual({ reason: 'final', motionId: null, motionTitle: null });
    expect(lock({ finalisation: 'requested', motions: all })).toEqual({ reason: 'finalising', motionId: null, motionTitle: null });
    expect(lock({ motions: all })).toEqual({ reason: 'vote', motionId: 'm2', motionTitle: 'Biểu quyết 2' });
    expect(lock({ motions: [motion(1, 'closed', 'adopted')] })).toEqual({ reason: 'adopted', motionId: 'm1', motionTitle: 'Biểu quyết 1' });
    expect(lock({ motions: [motion(1, 'draft'), motion(2, 'closed', 'rejected'), motion(3, 'closed', 'void')] })).toBeNull();
    expect(lock({})).toBeNull();
  });

  it('[V5] of two votes of a kind the newest names the lock, in any order', () => {
    expect(lock({ motions: [motion(4, 'closed', 'adopted'), motion(7, 'closed', 'adopted'), motion(5, 'closed', 'adopted')] })?.motionId).toBe('m7');
    expect(lock({ motions: [motion(9, 'open'), motion(3, 'open')] })?.motionId).toBe('m9');
  });

  it('[V5] a vote or a request holds the live room; an adoption or a final text seals it', () => {
    expect(roomLockOf(lock({ motions: [motion(1, 'open')] }))).toBe('hold');
    expect(roomLockOf(lock({ finalisation: 'requested' }))).toBe('hold');
    expect(roomLockOf(lock({ motions: [motion(1, 'closed', 'adopted')] }))).toBe('seal');
    expect(roomLockOf(lock({ finalisation: 'final' }))).toBe('seal');
    expect(roomLockOf(null)).toBeNull();
  });
});
