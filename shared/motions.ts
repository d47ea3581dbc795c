/**
 * Motions and their decision: the vocabularies (forms, rules, states) and the pure function that turns a count
 * into adopted / rejected / void. Integer arithmetic only: "more than half" and "at least two thirds" are
 * compared as products of integers, so 2/3 of 30 is exactly 20 and no rounding decides a vote.
 */
import type { QuorumRule } from './meeting.ts';

/** Electronic named (everyone sees who voted what), electronic secret, show of hands (counted by the secretary). */
export const MOTION_FORMS = ['named', 'secret', 'hands'] as const;
export type MotionForm = (typeof MOTION_FORMS)[number];

export const CHOICES = ['for', 'against', 'abstain'] as const;
export type Choice = (typeof CHOICES)[number];

/**
 * The adoption rule: the share of a base that must vote for.
 * - `present_majority`: more than 50% of those present (Law 10/2022, Art. 51; the default)
 * - `present_two_thirds`: at least 2/3 of those present
 * - `members_majority`: more than 50% of all voting members
 * - `cast_majority`: more than 50% of votes cast, where abstentions are not votes cast (for + against)
 * - `members_two_thirds`: at least 2/3 of all voting members
 */
export const ADOPTION_RULES = [
  'present_majority',
  'present_two_thirds',
  'members_majority',
  'cast_majority',
  'members_two_thirds',
] as const;
export type AdoptionRule = (typeof ADOPTION_RULES)[number];
export const DEFAULT_ADOPTION_RULE: AdoptionRule = 'present_majority';

export type RuleBase = 'present' | 'members' | 'cast';

interface RuleShape {
  base: RuleBase;
  numerator: number;
  denominator: number;
  /** true: `for / base > n/d` (more than); false: `for / base >= n/d` (at least). */
  strict: boolean;
}

export const RULE_SHAPES: Readonly<Record<AdoptionRule, RuleShape>> = {
  present_majority: { base: 'present', numerator: 1, denominator: 2, strict: true },
  present_two_thirds: { base: 'present', numerator: 2, denominator: 3, strict: false },
  members_majority: { base: 'members', numerator: 1, denominator: 2, strict: true },
  cast_majority: { base: 'cast', numerator: 1, denominator: 2, strict: true },
  members_two_thirds: { base: 'members', numerator: 2, denominator: 3, strict: false },
};

/** draft → open → closed; a closed motion is never reopened (a re-vote is a new motion). */
export const MOTION_STATUSES = ['draft', 'open', 'closed'] as const;
export type MotionStatus = (typeof MOTION_STATUSES)[number];

/** Set when the motion closes. `void`: quorum was not met when the vote closed. */
export const OUTCOMES = ['adopted', 'rejected', 'void'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface Tally {
  for: number;
  against: number;
  abstain: number;
}

export interface Electorate {
  /** Voting members on the roster (chair, secretary, delegates; observers excluded). */
  members: number;
  /** Voting members present when the vote closed, together with any who voted and then left. */
  present: number;
}

export interface Decision {
  outcome: Outcome;
  quorumMet: boolean;
  /** The number the rule is a share of (present, members or votes cast). */
  base: number;
  /** The fewest votes for that would have adopted it, given the base; 0 when the base is 0 and nothing can pass. */
  required: number;
  /** Ballots of any choice: those who took part. */
  participated: number;
}

/** The fewest `k` with k/base > n/d (strict) or k/base ≥ n/d. */
export function requiredFor(base: number, numerator: number, denominator: number, strict: boolean): number {
  const product = base * numerator;
  return strict ? Math.floor(product / denominator) + 1 : Math.ceil(product / denominator);
}

/**
 * The decision. Void when the quorum rule is not met by those present; otherwise adopted when the votes for
 * reach the rule's share of its base. A base of zero adopts nothing (no votes cast is not a majority).
 */
export function decide(rule: AdoptionRule, quorumRule: QuorumRule, tally: Tally, electorate: Electorate): Decision {
  assertCount(electorate.members, 'members');
  assertCount(electorate.present, 'present');
  for (const c of CHOICES) assertCount(tally[c], c);
  const participated = tally.for + tally.against + tally.abstain;
  const quorumMet =
    electorate.members > 0 && electorate.present * quorumRule.denominator >= electorate.members * quorumRule.numerator;
  const shape = RULE_SHAPES[rule];
  const base =
    shape.base === 'present' ? electorate.present : shape.base === 'members' ? electorate.members : tally.for + tally.against;
  const required = base === 0 ? 0 : requiredFor(base, shape.numerator, shape.denominator, shape.strict);
  const reaches = shape.strict
    ? tally.for * shape.denominator > base * shape.numerator
    : tally.for * shape.denominator >= base * shape.numerator;
  const outcome: Outcome = !quorumMet ? 'void' : base > 0 && reaches ? 'adopted' : 'rejected';
  return { outcome, quorumMet, base, required, participated };
}

function assertCount(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what} must be a non-negative integer, got ${n}`);
}
