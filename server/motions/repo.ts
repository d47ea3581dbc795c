import { CompiledQuery, sql, type Compilable, type Kysely, type Selectable } from 'kysely';
import type { DocumentKind, QuorumRule } from '../../shared/meeting.ts';
import type { Attendance, Role } from '../../shared/meeting.ts';
import { fixedElectorate, liveElectorate, type ElectorateEntry } from '../../shared/electorate.ts';
import type { AdoptionRule, Choice, Electorate, MotionForm, MotionStatus, Outcome, Tally } from '../../shared/motions.ts';
import type { Dialect } from '../db/engine.ts';
import type { MotionsTable, Schema } from '../db/schema.ts';
import { versionOf, type Version } from '../documents/versions-repo.ts';
import { newId, nowIso } from '../ids.ts';
import { Amendments, type Amendment } from './amendments-repo.ts';

export type { Electorate } from '../../shared/motions.ts';

/** A motion as the domain sees it. */
export interface Motion {
  id: string;
  meetingId: string;
  /** 1, 2, 3 … within the meeting, without gaps. */
  number: number;
  title: string;
  description: string;
  documentId: string | null;
  form: MotionForm;
  rule: AdoptionRule;
  quorumRule: QuorumRule;
  durationSeconds: number | null;
  status: MotionStatus;
  outcome: Outcome | null;
  revoteOf: string | null;
  /** The version of the bound document the vote was taken on. */
  versionId: string | null;
  openedAt: string | null;
  closesAt: string | null;
  closedAt: string | null;
  /** The electorate frozen as the vote closed; null before. */
  closedElectorate: Electorate | null;
  /** The counts kept: running for an electronic vote, the secretary's for a show of hands; null before any. */
  tally: Tally | null;
  createdBy: string | null;
  createdAt: string;
}

/** What the person preparing a motion sets. */
export type MotionFields = Pick<Motion, 'title' | 'description' | 'documentId' | 'form' | 'rule' | 'quorumRule' | 'durationSeconds'>;

/** A motion with what its view needs from other tables. */
export interface MotionDetails extends Motion {
  documentTitle: string | null;
  documentKind: DocumentKind | null;
  revotedBy: string | null;
  ballotCount: number;
  version: Version | null;
  /** The electorate now (frozen at the close, for a closed motion). */
  electorate: Electorate;
  /** Set when the motion is an amendment to its document. */
  amendment: Amendment | null;
}

export interface Ballot {
  userId: string;
  fullName: string;
  /** Null for a secret ballot. */
  choice: Choice | null;
}

function motionOf(r: Selectable<MotionsTable>): Motion {
  return {
    id: r.id,
    meetingId: r.meeting_id,
    number: r.number,
    title: r.title,
    description: r.description,
    documentId: r.document_id,
    form: r.form as MotionForm,
    rule: r.rule as AdoptionRule,
    quorumRule: { numerator: r.quorum_num, denominator: r.quorum_den },
    durationSeconds: r.duration_seconds,
    status: r.status as MotionStatus,
    outcome: r.outcome as Outcome | null,
    revoteOf: r.revote_of,
    versionId: r.version_id,
    openedAt: r.opened_at,
    closesAt: r.closes_at,
    closedAt: r.closed_at,
    closedElectorate:
      r.members_count === null || r.present_count === null ? null : { members: r.members_count, present: r.present_count },
    tally:
      r.tally_for === null || r.tally_against === null || r.tally_abstain === null
        ? null
        : { for: r.tally_for, against: r.tally_against, abstain: r.tally_abstain },
    createdBy: r.created_by,
    createdAt: r.created_at,
  };
}

/** A motion's fields by their column names: how they are stored, and how the audit record names them. */
export function motionColumns(fields: Partial<MotionFields>): Partial<Selectable<MotionsTable>> {
  const out: Partial<Selectable<MotionsTable>> = {};
  if (fields.title !== undefined) out.title = fields.title;
  if (fields.description !== undefined) out.description = fields.description;
  if (fields.documentId !== undefined) out.document_id = fields.documentId;
  if (fields.form !== undefined) out.form = fields.form;
  if (fields.rule !== undefined) out.rule = fields.rule;
  if (fields.quorumRule !== undefined) {
    out.quorum_num = fields.quorumRule.numerator;
    out.quorum_den = fields.quorumRule.denominator;
  }
  if (fields.durationSeconds !== undefined) out.duration_seconds = fields.durationSeconds;
  return out;
}

const TALLY_COLUMN = { for: 'tally_for', against: 'tally_against', abstain: 'tally_abstain' } as const;

/**
 * The SQL of the queries a ballot runs, built and compiled by the query layer once per engine and shape: a burst of
 * hundreds of ballots would otherwise spend its time building the same text again (SQLite then finds the statement
 * already prepared by its text, `database.ts`).
 */
const COMPILED = new Map<string, string>();

/** Motions, their ballots and the electorate fixed as each opened. */
export class Motions {
  constructor(
    private readonly db: Kysely<Schema>,
    private readonly dialect: Dialect,
  ) {}

  /** Runs `build()`'s query with `parameters` (the same, in the same order, as those `build` puts in it). */
  private async compiled<R>(key: string, build: () => Compilable<R>, parameters: readonly unknown[]): Promise<{ rows: R[]; changed: number }> {
    const name = `${this.dialect}:${key}`;
    let text = COMPILED.get(name);
    if (text === undefined) {
      const query = build().compile();
      if (query.parameters.length !== parameters.length) throw new Error(`${key}: ${query.parameters.length} parameters, given ${parameters.length}`);
      text = query.sql;
      COMPILED.set(name, text);
    }
    const result = await this.db.executeQuery<R>(CompiledQuery.raw(text, [...parameters]));
    return { rows: result.rows, changed: Number(result.numAffectedRows ?? 0n) };
  }

  /**
   * `lock`: inside a unit of work, holds the motion's row until the commit (PostgreSQL `FOR UPDATE`), so that a
   * state check and the write that depends on it do not interleave with another process's (a close and a late
   * ballot). On SQLite the unit already has the one writer's lock.
   */
  async byId(id: string, options: { lock?: boolean } = {}): Promise<Motion | undefined> {
    const lock = options.lock === true && this.dialect === 'postgres';
    const { rows } = await this.compiled(
      lock ? 'byId:lock' : 'byId',
      () => {
        const query = this.db.selectFrom('motions').selectAll().where('id', '=', id);
        return lock ? query.forUpdate() : query;
      },
      [id],
    );
    return rows[0] && motionOf(rows[0]);
  }

  /**
   * Numbered max + 1 within the meeting. On PostgreSQL two units creating motions of one meeting take turns on an
   * advisory lock on the meeting until the commit, so neither reads the max before the other's row is visible:
   * numbers are unique (also by the key) and without gaps.
   */
  async insert(meetingId: string, fields: MotionFields, revoteOf: string | null, createdBy: string | null): Promise<Motion> {
    if (this.dialect === 'postgres') {
      await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`quorum:motion-number:${meetingId}`}, 0))`.execute(this.db);
    }
    const next = await this.db
      .selectFrom('motions')
      .select((eb) => eb.fn.max('number').as('n'))
      .where('meeting_id', '=', meetingId)
      .executeTakeFirst();
    const id = newId('v');
    await this.db
      .insertInto('motions')
      .values({
        id,
        meeting_id: meetingId,
        number: Number(next?.n ?? 0) + 1,
        title: fields.title,
        description: fields.description,
        document_id: fields.documentId,
        form: fields.form,
        rule: fields.rule,
        quorum_num: fields.quorumRule.numerator,
        quorum_den: fields.quorumRule.denominator,
        duration_seconds: fields.durationSeconds,
        revote_of: revoteOf,
        created_by: createdBy,
        created_at: nowIso(),
      })
      .execute();
    return (await this.byId(id))!;
  }

  async update(id: string, fields: Partial<MotionFields>): Promise<void> {
    const columns = motionColumns(fields);
    if (Object.keys(columns).length > 0) await this.db.updateTable('motions').set(columns).where('id', '=', id).execute();
  }

  /** The motion that repeats this one, if any. */
  async revoteOf(id: string): Promise<string | null> {
    const row = await this.db.selectFrom('motions').select('id').where('revote_of', '=', id).executeTakeFirst();
    return row?.id ?? null;
  }

  /** Guarded by the status, so a second opener changes nothing (returns false). */
  async markOpen(id: string, versionId: string | null, openedAt: string, closesAt: string | null): Promise<boolean> {
    const initial = (await this.byId(id))?.form === 'hands' ? null : 0;
    const result = await this.db
      .updateTable('motions')
      .set({
        status: 'open',
        version_id: versionId,
        opened_at: openedAt,
        closes_at: closesAt,
        tally_for: initial,
        tally_against: initial,
        tally_abstain: initial,
      })
      .where('id', '=', id)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  /** Keeps who could vote, and who was present, as the vote opens (`electorateAtOpening`): the base it is decided on. */
  async fixElectorate(id: string, entries: readonly ElectorateEntry[]): Promise<void> {
    // One statement for the whole roster, its text the same whatever the roster's size.
    const json = JSON.stringify(entries.map((e) => [e.userId, e.present ? 1 : 0]));
    if (this.dialect === 'postgres') {
      await sql`INSERT INTO motion_electorate (motion_id, user_id, present)
                SELECT ${id}, e->>0, (e->>1)::int FROM jsonb_array_elements(${json}::jsonb) AS e`.execute(this.db);
    } else {
      await sql`INSERT INTO motion_electorate (motion_id, user_id, present)
                SELECT ${id}, e.value ->> 0, e.value ->> 1 FROM json_each(${json}) AS e`.execute(this.db);
    }
  }

  /** The voting members present when the vote opened, by user id. */
  async presentAtOpening(id: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('motion_electorate')
      .select('user_id')
      .where('motion_id', '=', id)
      .where('present', '=', 1)
      .execute();
    return rows.map((r) => r.user_id);
  }

  async markClosed(id: string, outcome: Outcome, electorate: Electorate, closedAt: string): Promise<boolean> {
    const result = await this.db
      .updateTable('motions')
      .set({ status: 'closed', outcome, members_count: electorate.members, present_count: electorate.present, closed_at: closedAt })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  async setTally(id: string, tally: Tally): Promise<void> {
    await this.db
      .updateTable('motions')
      .set({ tally_for: tally.for, tally_against: tally.against, tally_abstain: tally.abstain })
      .where('id', '=', id)
      .execute();
  }

  /**
   * Records a ballot and moves the count, in the caller's unit. The primary key (motion, person) is what makes it
   * one per person: a concurrent second insert changes nothing (`ON CONFLICT DO NOTHING`, on PostgreSQL after
   * waiting for the first to commit), never a check then an insert. A secret ballot's row keeps neither the choice
   * nor the time; its choice only moves the motion's running count.
   */
  async insertBallot(motionId: string, userId: string, choice: Choice, secret: boolean): Promise<'recorded' | 'duplicate'> {
    const values = { motion_id: motionId, user_id: userId, choice: secret ? null : choice, cast_at: secret ? null : nowIso() };
    const inserted = await this.compiled(
      'insertBallot',
      () => this.db.insertInto('ballots').values(values).onConflict((oc) => oc.columns(['motion_id', 'user_id']).doNothing()),
      [values.motion_id, values.user_id, values.choice, values.cast_at],
    );
    if (inserted.changed !== 1) return 'duplicate';
    const column = TALLY_COLUMN[choice];
    await this.compiled(
      `count:${column}`,
      () => this.db.updateTable('motions').set((eb) => ({ [column]: eb(column, '+', sql.lit(1)) })).where('id', '=', motionId),
      [motionId],
    );
    return 'recorded';
  }

  /**
   * As a secret vote closes, inside its unit: on PostgreSQL each ballot row carries the id of the transaction that
   * wrote it (`xmin`) and sits in the table in the order written (`ctid`), beside the count each one moved. The rows
   * are written again, in the order of their key, by the closing transaction: all then carry its id and the key's
   * order. (The old row versions stay in the table's files until PostgreSQL vacuums them; see the report in
   * docs/architecture.md.) SQLite's rows have no such columns (WITHOUT ROWID); its log is emptied after the close.
   */
  async forgetBallotOrder(motionId: string): Promise<void> {
    if (this.dialect !== 'postgres') return;
    await sql`WITH gone AS (DELETE FROM ballots WHERE motion_id = ${motionId} RETURNING motion_id, user_id)
              INSERT INTO ballots (motion_id, user_id, choice, cast_at)
              SELECT motion_id, user_id, NULL, NULL FROM gone ORDER BY user_id`.execute(this.db);
  }

  /** Who voted, with the choice for a named vote. Ordered by name, never by when. */
  async ballots(motionId: string): Promise<Ballot[]> {
    const rows = await this.db
      .selectFrom('ballots as b')
      .innerJoin('users as u', 'u.id', 'b.user_id')
      .select(['b.user_id', 'b.choice', 'u.full_name'])
      .where('b.motion_id', '=', motionId)
      .orderBy('u.full_name')
      .orderBy('b.user_id')
      .execute();
    return rows.map((r) => ({ userId: r.user_id, fullName: r.full_name, choice: r.choice as Choice | null }));
  }

  async ballotOf(motionId: string, userId: string): Promise<{ choice: Choice | null } | undefined> {
    const row = await this.db
      .selectFrom('ballots')
      .select('choice')
      .where('motion_id', '=', motionId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row && { choice: row.choice as Choice | null };
  }

  /** Whether a vote of the meeting is open now. */
  async anyOpen(meetingId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('motions')
      .select('id')
      .where('meeting_id', '=', meetingId)
      .where('status', '=', 'open')
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Every ballot of the meeting, for the live state: a named one's choice, or null for a secret one. */
  async ballotEntries(meetingId: string): Promise<{ motionId: string; userId: string; choice: Choice | null }[]> {
    const rows = await this.db
      .selectFrom('ballots as b')
      .innerJoin('motions as mo', 'mo.id', 'b.motion_id')
      .select(['b.motion_id', 'b.user_id', 'b.choice'])
      .where('mo.meeting_id', '=', meetingId)
      .execute();
    return rows.map((r) => ({ motionId: r.motion_id, userId: r.user_id, choice: r.choice as Choice | null }));
  }

  /** Open motions with a closing time, for the timers that close them (after a restart too). */
  async timed(): Promise<{ id: string; closesAt: string }[]> {
    const rows = await this.db
      .selectFrom('motions')
      .select(['id', 'closes_at'])
      .where('status', '=', 'open')
      .where('closes_at', 'is not', null)
      .execute();
    return rows.map((r) => ({ id: r.id, closesAt: r.closes_at! }));
  }

  /** The electorate of a motion now (`shared/electorate.ts`); frozen into the row when it closes. */
  async electorate(id: string): Promise<Electorate> {
    const row = await this.details().where('mo.id', '=', id).executeTakeFirst();
    if (!row) return { members: 0, present: 0 };
    return (await this.withElectorate([row]))[0]!.electorate;
  }

  async detailsOf(meetingId: string): Promise<MotionDetails[]> {
    return this.withElectorate(await this.details().where('mo.meeting_id', '=', meetingId).orderBy('mo.number').execute());
  }

  async detailOf(id: string): Promise<MotionDetails | undefined> {
    const { rows } = await this.compiled('detailOf', () => this.details().where('mo.id', '=', id), [id]);
    const row = rows[0];
    return row && (await this.withElectorate([row]))[0];
  }

  /** A motion's row with its document, version, re-vote, ballot count and the counts of its fixed electorate. */
  private details() {
    return this.db
      .selectFrom('motions as mo')
      .leftJoin('documents as d', 'd.id', 'mo.document_id')
      .leftJoin('document_versions as v', 'v.id', 'mo.version_id')
      .leftJoin('users as vu', 'vu.id', 'v.created_by')
      .selectAll('mo')
      .select((eb) => [
        'd.title as document_title',
        'd.kind as document_kind',
        'v.kind as version_kind',
        'v.label as version_label',
        'v.content_hash as version_hash',
        'v.created_at as version_at',
        'v.created_by as version_by',
        'vu.full_name as version_by_name',
        eb.selectFrom('motions as r').select('r.id').whereRef('r.revote_of', '=', 'mo.id').as('revoted_by'),
        eb.selectFrom('ballots as b').select(eb.fn.countAll().as('n')).whereRef('b.motion_id', '=', 'mo.id').as('ballot_count'),
        eb.selectFrom('motion_electorate as e').select(eb.fn.countAll().as('n')).whereRef('e.motion_id', '=', 'mo.id').as('listed'),
        eb
          .selectFrom('motion_electorate as e')
          .select(eb.fn.countAll().as('n'))
          .whereRef('e.motion_id', '=', 'mo.id')
          .where('e.present', '=', sql.lit(1))
          .as('listed_present'),
        eb
          .selectFrom('motion_electorate as e')
          .select(eb.fn.countAll().as('n'))
          .whereRef('e.motion_id', '=', 'mo.id')
          .where('e.present', '=', sql.lit(0))
          .where(({ exists, selectFrom }) =>
            exists(selectFrom('ballots as b').select('b.user_id').whereRef('b.motion_id', '=', 'mo.id').whereRef('b.user_id', '=', 'e.user_id')),
          )
          .as('listed_absent_voted'),
        eb
          .selectFrom('ballots as b')
          .select(eb.fn.countAll().as('n'))
          .whereRef('b.motion_id', '=', 'mo.id')
          .where(({ not, exists, selectFrom }) =>
            not(
              exists(
                selectFrom('motion_electorate as e').select('e.user_id').whereRef('e.motion_id', '=', 'mo.id').whereRef('e.user_id', '=', 'b.user_id'),
              ),
            ),
          )
          .as('unlisted'),
      ]);
  }

  /**
   * Adds each motion's electorate: frozen for a closed one, from its fixed rows for an opened one; for a draft (or
   * one opened before the electorate was recorded) from the roster now, read once for the lot.
   */
  private async withElectorate(rows: DetailsRow[]): Promise<MotionDetails[]> {
    let roster: { userId: string; role: Role; attendance: Attendance }[] | null = null;
    const out: MotionDetails[] = [];
    const amendments = await new Amendments(this.db).byMotions(rows.map((r) => r.id));
    for (const r of rows) {
      const motion = motionOf(r);
      let electorate: Electorate;
      if (motion.status === 'closed') {
        electorate = motion.closedElectorate ?? { members: 0, present: 0 };
      } else if (Number(r.listed) > 0) {
        electorate = fixedElectorate({
          listed: Number(r.listed),
          listedPresent: Number(r.listed_present),
          listedAbsentVoted: Number(r.listed_absent_voted),
          unlisted: Number(r.unlisted),
        });
      } else {
        roster ??= await this.roster(motion.meetingId);
        const voters = Number(r.ballot_count) > 0 ? await this.voters(motion.id) : new Set<string>();
        electorate = liveElectorate(roster, voters);
      }
      out.push({
        ...motion,
        documentTitle: r.document_title,
        documentKind: r.document_kind as DocumentKind | null,
        revotedBy: r.revoted_by,
        ballotCount: Number(r.ballot_count),
        version:
          r.version_id !== null && r.version_hash !== null && r.document_id !== null
            ? versionOf({
                id: r.version_id,
                document_id: r.document_id,
                kind: r.version_kind ?? 'vote',
                label: r.version_label ?? '',
                motion_id: r.id,
                content_hash: r.version_hash,
                created_at: r.version_at ?? '',
                created_by: r.version_by,
                created_by_name: r.version_by_name,
              })
            : null,
        electorate,
        amendment: amendments.get(r.id) ?? null,
      });
    }
    return out;
  }

  private async roster(meetingId: string): Promise<{ userId: string; role: Role; attendance: Attendance }[]> {
    const rows = await this.db.selectFrom('members').select(['user_id', 'role', 'attendance']).where('meeting_id', '=', meetingId).execute();
    return rows.map((r) => ({ userId: r.user_id, role: r.role as Role, attendance: r.attendance as Attendance }));
  }

  private async voters(motionId: string): Promise<Set<string>> {
    const rows = await this.db.selectFrom('ballots').select('user_id').where('motion_id', '=', motionId).execute();
    return new Set(rows.map((r) => r.user_id));
  }
}

type DetailsRow = Awaited<ReturnType<ReturnType<Motions['details']>['execute']>>[number];
