import type { BallotView, MotionView } from '../../shared/api.ts';
import type { DocumentKind } from '../../shared/meeting.ts';
import {
  decide,
  type AdoptionRule,
  type Choice,
  type MotionForm,
  type MotionStatus,
  type Outcome,
  type Tally,
} from '../../shared/motions.ts';
import type { Db } from '../db/database.ts';
import { presentVersion } from '../documents/versions-repo.ts';
import { newId, nowIso } from '../ids.ts';

export interface MotionRow {
  id: string;
  meeting_id: string;
  number: number;
  title: string;
  description: string;
  document_id: string | null;
  form: MotionForm;
  rule: AdoptionRule;
  quorum_num: number;
  quorum_den: number;
  duration_seconds: number | null;
  status: MotionStatus;
  outcome: Outcome | null;
  revote_of: string | null;
  version_id: string | null;
  opened_at: string | null;
  closes_at: string | null;
  closed_at: string | null;
  members_count: number | null;
  present_count: number | null;
  tally_for: number | null;
  tally_against: number | null;
  tally_abstain: number | null;
  created_by: string | null;
  created_at: string;
}

/** A motion row with what its view needs from other tables. */
interface MotionJoined extends MotionRow {
  document_title: string | null;
  document_kind: DocumentKind | null;
  revoted_by: string | null;
  ballot_count: number;
  version_hash: string | null;
  version_at: string | null;
  version_label: string | null;
  version_by: string | null;
  version_by_name: string | null;
  live_members: number;
  live_present: number;
}

export type MotionFields = Pick<
  MotionRow,
  'title' | 'description' | 'document_id' | 'form' | 'rule' | 'quorum_num' | 'quorum_den' | 'duration_seconds'
>;

/**
 * The base a vote is decided on (V11). Before it opens: the voting members now (observers have no vote), and those
 * of them checked in. From its opening: the voting members and those present when it opened (`motion_electorate`),
 * plus anyone who voted without being counted then (checked in later, or added to the roster); a ballot stands,
 * so its voter counts as present whatever attendance says since. Marking people absent during the vote moves
 * nothing. A motion opened before the electorate was recorded (no rows) keeps the live count.
 */
const LIVE = {
  members: `(SELECT count(*) FROM members me WHERE me.meeting_id = mo.meeting_id AND me.role != 'observer')`,
  present: `(SELECT count(*) FROM members me WHERE me.meeting_id = mo.meeting_id AND me.role != 'observer'
              AND (me.attendance = 'present'
                   OR EXISTS (SELECT 1 FROM ballots b WHERE b.motion_id = mo.id AND b.user_id = me.user_id)))`,
};
const FIXED = {
  latecomers: `(SELECT count(*) FROM ballots b WHERE b.motion_id = mo.id
                 AND NOT EXISTS (SELECT 1 FROM motion_electorate e WHERE e.motion_id = mo.id AND e.user_id = b.user_id))`,
  members: `(SELECT count(*) FROM motion_electorate e WHERE e.motion_id = mo.id)`,
  present: `(SELECT count(*) FROM motion_electorate e WHERE e.motion_id = mo.id
              AND (e.present = 1 OR EXISTS (SELECT 1 FROM ballots b WHERE b.motion_id = mo.id AND b.user_id = e.user_id)))`,
};
const FIXED_YET = `EXISTS (SELECT 1 FROM motion_electorate e WHERE e.motion_id = mo.id)`;
const ELECTORATE = {
  members: `CASE WHEN ${FIXED_YET} THEN ${FIXED.members} + ${FIXED.latecomers} ELSE ${LIVE.members} END`,
  present: `CASE WHEN ${FIXED_YET} THEN ${FIXED.present} + ${FIXED.latecomers} ELSE ${LIVE.present} END`,
};

const SELECT_JOINED = `
  SELECT mo.*, d.title AS document_title, d.kind AS document_kind,
         (SELECT r.id FROM motions r WHERE r.revote_of = mo.id) AS revoted_by,
         (SELECT count(*) FROM ballots b WHERE b.motion_id = mo.id) AS ballot_count,
         v.content_hash AS version_hash, v.created_at AS version_at, v.label AS version_label,
         v.created_by AS version_by, (SELECT u.full_name FROM users u WHERE u.id = v.created_by) AS version_by_name,
         ${ELECTORATE.members} AS live_members, ${ELECTORATE.present} AS live_present
  FROM motions mo
  LEFT JOIN documents d ON d.id = mo.document_id
  LEFT JOIN document_versions v ON v.id = mo.version_id`;

export interface Electorate {
  members: number;
  present: number;
}

/** Motions, their ballots and the document versions they were taken on. */
export class Motions {
  constructor(private readonly db: Db) {}

  async byId(id: string): Promise<MotionRow | undefined> {
    return this.db.prepare('SELECT * FROM motions WHERE id = ?').get(id) as MotionRow | undefined;
  }

  async insert(meetingId: string, fields: MotionFields, revoteOf: string | null, createdBy: string | null): Promise<MotionRow> {
    const next = this.db
      .prepare('SELECT coalesce(max(number), 0) + 1 AS n FROM motions WHERE meeting_id = ?')
      .get(meetingId) as { n: number };
    const id = newId('v');
    this.db
      .prepare(
        `INSERT INTO motions (id, meeting_id, number, title, description, document_id, form, rule, quorum_num,
           quorum_den, duration_seconds, revote_of, created_by, created_at)
         VALUES (@id, @meeting_id, @number, @title, @description, @document_id, @form, @rule, @quorum_num,
           @quorum_den, @duration_seconds, @revote_of, @created_by, @created_at)`,
      )
      .run({ ...fields, id, meeting_id: meetingId, number: next.n, revote_of: revoteOf, created_by: createdBy, created_at: nowIso() });
    return (await this.byId(id))!;
  }

  async update(id: string, fields: Partial<MotionFields>): Promise<void> {
    const sets = Object.keys(fields).map((c) => `${c} = @${c}`);
    if (sets.length > 0) this.db.prepare(`UPDATE motions SET ${sets.join(', ')} WHERE id = @id`).run({ ...fields, id });
  }

  /** The motion that repeats this one, if any. */
  async revoteOf(id: string): Promise<string | null> {
    const row = this.db.prepare('SELECT id FROM motions WHERE revote_of = ?').get(id) as { id: string } | undefined;
    return row?.id ?? null;
  }

  /** Guarded by the status, so a second opener changes nothing (returns false). */
  async markOpen(id: string, versionId: string | null, openedAt: string, closesAt: string | null): Promise<boolean> {
    const initial = (await this.byId(id))?.form === 'hands' ? null : 0;
    return (
      this.db
        .prepare(
          `UPDATE motions SET status = 'open', version_id = ?, opened_at = ?, closes_at = ?,
             tally_for = ?, tally_against = ?, tally_abstain = ?
           WHERE id = ? AND status = 'draft'`,
        )
        .run(versionId, openedAt, closesAt, initial, initial, initial, id).changes === 1
    );
  }

  /** Records who could vote, and who was present, as the vote opens: the base it is decided on. */
  async fixElectorate(id: string, meetingId: string): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO motion_electorate (motion_id, user_id, present)
         SELECT ?, user_id, attendance = 'present' FROM members WHERE meeting_id = ? AND role != 'observer'`,
      )
      .run(id, meetingId);
  }

  /** The voting members present when the vote opened, by user id. */
  async presentAtOpening(id: string): Promise<string[]> {
    const rows = this.db.prepare('SELECT user_id FROM motion_electorate WHERE motion_id = ? AND present = 1').all(id) as {
      user_id: string;
    }[];
    return rows.map((r) => r.user_id);
  }

  async markClosed(id: string, outcome: Outcome, electorate: Electorate, closedAt: string): Promise<boolean> {
    return (
      this.db
        .prepare(
          `UPDATE motions SET status = 'closed', outcome = ?, members_count = ?, present_count = ?, closed_at = ?
           WHERE id = ? AND status = 'open'`,
        )
        .run(outcome, electorate.members, electorate.present, closedAt, id).changes === 1
    );
  }

  async setTally(id: string, tally: Tally): Promise<void> {
    this.db
      .prepare('UPDATE motions SET tally_for = ?, tally_against = ?, tally_abstain = ? WHERE id = ?')
      .run(tally.for, tally.against, tally.abstain, id);
  }

  /**
   * Records a ballot. The primary key (motion, person) is what makes it one per person: a concurrent second
   * insert fails inside the database, never between a check and an insert. A secret ballot's row keeps neither
   * the choice nor the time; its choice only moves the motion's running count.
   */
  async insertBallot(motionId: string, userId: string, choice: Choice, secret: boolean): Promise<'recorded' | 'duplicate'> {
    try {
      this.db
        .prepare('INSERT INTO ballots (motion_id, user_id, choice, cast_at) VALUES (?, ?, ?, ?)')
        .run(motionId, userId, secret ? null : choice, secret ? null : nowIso());
    } catch (err) {
      if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return 'duplicate';
      throw err;
    }
    const column = choice === 'for' ? 'tally_for' : choice === 'against' ? 'tally_against' : 'tally_abstain';
    this.db.prepare(`UPDATE motions SET ${column} = ${column} + 1 WHERE id = ?`).run(motionId);
    return 'recorded';
  }

  /** Who voted, with the choice for a named vote. Ordered by name, never by when. */
  async ballots(motionId: string): Promise<BallotView[]> {
    const rows = this.db
      .prepare(
        `SELECT b.user_id, b.choice, u.full_name FROM ballots b JOIN users u ON u.id = b.user_id
         WHERE b.motion_id = ? ORDER BY u.full_name, b.user_id`,
      )
      .all(motionId) as { user_id: string; choice: Choice | null; full_name: string }[];
    return rows.map((r) => ({ userId: r.user_id, fullName: r.full_name, choice: r.choice }));
  }

  async ballotOf(motionId: string, userId: string): Promise<{ choice: Choice | null } | undefined> {
    return this.db.prepare('SELECT choice FROM ballots WHERE motion_id = ? AND user_id = ?').get(motionId, userId) as
      | { choice: Choice | null }
      | undefined;
  }

  /** Whether a vote of the meeting is open now. */
  async anyOpen(meetingId: string): Promise<boolean> {
    return this.db.prepare(`SELECT 1 FROM motions WHERE meeting_id = ? AND status = 'open' LIMIT 1`).get(meetingId) !== undefined;
  }

  /** Every ballot of the meeting, for the live state: a named one's choice, or null for a secret one. */
  async ballotEntries(meetingId: string): Promise<{ motionId: string; userId: string; choice: Choice | null }[]> {
    return this.db
      .prepare(
        `SELECT b.motion_id AS motionId, b.user_id AS userId, b.choice FROM ballots b
         JOIN motions mo ON mo.id = b.motion_id WHERE mo.meeting_id = ?`,
      )
      .all(meetingId) as { motionId: string; userId: string; choice: Choice | null }[];
  }

  /** Open motions with a closing time, for the timers that close them (after a restart too). */
  async timed(): Promise<{ id: string; closes_at: string }[]> {
    return this.db
      .prepare(`SELECT id, closes_at FROM motions WHERE status = 'open' AND closes_at IS NOT NULL`)
      .all() as { id: string; closes_at: string }[];
  }

  /** The electorate of an open motion now; frozen into the row when it closes. */
  async electorate(id: string): Promise<Electorate> {
    return this.db
      .prepare(`SELECT ${ELECTORATE.members} AS members, ${ELECTORATE.present} AS present FROM motions mo WHERE mo.id = ?`)
      .get(id) as Electorate;
  }

  async views(meetingId: string): Promise<MotionView[]> {
    const rows = this.db.prepare(`${SELECT_JOINED} WHERE mo.meeting_id = ? ORDER BY mo.number`).all(meetingId) as MotionJoined[];
    return rows.map(present);
  }

  async view(id: string): Promise<MotionView | undefined> {
    const row = this.db.prepare(`${SELECT_JOINED} WHERE mo.id = ?`).get(id) as MotionJoined | undefined;
    return row && present(row);
  }
}

function present(r: MotionJoined): MotionView {
  const closed = r.status === 'closed';
  const members = closed ? (r.members_count ?? 0) : r.live_members;
  const present = closed ? (r.present_count ?? 0) : r.live_present;
  const recorded =
    r.tally_for === null || r.tally_against === null || r.tally_abstain === null
      ? null
      : { for: r.tally_for, against: r.tally_against, abstain: r.tally_abstain };
  // A secret ballot's running count stays hidden until the close: beside the list of who has voted, every change
  // in it would tell what the last voter chose.
  const tally = r.form === 'secret' && !closed ? null : recorded;
  const voted = r.form === 'hands' ? (recorded ? recorded.for + recorded.against + recorded.abstain : 0) : r.ballot_count;
  const quorumRule = { numerator: r.quorum_num, denominator: r.quorum_den };
  return {
    id: r.id,
    meetingId: r.meeting_id,
    number: r.number,
    title: r.title,
    description: r.description,
    documentId: r.document_id,
    documentTitle: r.document_title,
    documentKind: r.document_kind,
    form: r.form,
    rule: r.rule,
    quorumRule,
    durationSeconds: r.duration_seconds,
    status: r.status,
    outcome: r.outcome,
    revoteOf: r.revote_of,
    revotedBy: r.revoted_by,
    createdAt: r.created_at,
    openedAt: r.opened_at,
    closesAt: r.closes_at,
    closedAt: r.closed_at,
    version:
      r.version_id && r.version_hash && r.document_id
        ? presentVersion({
            id: r.version_id,
            document_id: r.document_id,
            kind: 'vote',
            label: r.version_label ?? '',
            motion_id: r.id,
            content_hash: r.version_hash,
            created_at: r.version_at ?? '',
            created_by: r.version_by,
            created_by_name: r.version_by_name,
          })
        : null,
    members,
    present,
    voted,
    tally,
    decision: closed && recorded ? decide(r.rule, quorumRule, recorded, { members, present }) : null,
  };
}
