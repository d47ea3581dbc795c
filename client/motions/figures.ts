import type { MotionView } from '../../shared/api.ts';
import { formatPercent } from '../../shared/format.ts';
import type { Lang } from '../../shared/i18n.ts';
import { CHOICES, RULE_SHAPES, type Choice, type RuleBase } from '../../shared/motions.ts';

export interface ResultRow {
  choice: Choice;
  count: number;
  /** Of the rule's base; null while open (no base is final yet) or where the base does not count it. */
  percent: string | null;
}

export interface MotionFigures {
  rows: ResultRow[];
  /** What the percentages are shares of, once closed. */
  base: { kind: RuleBase; count: number } | null;
}

/**
 * The counts as the minutes state them: once closed, each as a share of the number the rule measures against
 * (those present, all members, or votes cast), so the percentage the reader sees is the one the rule decided
 * on. Abstentions are not votes cast, so under `cast_majority` they carry no percentage.
 */
export function motionFigures(motion: MotionView, lang: Lang): MotionFigures | null {
  const { tally, decision } = motion;
  if (!tally) return null;
  const kind = RULE_SHAPES[motion.rule].base;
  const rows = CHOICES.map((choice) => ({
    choice,
    count: tally[choice],
    percent:
      decision && !(kind === 'cast' && choice === 'abstain') ? formatPercent(tally[choice], decision.base, lang) : null,
  }));
  return { rows, base: decision ? { kind, count: decision.base } : null };
}

/** How many have voted, and of how many: the live present count while open, the frozen one once closed. */
export function turnout(motion: MotionView, presentNow: number): { voted: number; of: number } {
  return { voted: motion.voted, of: motion.status === 'closed' ? motion.present : Math.max(presentNow, motion.voted) };
}
