import type { BallotView, MotionView } from '../../shared/api.ts';
import { decide } from '../../shared/motions.ts';
import { VIEW_SUGGESTION_CHARS } from '../../shared/amendments.ts';
import { presentVersion } from '../documents/present-version.ts';
import type { Ballot, MotionDetails } from './repo.ts';

/** The API's view of a motion: what anyone who sees the meeting may read of it now. */
export function presentMotion(m: MotionDetails): MotionView {
  const closed = m.status === 'closed';
  const { members, present } = m.electorate;
  const recorded = m.tally;
  // A secret ballot's running count stays hidden until the close: beside the list of who has voted, every change
  // in it would tell what the last voter chose.
  const tally = m.form === 'secret' && !closed ? null : recorded;
  const voted = m.form === 'hands' ? (recorded ? recorded.for + recorded.against + recorded.abstain : 0) : m.ballotCount;
  return {
    id: m.id,
    meetingId: m.meetingId,
    number: m.number,
    title: m.title,
    description: m.description,
    documentId: m.documentId,
    documentTitle: m.documentTitle,
    documentKind: m.documentKind,
    form: m.form,
    rule: m.rule,
    quorumRule: m.quorumRule,
    durationSeconds: m.durationSeconds,
    status: m.status,
    outcome: m.outcome,
    revoteOf: m.revoteOf,
    revotedBy: m.revotedBy,
    createdAt: m.createdAt,
    openedAt: m.openedAt,
    closesAt: m.closesAt,
    closedAt: m.closedAt,
    version: m.version && presentVersion(m.version),
    members,
    present,
    voted,
    tally,
    decision: closed && recorded ? decide(m.rule, m.quorumRule, recorded, { members, present }) : null,
    amendment: m.amendment && {
      suggestionIds: m.amendment.suggestionIds,
      // Each ballot republishes its motion to every watcher: the view carries the paragraphs, and only the start of
      // each suggestion's own text (the record keeps more).
      suggestions: m.amendment.record.suggestions.map((x) => ({
        ...x,
        inserted: shorten(x.inserted, VIEW_SUGGESTION_CHARS),
        deleted: shorten(x.deleted, VIEW_SUGGESTION_CHARS),
      })),
      clauses: m.amendment.record.clauses,
      omittedClauses: m.amendment.record.omittedClauses,
      setAside: m.amendment.setAside,
      frozen: m.status === 'open' || (closed && m.amendment.settledAt === null),
      settledAt: m.amendment.settledAt,
      resultVersionId: m.amendment.resultVersionId,
    },
  };
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function presentBallot(b: Ballot): BallotView {
  return { userId: b.userId, fullName: b.fullName, choice: b.choice };
}
