import { describe, expect, it } from 'vitest';
import type { QuorumRule } from './meeting.ts';
import { ADOPTION_RULES, RULE_SHAPES, decide, requiredFor, type AdoptionRule, type Tally } from './motions.ts';

const TWO_THIRDS: QuorumRule = { numerator: 2, denominator: 3 };
const NO_QUORUM: QuorumRule = { numerator: 0, denominator: 1 };

const tally = (f: number, against = 0, abstain = 0): Tally => ({ for: f, against, abstain });

/** An electorate where the quorum is met (everyone present) and only the rule decides. */
const everyone = (n: number) => ({ members: n, present: n });

describe('requiredFor', () => {
  it('[V1] more than half: the fewest votes that are strictly more than half', () => {
    expect(requiredFor(1, 1, 2, true)).toBe(1);
    expect(requiredFor(2, 1, 2, true)).toBe(2);
    expect(requiredFor(3, 1, 2, true)).toBe(2);
    expect(requiredFor(4, 1, 2, true)).toBe(3);
    expect(requiredFor(47, 1, 2, true)).toBe(24);
    expect(requiredFor(100, 1, 2, true)).toBe(51);
  });

  it('[V1] at least two thirds: the fewest votes that reach two thirds, exactly 2/3 included', () => {
    expect(requiredFor(3, 2, 3, false)).toBe(2);
    expect(requiredFor(4, 2, 3, false)).toBe(3);
    expect(requiredFor(30, 2, 3, false)).toBe(20);
    expect(requiredFor(31, 2, 3, false)).toBe(21);
    expect(requiredFor(47, 2, 3, false)).toBe(32);
  });

  it('[V1] a base of zero needs nothing for "at least" and one vote for "more than"', () => {
    expect(requiredFor(0, 2, 3, false)).toBe(0);
    expect(requiredFor(0, 1, 2, true)).toBe(1);
  });
});

describe('decide: the adoption rules at their boundaries', () => {
  it('[V1] more than 50% of those present: exactly half is not adopted, one more is', () => {
    const electorate = everyone(40);
    expect(decide('present_majority', TWO_THIRDS, tally(20, 20), electorate).outcome).toBe('rejected');
    expect(decide('present_majority', TWO_THIRDS, tally(21, 19), electorate).outcome).toBe('adopted');
    // Odd base: half is 23.5, so 23 is not more than half and 24 is.
    expect(decide('present_majority', TWO_THIRDS, tally(23, 24), everyone(47)).outcome).toBe('rejected');
    expect(decide('present_majority', TWO_THIRDS, tally(24, 23), everyone(47)).outcome).toBe('adopted');
  });

  it('[V1] the base of a present rule is those present, not those who voted', () => {
    // 47 present, only 30 voted, all for: 30/47 is more than half of those present.
    const d = decide('present_majority', TWO_THIRDS, tally(30), { members: 50, present: 47 });
    expect(d).toEqual({ outcome: 'adopted', quorumMet: true, base: 47, required: 24, participated: 30 });
    // 23 for and nobody else voting is less than half of 47 present, although it is every vote cast.
    expect(decide('present_majority', TWO_THIRDS, tally(23), { members: 50, present: 47 }).outcome).toBe('rejected');
  });

  it('[V1] at least 2/3 of those present: exactly two thirds is adopted, one fewer is not', () => {
    expect(decide('present_two_thirds', TWO_THIRDS, tally(20, 10), everyone(30)).outcome).toBe('adopted');
    expect(decide('present_two_thirds', TWO_THIRDS, tally(19, 11), everyone(30)).outcome).toBe('rejected');
    // 31 present: 2/3 is 20.67, so 21 is needed.
    expect(decide('present_two_thirds', TWO_THIRDS, tally(20, 11), everyone(31)).outcome).toBe('rejected');
    expect(decide('present_two_thirds', TWO_THIRDS, tally(21, 10), everyone(31)).outcome).toBe('adopted');
    expect(decide('present_two_thirds', TWO_THIRDS, tally(21), everyone(31)).required).toBe(21);
  });

  it('[V1] more than 50% of all members: absent members count in the base', () => {
    const electorate = { members: 60, present: 40 };
    // 30 for: every vote but exactly half of the members.
    expect(decide('members_majority', TWO_THIRDS, tally(30, 5, 5), electorate)).toEqual({
      outcome: 'rejected',
      quorumMet: true,
      base: 60,
      required: 31,
      participated: 40,
    });
    expect(decide('members_majority', TWO_THIRDS, tally(31, 4, 5), electorate).outcome).toBe('adopted');
  });

  it('[V1] at least 2/3 of all members: exactly two thirds is adopted, one fewer is not', () => {
    const electorate = { members: 45, present: 40 };
    expect(decide('members_two_thirds', TWO_THIRDS, tally(30, 10), electorate).outcome).toBe('adopted');
    expect(decide('members_two_thirds', TWO_THIRDS, tally(29, 11), electorate).outcome).toBe('rejected');
    expect(decide('members_two_thirds', TWO_THIRDS, tally(29), electorate).required).toBe(30);
  });

  it('[V1] more than 50% of votes cast: cast is for + against, abstentions are not votes cast', () => {
    const electorate = everyone(40);
    // 10 for, 9 against, 21 abstain: 10 of 19 cast is a majority, though a quarter of those present.
    expect(decide('cast_majority', TWO_THIRDS, tally(10, 9, 21), electorate)).toEqual({
      outcome: 'adopted',
      quorumMet: true,
      base: 19,
      required: 10,
      participated: 40,
    });
    // A tie of votes cast is not more than half, whatever the abstentions.
    expect(decide('cast_majority', TWO_THIRDS, tally(10, 10, 20), electorate).outcome).toBe('rejected');
    expect(decide('cast_majority', TWO_THIRDS, tally(11, 10, 19), electorate).outcome).toBe('adopted');
  });

  it('[V1] a tie is rejected under every majority rule', () => {
    for (const rule of ['present_majority', 'members_majority', 'cast_majority'] as const) {
      expect(decide(rule, TWO_THIRDS, tally(15, 15), everyone(30)).outcome, rule).toBe('rejected');
    }
  });

  it('[V1] unanimity is adopted under every rule', () => {
    for (const rule of ADOPTION_RULES) {
      expect(decide(rule, TWO_THIRDS, tally(7), everyone(7)).outcome, rule).toBe('adopted');
    }
  });

  it('[V1] votes against and abstentions weigh the same under a present or members rule', () => {
    for (const rule of ['present_majority', 'present_two_thirds', 'members_majority', 'members_two_thirds'] as const) {
      const a = decide(rule, TWO_THIRDS, tally(20, 10, 0), everyone(30));
      const b = decide(rule, TWO_THIRDS, tally(20, 0, 10), everyone(30));
      const c = decide(rule, TWO_THIRDS, tally(20, 0, 0), everyone(30));
      expect([b.outcome, c.outcome], rule).toEqual([a.outcome, a.outcome]);
    }
  });
});

describe('decide: quorum and empty counts', () => {
  it('[V1] quorum exactly met decides by the rule; one short is void', () => {
    // 30 members, 2/3 quorum: 20 present is exactly the quorum.
    expect(decide('present_majority', TWO_THIRDS, tally(20), { members: 30, present: 20 })).toEqual({
      outcome: 'adopted',
      quorumMet: true,
      base: 20,
      required: 11,
      participated: 20,
    });
    expect(decide('present_majority', TWO_THIRDS, tally(19), { members: 30, present: 19 })).toEqual({
      outcome: 'void',
      quorumMet: false,
      base: 19,
      required: 10,
      participated: 19,
    });
  });

  it('[V1] a vote without quorum is void under every rule, even unanimous', () => {
    for (const rule of ADOPTION_RULES) {
      const d = decide(rule, TWO_THIRDS, tally(19), { members: 30, present: 19 });
      expect([d.outcome, d.quorumMet], rule).toEqual(['void', false]);
    }
  });

  it('[V1] the quorum is checked with the numbers at close, with a rule of the meeting’s choosing', () => {
    const half: QuorumRule = { numerator: 1, denominator: 2 };
    expect(decide('present_majority', half, tally(15), { members: 30, present: 15 }).outcome).toBe('adopted');
    expect(decide('present_majority', half, tally(14), { members: 30, present: 14 }).outcome).toBe('void');
    // 2/3 of 31 is 20.67: 21 are needed, 20 is one short.
    expect(decide('present_majority', TWO_THIRDS, tally(20), { members: 31, present: 20 }).outcome).toBe('void');
    expect(decide('present_majority', TWO_THIRDS, tally(21), { members: 31, present: 21 }).outcome).toBe('adopted');
  });

  it('[V1] zero members: void, there is nobody to make a quorum', () => {
    for (const rule of ADOPTION_RULES) {
      const d = decide(rule, NO_QUORUM, tally(0), { members: 0, present: 0 });
      expect(d, rule).toMatchObject({ outcome: 'void', quorumMet: false, base: 0, required: 0, participated: 0 });
    }
  });

  it('[V1] zero present: void under the default quorum; rejected, never adopted, where no quorum is required', () => {
    expect(decide('present_majority', TWO_THIRDS, tally(0), { members: 10, present: 0 }).outcome).toBe('void');
    for (const rule of ADOPTION_RULES) {
      const d = decide(rule, NO_QUORUM, tally(0), { members: 10, present: 0 });
      expect(d.outcome, rule).toBe('rejected');
    }
    expect(decide('present_majority', NO_QUORUM, tally(0), { members: 10, present: 0 })).toMatchObject({
      base: 0,
      required: 0,
    });
  });

  it('[V1] zero votes cast (all abstain, or nobody voted): cast_majority rejects with a base of zero', () => {
    expect(decide('cast_majority', TWO_THIRDS, tally(0, 0, 30), everyone(30))).toEqual({
      outcome: 'rejected',
      quorumMet: true,
      base: 0,
      required: 0,
      participated: 30,
    });
    expect(decide('cast_majority', TWO_THIRDS, tally(0), everyone(30))).toMatchObject({
      outcome: 'rejected',
      base: 0,
      participated: 0,
    });
  });

  it('[V1] a single vote for, the only vote cast, adopts under cast_majority', () => {
    expect(decide('cast_majority', TWO_THIRDS, tally(1, 0, 29), everyone(30))).toMatchObject({
      outcome: 'adopted',
      base: 1,
      required: 1,
    });
  });
});

describe('decide: refuses counts that are not counts', () => {
  const bad = [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53];
  it.each(bad)('[V1] %s as a count of members, present, for, against or abstain', (n) => {
    expect(() => decide('present_majority', TWO_THIRDS, tally(0), { members: n, present: 0 })).toThrow(RangeError);
    expect(() => decide('present_majority', TWO_THIRDS, tally(0), { members: 10, present: n })).toThrow(RangeError);
    expect(() => decide('present_majority', TWO_THIRDS, tally(n), everyone(10))).toThrow(RangeError);
    expect(() => decide('present_majority', TWO_THIRDS, tally(0, n), everyone(10))).toThrow(RangeError);
    expect(() => decide('present_majority', TWO_THIRDS, tally(0, 0, n), everyone(10))).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------- a sweep against an independent reference

/**
 * The reference counts instead of multiplying: it walks k = 0, 1, 2 … and asks of each k, with exact BigInt
 * fractions reduced by their gcd, whether k/base clears the rule, and takes the first k that does. The
 * function under test compares products of integers once; the two agree only if both are exact.
 */
function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
}

/** -1, 0 or 1 as p/q is less than, equal to or more than r/s (q, s > 0), by a common denominator. */
function compareFractions(p: bigint, q: bigint, r: bigint, s: bigint): number {
  const g1 = gcd(p, q) || 1n;
  const g2 = gcd(r, s) || 1n;
  [p, q, r, s] = [p / g1, q / g1, r / g2, s / g2];
  const l = (q / gcd(q, s)) * s;
  const left = p * (l / q);
  const right = r * (l / s);
  return left < right ? -1 : left > right ? 1 : 0;
}

function referenceRequired(base: number, rule: AdoptionRule): number {
  if (base === 0) return 0;
  const { numerator, denominator, strict } = RULE_SHAPES[rule];
  for (let k = 0; ; k++) {
    const c = compareFractions(BigInt(k), BigInt(base), BigInt(numerator), BigInt(denominator));
    if (strict ? c > 0 : c >= 0) return k;
  }
}

function referenceQuorum(members: number, present: number, rule: QuorumRule): boolean {
  if (members === 0) return false;
  return compareFractions(BigInt(present), BigInt(members), BigInt(rule.numerator), BigInt(rule.denominator)) >= 0;
}

describe('decide: a sweep of every electorate up to 60 members against a reference', () => {
  const quorumRules: QuorumRule[] = [TWO_THIRDS, { numerator: 1, denominator: 2 }, { numerator: 3, denominator: 4 }];

  it('[V1] quorum met exactly when present/members ≥ the rule, for 1..60 members and every number present', () => {
    let checked = 0;
    for (const q of quorumRules) {
      for (let members = 1; members <= 60; members++) {
        for (let present = 0; present <= members; present++) {
          const d = decide('present_majority', q, tally(0), { members, present });
          expect(d.quorumMet, `${present}/${members} against ${q.numerator}/${q.denominator}`).toBe(
            referenceQuorum(members, present, q),
          );
          checked++;
        }
      }
    }
    expect(checked).toBe(3 * ((60 * 63) / 2));
  });

  it('[V1] present and members rules: every members 1..60, present 0..members, for 0..present', () => {
    const rules = ADOPTION_RULES.filter((r) => RULE_SHAPES[r].base !== 'cast');
    let adopted = 0;
    let total = 0;
    for (const rule of rules) {
      for (let members = 1; members <= 60; members++) {
        for (let present = 0; present <= members; present++) {
          const base = RULE_SHAPES[rule].base === 'present' ? present : members;
          const required = referenceRequired(base, rule);
          const quorum = referenceQuorum(members, present, TWO_THIRDS);
          for (let f = 0; f <= present; f++) {
            // Those present who did not vote for are split between against and abstain, which must not matter.
            const rest = present - f;
            const d = decide(rule, TWO_THIRDS, tally(f, rest >> 1, rest - (rest >> 1)), { members, present });
            const expected = !quorum ? 'void' : base > 0 && f >= required ? 'adopted' : 'rejected';
            if (d.outcome !== expected || d.required !== required || d.base !== base) {
              expect({ rule, members, present, f, ...d }).toEqual({
                rule,
                members,
                present,
                f,
                outcome: expected,
                quorumMet: quorum,
                base,
                required,
                participated: present,
              });
            }
            if (d.outcome === 'adopted') adopted++;
            total++;
          }
        }
      }
    }
    // The sweep did cover both outcomes in earnest.
    expect(total).toBeGreaterThan(100_000);
    expect(adopted).toBeGreaterThan(10_000);
  });

  it('[V1] cast_majority: every for and against from 0 to 60, with abstentions that must not matter', () => {
    for (let f = 0; f <= 60; f++) {
      for (let against = 0; against <= 60; against++) {
        const required = referenceRequired(f + against, 'cast_majority');
        const expected = f + against > 0 && f >= required ? 'adopted' : 'rejected';
        for (const abstain of [0, 1, 60]) {
          // One more present who did not vote, so that even an empty count has an electorate with a quorum.
          const electorate = everyone(f + against + abstain + 1);
          const d = decide('cast_majority', TWO_THIRDS, tally(f, against, abstain), electorate);
          if (d.outcome !== expected || d.required !== required) {
            expect({ f, against, abstain, outcome: d.outcome, required: d.required }).toEqual({
              f,
              against,
              abstain,
              outcome: expected,
              required,
            });
          }
        }
      }
    }
  });

  it('[V1] large electorates stay exact (no floating-point rounding at two thirds)', () => {
    for (const members of [3_000, 30_000, 99_999, 100_000]) {
      const required = referenceRequired(members, 'members_two_thirds');
      const electorate = everyone(members);
      expect(decide('members_two_thirds', TWO_THIRDS, tally(required), electorate).outcome).toBe('adopted');
      expect(decide('members_two_thirds', TWO_THIRDS, tally(required - 1), electorate).outcome).toBe('rejected');
      expect(decide('members_two_thirds', TWO_THIRDS, tally(0), electorate).required).toBe(required);
    }
  });
});
