import { describe, expect, it } from 'vitest';
import type { MotionView } from '../../shared/api.ts';
import { decide, type AdoptionRule, type Tally } from '../../shared/motions.ts';
import { motionFigures, turnout } from './figures.ts';

function motion(rule: AdoptionRule, tally: Tally | null, status: MotionView['status'], present = 9, members = 10): MotionView {
  const quorumRule = { numerator: 2, denominator: 3 };
  const decision = status === 'closed' && tally ? decide(rule, quorumRule, tally, { members, present }) : null;
  return {
    ...{ id: 'm1', meetingId: 'x', number: 1, title: 'Thông qua Nghị quyết', description: '' },
    ...{ documentId: null, documentTitle: null, documentKind: null, form: 'named', rule, quorumRule },
    ...{ durationSeconds: null, status, outcome: decision?.outcome ?? null, revoteOf: null, revotedBy: null },
    ...{ createdAt: '', openedAt: null, closesAt: null, closedAt: null, version: null },
    ...{ members, present, voted: tally ? tally.for + tally.against + tally.abstain : 0, tally, decision, amendment: null },
  };
}

describe('the figures a result shows', () => {
  it('gives each count its share of the rule’s base once closed, with a decimal comma in Vietnamese', () => {
    const figures = motionFigures(motion('present_majority', { for: 5, against: 1, abstain: 1 }, 'closed'), 'vi');
    expect(figures?.rows.map((row) => [row.count, row.percent])).toEqual([
      [5, '55,6%'],
      [1, '11,1%'],
      [1, '11,1%'],
    ]);
    expect(figures?.base).toEqual({ kind: 'present', count: 9 });
    expect(motionFigures(motion('members_majority', { for: 5, against: 1, abstain: 1 }, 'closed'), 'en')?.rows[0]?.percent).toBe('50.0%');
  });

  it('gives abstentions no share of votes cast, which they are not part of', () => {
    const figures = motionFigures(motion('cast_majority', { for: 3, against: 1, abstain: 4 }, 'closed'), 'vi');
    expect(figures?.rows.map((row) => row.percent)).toEqual(['75,0%', '25,0%', null]);
    expect(figures?.base).toEqual({ kind: 'cast', count: 4 });
  });

  it('shows no percentages while the vote runs, and nothing without counts (a secret ballot, hands not yet counted)', () => {
    expect(motionFigures(motion('present_majority', { for: 2, against: 0, abstain: 0 }, 'open'), 'vi')?.rows.map((r) => r.percent)).toEqual([
      null,
      null,
      null,
    ]);
    expect(motionFigures(motion('present_majority', null, 'open'), 'vi')).toBeNull();
  });

  it('counts turnout against those present now while open, and against the frozen number once closed', () => {
    expect(turnout(motion('present_majority', { for: 2, against: 0, abstain: 0 }, 'open', 7), 8)).toEqual({ voted: 2, of: 8 });
    expect(turnout(motion('present_majority', { for: 2, against: 0, abstain: 0 }, 'closed', 7), 8)).toEqual({ voted: 2, of: 7 });
  });
});
