/**
 * The sentence a vote-result block shows, live while the vote runs and written into the minutes when it closes:
 * "Kết quả biểu quyết: 45/47 đại biểu có mặt lúc mở biểu quyết tán thành (95,7%), 01 không tán thành (2,1%), 01
 * không biểu quyết (2,1%). Nghị quyết được thông qua." Percentages are of the rule's base, so that the number
 * printed beside the votes for is the one the rule was checked against; a base of those present says it is those
 * present when the vote opened (with anyone who came later and voted), since attendance marked during the vote
 * does not move it (V11).
 */
import type { MotionView } from './api.ts';
import { formatPercent } from './format.ts';
import type { Lang } from './i18n.ts';
import type { DocumentKind, QuorumRule } from './meeting.ts';
import { RULE_SHAPES, decide, requiredFor, type Decision, type RuleBase, type Tally } from './motions.ts';

/** Vietnamese minutes write counts under 10 with two digits ("01 không tán thành"); English does not. */
function count(n: number, lang: Lang): string {
  return lang === 'vi' && n >= 0 && n < 10 ? `0${n}` : String(n);
}

interface Wording {
  draft: string;
  handsWaiting: string;
  handsRecorded(counts: string): string;
  open(voted: string, present: string, counts: string | null): string;
  running(t: { for: string; against: string; abstain: string }): string;
  closedWithoutCount: string;
  /** The lead clause: the votes for out of the base. */
  lead(base: RuleBase, votesFor: string, of: string): string;
  against(base: RuleBase, n: string): string;
  abstain(base: RuleBase, n: string): string;
  absent(base: RuleBase, n: string): string;
  result(body: string): string;
  outcome(kind: DocumentKind | null, adopted: boolean): string;
  amendmentOutcome(adopted: boolean): string;
  void(present: string, members: string, required: string, rule: QuorumRule): string;
}

const VI_SUBJECT: Record<DocumentKind, string> = {
  NQ: 'Nghị quyết',
  KH: 'Kế hoạch',
  BC: 'Báo cáo',
  BB: 'Biên bản',
  blank: 'Nội dung biểu quyết',
};

const EN_SUBJECT: Record<DocumentKind, string> = {
  NQ: 'The resolution is',
  KH: 'The plan is',
  BC: 'The report is',
  BB: 'The minutes are',
  blank: 'The motion is',
};

const WORDING: Record<Lang, Wording> = {
  vi: {
    draft: 'Chưa biểu quyết.',
    handsWaiting: 'Đang biểu quyết (giơ tay): chờ thư ký ghi nhận kết quả.',
    handsRecorded: (counts) => `Đang biểu quyết (giơ tay): đã ghi nhận ${counts}.`,
    open: (voted, present, counts) =>
      `Đang biểu quyết: ${voted}/${present} đại biểu đã biểu quyết${counts ? ` (${counts})` : ''}.`,
    running: (t) => `${t.for} tán thành, ${t.against} không tán thành, ${t.abstain} không biểu quyết`,
    closedWithoutCount: 'Đã kết thúc biểu quyết.',
    lead: (base, votesFor, of) =>
      base === 'present'
        ? `${votesFor}/${of} đại biểu có mặt lúc mở biểu quyết tán thành`
        : base === 'members'
          ? `${votesFor}/${of} tổng số đại biểu tán thành`
          : `${votesFor}/${of} phiếu tán thành trên tổng số phiếu tán thành và không tán thành`,
    against: (base, n) => (base === 'cast' ? `${n} phiếu không tán thành` : `${n} không tán thành`),
    abstain: (base, n) =>
      base === 'cast' ? `${n} đại biểu không biểu quyết (không tính vào tổng số phiếu trên)` : `${n} không biểu quyết`,
    absent: (base, n) =>
      base === 'members' ? `${n} đại biểu không tham gia biểu quyết` : `${n} đại biểu có mặt không tham gia biểu quyết`,
    result: (body) => `Kết quả biểu quyết: ${body}.`,
    outcome: (kind, adopted) => `${VI_SUBJECT[kind ?? 'blank']} ${adopted ? 'được' : 'không được'} thông qua.`,
    amendmentOutcome: (adopted) => `Sửa đổi ${adopted ? 'được' : 'không được'} thông qua.`,
    void: (present, members, required, rule) =>
      `Biểu quyết không có giá trị vì không đủ số đại biểu có mặt theo quy định: có mặt ${present}/${members} ` +
      `đại biểu, cần ít nhất ${required} đại biểu (${rule.numerator}/${rule.denominator} tổng số đại biểu).`,
  },
  en: {
    draft: 'Not yet put to the vote.',
    handsWaiting: 'Voting by show of hands: waiting for the secretary to record the count.',
    handsRecorded: (counts) => `Voting by show of hands: recorded ${counts}.`,
    open: (voted, present, counts) =>
      `Voting in progress: ${voted} of ${present} members present have voted${counts ? ` (${counts})` : ''}.`,
    running: (t) => `${t.for} for, ${t.against} against, ${t.abstain} abstained`,
    closedWithoutCount: 'Voting has closed.',
    lead: (base, votesFor, of) =>
      base === 'present'
        ? `${votesFor} of ${of} members present when voting opened in favour`
        : base === 'members'
          ? `${votesFor} of all ${of} members in favour`
          : `${votesFor} in favour out of ${of} votes cast for or against`,
    against: (_base, n) => `${n} against`,
    abstain: (base, n) => (base === 'cast' ? `${n} abstained (not counted in that total)` : `${n} abstained`),
    absent: (base, n) => (base === 'members' ? `${n} members did not vote` : `${n} members present did not vote`),
    result: (body) => `Vote result: ${body}.`,
    outcome: (kind, adopted) => `${EN_SUBJECT[kind ?? 'blank']} ${adopted ? 'adopted' : 'not adopted'}.`,
    amendmentOutcome: (adopted) => `The amendment is ${adopted ? 'adopted' : 'not adopted'}.`,
    void: (present, members, required, rule) =>
      `The vote is not valid because the quorum was not met: ${present} of ${members} members present, ` +
      `at least ${required} required (${rule.numerator}/${rule.denominator} of all members).`,
  },
};

/** The result as the interface shows it, live, in the person's language. */
export function formatVoteResult(motion: MotionView, lang: Lang): string {
  const w = WORDING[lang];
  const n = (value: number) => count(value, lang);

  if (motion.status === 'draft') return w.draft;

  if (motion.status === 'open') {
    const running = motion.tally
      ? w.running({ for: n(motion.tally.for), against: n(motion.tally.against), abstain: n(motion.tally.abstain) })
      : null;
    if (motion.form === 'hands') return running ? w.handsRecorded(running) : w.handsWaiting;
    // A secret ballot has no tally while open: only how many have voted.
    return w.open(n(motion.voted), n(motion.present), running);
  }

  const decision = decisionOf(motion);
  if (!decision || !motion.tally) return w.closedWithoutCount;
  // An amendment's result names it first, since the minutes hold one per amendment: "Sửa đổi Điều 2 — Kết quả …".
  const named = (sentence: string) => (motion.amendment ? `${motion.title} — ${sentence}` : sentence);
  if (decision.outcome === 'void') {
    const required = requiredFor(motion.members, motion.quorumRule.numerator, motion.quorumRule.denominator, false);
    return named(w.void(n(motion.present), n(motion.members), n(required), motion.quorumRule));
  }
  const adopted = decision.outcome === 'adopted';
  const outcome = motion.amendment ? w.amendmentOutcome(adopted) : w.outcome(motion.documentKind, adopted);
  return named(`${w.result(closedBody(motion, motion.tally, decision, lang))} ${outcome}`);
}

function closedBody(motion: MotionView, tally: Tally, decision: Decision, lang: Lang): string {
  const w = WORDING[lang];
  const n = (value: number) => count(value, lang);
  const ruleBase = RULE_SHAPES[motion.rule].base;
  const base = decision.base;
  // An empty base has no percentages ("0/0 … (—)" would say nothing). Abstentions and those who did not vote
  // are no part of a base of votes cast, so they get no share of it.
  const share = (part: number, ofBase = true) => (ofBase && base > 0 ? ` (${formatPercent(part, base, lang)})` : '');
  const inBase = ruleBase !== 'cast';

  // Those who could have voted and did not: of the members for a members rule, of those present otherwise.
  const eligible = ruleBase === 'members' ? motion.members : motion.present;
  const absent = Math.max(0, eligible - decision.participated);

  const counted = [
    `${w.lead(ruleBase, n(tally.for), n(base))}${share(tally.for)}`,
    `${w.against(ruleBase, n(tally.against))}${share(tally.against)}`,
  ].join(', ');
  const others = [`${w.abstain(ruleBase, n(tally.abstain))}${share(tally.abstain, inBase)}`];
  if (absent > 0) others.push(`${w.absent(ruleBase, n(absent))}${share(absent, inBase)}`);
  // With votes cast as the base, the clauses outside it are set apart by semicolons.
  return [counted, ...others].join(inBase ? ', ' : '; ');
}

/** The recorded decision; for a closed motion that lacks one, the same function the server uses, on its counts. */
function decisionOf(motion: MotionView): Decision | null {
  if (motion.decision) return motion.decision;
  if (!motion.tally) return null;
  try {
    return decide(motion.rule, motion.quorumRule, motion.tally, { members: motion.members, present: motion.present });
  } catch {
    return null;
  }
}

/**
 * What a vote-result block stores: the final sentence once the vote has closed, '' before. In Vietnamese whatever
 * the interface language, because it is the text of the minutes.
 */
export function documentVoteResult(motion: MotionView): string {
  return motion.status === 'closed' ? formatVoteResult(motion, 'vi') : '';
}
