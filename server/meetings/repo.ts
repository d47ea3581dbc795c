import { sql, type Kysely, type Selectable } from 'kysely';
import type { DocumentView, MeetingInfo, MemberView } from '../../shared/api.ts';
import type { Attendance, DocumentKind, MeetingKind, MeetingStatus, Role } from '../../shared/meeting.ts';
import type { MotionStatus, Outcome } from '../../shared/motions.ts';
import { compareVietnameseNames } from '../../shared/names.ts';
import type { Dialect } from '../db/engine.ts';
import { prepared } from '../db/prepared.ts';
import type { MeetingsTable, Schema } from '../db/schema.ts';
import { newId, nowIso } from '../ids.ts';
import { documentLock, type LockFacts } from '../documents/lock.ts';

/** A meeting as the domain sees it: its details, and who made it when. */
export interface Meeting extends MeetingInfo {
  /** Loaded by the demo loader (one at most). */
  isDemo: boolean;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A meeting in a list: with the listing person's role in it and the size of its roster. */
export interface MeetingListing extends Meeting {
  myRole: Role | null;
  memberCount: number;
}

/** A person on a meeting's roster, with their attendance. */
export type Member = MemberView;

/** A document's record: its finalisation, latest restore, origin and the lock `documentLock` decides. */
export type MeetingDocument = DocumentView;

export type MeetingFields = Omit<MeetingInfo, 'id' | 'status' | 'observersComment' | 'delegatesSuggest' | 'currentItem'> & {
  observersComment?: boolean;
  delegatesSuggest?: boolean;
  currentItem?: number | null;
};

function meetingOf(row: Selectable<MeetingsTable>): Meeting {
  return {
    id: row.id,
    title: row.title,
    kind: row.kind as MeetingKind,
    startsAt: row.starts_at,
    place: row.place,
    locality: row.locality,
    issuingBody: row.issuing_body,
    parentBody: row.parent_body,
    symbol: row.symbol,
    status: row.status as MeetingStatus,
    quorumRule: { numerator: row.quorum_num, denominator: row.quorum_den },
    agenda: JSON.parse(row.agenda) as string[],
    observersComment: row.observers_comment === 1,
    delegatesSuggest: row.delegates_suggest === 1,
    currentItem: row.current_item ?? null,
    isDemo: row.is_demo === 1,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

interface MemberRow {
  user_id: string;
  full_name: string;
  role: string;
  unit: string;
  attendance: string;
  attendance_reason: string;
  attendance_at: string | null;
}

function memberOf(row: MemberRow): Member {
  return {
    userId: row.user_id,
    fullName: row.full_name,
    role: row.role as Role,
    unit: row.unit,
    attendance: row.attendance as Attendance,
    attendanceReason: row.attendance_reason,
    attendanceAt: row.attendance_at,
  };
}

/** A motion that may lock its document: open on it, or adopted it. */
type LockingMotion = LockFacts['motions'][number] & { documentId: string };

// The statements, each built and compiled once per dialect (`prepared`): the ballot burst reads a member per
// ballot, and every publish reads the roster and the documents.

const BY_ID = prepared((db, _d, id: string) => db.selectFrom('meetings').selectAll().where('id', '=', id));

const LOCK = prepared((db, dialect, id: string) => {
  const query = db.selectFrom('meetings').select('id').where('id', '=', id);
  return dialect === 'postgres' ? query.forNoKeyUpdate() : query;
});

function listQuery(db: Kysely<Schema>, userId: string) {
  return db
    .selectFrom('meetings as m')
    .leftJoin('members as me', (j) => j.onRef('me.meeting_id', '=', 'm.id').on('me.user_id', '=', userId))
    .selectAll('m')
    .select((eb) => [
      'me.role as my_role',
      eb.selectFrom('members as x').select((c) => c.fn.countAll<number>().as('n')).whereRef('x.meeting_id', '=', 'm.id').as('member_count'),
    ])
    .orderBy('m.starts_at', 'desc')
    .orderBy('m.created_at', 'desc');
}
const LIST_ALL = prepared((db, _d, none: string) => listQuery(db, none));
const LIST_MINE = prepared((db, _d, userId: string) => listQuery(db, userId).where('me.user_id', 'is not', null));

const HAS_DEMO = prepared((db) => db.selectFrom('meetings').select('id').where('is_demo', '=', 1).limit(1));

const ROLE_OF = prepared((db, _d, meetingId: string, userId: string) =>
  db.selectFrom('members').select('role').where('meeting_id', '=', meetingId).where('user_id', '=', userId),
);

const CLOSED_AT = prepared((db, _d, meetingId: string) =>
  db
    .selectFrom('audit')
    .select('at')
    .where('meeting_id', '=', meetingId)
    .where('action', '=', 'meeting.closed')
    .orderBy('seq', 'desc')
    .limit(1),
);

function membersQuery(db: Kysely<Schema>, meetingId: string) {
  return db
    .selectFrom('members as me')
    .innerJoin('users as u', 'u.id', 'me.user_id')
    .select(['me.user_id', 'u.full_name', 'me.role', 'me.unit', 'me.attendance', 'me.attendance_reason', 'me.attendance_at'])
    .where('me.meeting_id', '=', meetingId);
}
const MEMBERS = prepared((db, _d, meetingId: string) => membersQuery(db, meetingId));
const MEMBER = prepared((db, _d, meetingId: string, userId: string) => membersQuery(db, meetingId).where('me.user_id', '=', userId));

const ADD_MEMBER = prepared((db, _d, meetingId: string, userId: string, role: string, unit: string) =>
  db.insertInto('members').values({ meeting_id: meetingId, user_id: userId, role, unit }),
);
const SET_ROLE = prepared((db, _d, meetingId: string, userId: string, role: string) =>
  db.updateTable('members').set({ role }).where('meeting_id', '=', meetingId).where('user_id', '=', userId),
);
const SET_UNIT = prepared((db, _d, meetingId: string, userId: string, unit: string) =>
  db.updateTable('members').set({ unit }).where('meeting_id', '=', meetingId).where('user_id', '=', userId),
);
const REMOVE_MEMBER = prepared((db, _d, meetingId: string, userId: string) =>
  db.deleteFrom('members').where('meeting_id', '=', meetingId).where('user_id', '=', userId),
);
const COUNT_ROLE = prepared((db, _d, meetingId: string, role: string) =>
  db
    .selectFrom('members')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('meeting_id', '=', meetingId)
    .where('role', '=', role),
);
const SET_ATTENDANCE = prepared(
  (db, _d, meetingId: string, userId: string, attendance: string, reason: string, at: string) =>
    db
      .updateTable('members')
      .set({ attendance, attendance_reason: reason, attendance_at: at })
      .where('meeting_id', '=', meetingId)
      .where('user_id', '=', userId),
);

/**
 * Documents with their finalisation and the names in it, and their latest restore (the version keeping the
 * replaced text, the one put back). The latest restore is found per document through the partial index
 * `versions_restores` (its `kind = 'restore'` written as a literal so both engines' planners can use it).
 */
function documentsQuery(db: Kysely<Schema>) {
  return db
    .selectFrom('documents as d')
    .leftJoin('finalisations as f', 'f.document_id', 'd.id')
    .leftJoin('users as ru', 'ru.id', 'f.requested_by')
    .leftJoin('users as cu', 'cu.id', 'f.confirmed_by')
    .leftJoin('document_versions as rs', (join) =>
      join.on((eb) =>
        eb(
          'rs.id',
          '=',
          eb
            .selectFrom('document_versions as v')
            .select('v.id')
            .whereRef('v.document_id', '=', 'd.id')
            .where('v.kind', '=', sql.lit('restore'))
            .where('v.restored_version_id', 'is not', null)
            .orderBy('v.created_at', 'desc')
            .orderBy('v.id', 'desc')
            .limit(1),
        ),
      ),
    )
    .leftJoin('document_versions as rv', 'rv.id', 'rs.restored_version_id')
    .leftJoin('users as su', 'su.id', 'rs.created_by')
    .select([
      'd.id',
      'd.meeting_id',
      'd.kind',
      'd.title',
      'd.created_by',
      'd.created_at',
      'd.origin_document_id',
      'd.origin_user_id',
      'f.status as f_status',
      'f.requested_by as f_requested_by',
      'ru.full_name as f_requested_by_name',
      'f.requested_at as f_requested_at',
      'f.confirmed_by as f_confirmed_by',
      'cu.full_name as f_confirmed_by_name',
      'f.confirmed_at as f_confirmed_at',
      'f.number as f_number',
      'f.content_hash as f_content_hash',
      'f.version_id as f_version_id',
      'rs.id as r_replaced_id',
      'rs.created_at as r_at',
      'rs.created_by as r_by',
      'su.full_name as r_by_name',
      'rv.id as r_version_id',
      'rv.label as r_label',
    ]);
}
const DOCUMENTS = prepared((db, _d, meetingId: string) =>
  documentsQuery(db).where('d.meeting_id', '=', meetingId).orderBy('d.created_at').orderBy('d.id'),
);
const DOCUMENT = prepared((db, _d, id: string) => documentsQuery(db).where('d.id', '=', id));

/** The motions that may lock a document: open on it, or adopted it. */
function lockingMotionsQuery(db: Kysely<Schema>) {
  return db
    .selectFrom('motions')
    .select(['id', 'title', 'number', 'status', 'outcome', 'document_id'])
    .where('document_id', 'is not', null)
    .where((eb) => eb.or([eb('status', '=', 'open'), eb('outcome', '=', 'adopted')]))
    // An amendment freezes only its own suggestions, never the whole text (`server/motions/amendments.ts`).
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('amendments as a').select('a.motion_id').whereRef('a.motion_id', '=', 'motions.id'))));
}
const LOCKING_IN_MEETING = prepared((db, _d, meetingId: string) => lockingMotionsQuery(db).where('meeting_id', '=', meetingId));
const LOCKING_OF_DOCUMENT = prepared((db, _d, documentId: string) => lockingMotionsQuery(db).where('document_id', '=', documentId));

const INSERT_DOCUMENT = prepared(
  (
    db,
    _d,
    id: string,
    meetingId: string,
    kind: string,
    title: string,
    createdBy: string | null,
    createdAt: string,
    originDocumentId: string | null,
    originUserId: string | null,
  ) =>
    db.insertInto('documents').values({
      id,
      meeting_id: meetingId,
      kind,
      title,
      created_by: createdBy,
      created_at: createdAt,
      origin_document_id: originDocumentId,
      origin_user_id: originUserId,
    }),
);

/** Meetings, their rosters and their documents' records (the text itself is in the document store). */
export class Meetings {
  constructor(
    private readonly db: Kysely<Schema>,
    private readonly dialect: Dialect,
  ) {}

  async byId(id: string): Promise<Meeting | undefined> {
    const [row] = await BY_ID(this.db, this.dialect, id);
    return row && meetingOf(row);
  }

  /**
   * Holds the meeting's row until the unit of work ends, so that units which check the roster and then change it
   * take turns per meeting (two demotions of the last two chairs cannot both pass). PostgreSQL: `FOR NO KEY
   * UPDATE`, which serialises these units without blocking the rows other tables insert that refer to the meeting.
   * SQLite: a unit of work already has the database to itself. False when there is no such meeting.
   */
  async lockForUpdate(meetingId: string): Promise<boolean> {
    return (await LOCK(this.db, this.dialect, meetingId)).length > 0;
  }

  /** Every meeting, or those `userId` is on the roster of; newest first. */
  async list(userId: string | null): Promise<MeetingListing[]> {
    const rows = userId === null ? await LIST_ALL(this.db, this.dialect, '') : await LIST_MINE(this.db, this.dialect, userId);
    return rows.map((row) => ({
      ...meetingOf(row),
      myRole: (row.my_role ?? null) as Role | null,
      memberCount: Number(row.member_count ?? 0),
    }));
  }

  async insert(fields: MeetingFields, createdBy: string | null, isDemo = false): Promise<Meeting> {
    const now = nowIso();
    const row = {
      id: newId('m'),
      title: fields.title,
      kind: fields.kind,
      starts_at: fields.startsAt,
      place: fields.place,
      locality: fields.locality,
      issuing_body: fields.issuingBody,
      parent_body: fields.parentBody,
      symbol: fields.symbol,
      status: 'scheduled',
      quorum_num: fields.quorumRule.numerator,
      quorum_den: fields.quorumRule.denominator,
      agenda: JSON.stringify(fields.agenda),
      is_demo: isDemo ? 1 : 0,
      observers_comment: fields.observersComment ? 1 : 0,
      delegates_suggest: fields.delegatesSuggest ? 1 : 0,
      current_item: null,
      created_by: createdBy,
      created_at: now,
      updated_at: now,
    };
    await this.db.insertInto('meetings').values(row).execute();
    return meetingOf(row);
  }

  async update(id: string, fields: Partial<MeetingFields> & { status?: MeetingStatus }): Promise<void> {
    await this.db
      .updateTable('meetings')
      .set({
        ...(fields.title !== undefined && { title: fields.title }),
        ...(fields.kind !== undefined && { kind: fields.kind }),
        ...(fields.startsAt !== undefined && { starts_at: fields.startsAt }),
        ...(fields.place !== undefined && { place: fields.place }),
        ...(fields.locality !== undefined && { locality: fields.locality }),
        ...(fields.issuingBody !== undefined && { issuing_body: fields.issuingBody }),
        ...(fields.parentBody !== undefined && { parent_body: fields.parentBody }),
        ...(fields.symbol !== undefined && { symbol: fields.symbol }),
        ...(fields.status !== undefined && { status: fields.status }),
        ...(fields.agenda !== undefined && { agenda: JSON.stringify(fields.agenda) }),
        ...(fields.observersComment !== undefined && { observers_comment: fields.observersComment ? 1 : 0 }),
        ...(fields.delegatesSuggest !== undefined && { delegates_suggest: fields.delegatesSuggest ? 1 : 0 }),
        ...(fields.currentItem !== undefined && { current_item: fields.currentItem }),
        ...(fields.quorumRule !== undefined && {
          quorum_num: fields.quorumRule.numerator,
          quorum_den: fields.quorumRule.denominator,
        }),
        updated_at: nowIso(),
      })
      .where('id', '=', id)
      .execute();
  }

  async hasDemo(): Promise<boolean> {
    return (await HAS_DEMO(this.db, this.dialect)).length > 0;
  }

  /** The caller's role in the meeting, or null when they are not on its roster. */
  async roleOf(meetingId: string, userId: string): Promise<Role | null> {
    const [row] = await ROLE_OF(this.db, this.dialect, meetingId, userId);
    return (row?.role ?? null) as Role | null;
  }

  /** When the meeting was closed (ISO, UTC): the time of its `meeting.closed` audit entry; null while it is not. */
  async closedAt(meetingId: string): Promise<string | null> {
    const [row] = await CLOSED_AT(this.db, this.dialect, meetingId);
    return row?.at ?? null;
  }

  /** The roster in Vietnamese order: given name (last word), then the whole name. */
  async members(meetingId: string): Promise<Member[]> {
    const rows = await MEMBERS(this.db, this.dialect, meetingId);
    return rows.map(memberOf).sort((a, b) => compareVietnameseNames(a.fullName, b.fullName));
  }

  async member(meetingId: string, userId: string): Promise<Member | undefined> {
    const [row] = await MEMBER(this.db, this.dialect, meetingId, userId);
    return row && memberOf(row);
  }

  async addMember(meetingId: string, userId: string, role: Role, unit: string): Promise<void> {
    await ADD_MEMBER(this.db, this.dialect, meetingId, userId, role, unit);
  }

  async updateMember(meetingId: string, userId: string, changes: { role?: Role; unit?: string }): Promise<void> {
    if (changes.role !== undefined) await SET_ROLE(this.db, this.dialect, meetingId, userId, changes.role);
    if (changes.unit !== undefined) await SET_UNIT(this.db, this.dialect, meetingId, userId, changes.unit);
  }

  async removeMember(meetingId: string, userId: string): Promise<void> {
    await REMOVE_MEMBER(this.db, this.dialect, meetingId, userId);
  }

  async countRole(meetingId: string, role: Role): Promise<number> {
    const [row] = await COUNT_ROLE(this.db, this.dialect, meetingId, role);
    return Number(row?.n ?? 0);
  }

  async setAttendance(meetingId: string, userId: string, attendance: Attendance, reason: string): Promise<void> {
    await SET_ATTENDANCE(this.db, this.dialect, meetingId, userId, attendance, reason, nowIso());
  }

  async documents(meetingId: string): Promise<MeetingDocument[]> {
    const rows = await DOCUMENTS(this.db, this.dialect, meetingId);
    const locking = (await LOCKING_IN_MEETING(this.db, this.dialect, meetingId)).map(lockingMotionOf);
    const byDocument = new Map<string, LockingMotion[]>();
    for (const m of locking) byDocument.set(m.documentId, [...(byDocument.get(m.documentId) ?? []), m]);
    return rows.map((row) => documentOf(row, byDocument.get(row.id) ?? []));
  }

  async document(id: string): Promise<MeetingDocument | undefined> {
    const [row] = await DOCUMENT(this.db, this.dialect, id);
    if (!row) return undefined;
    return documentOf(row, (await LOCKING_OF_DOCUMENT(this.db, this.dialect, id)).map(lockingMotionOf));
  }

  /**
   * The draft that keeps `userId`'s refused edits to `documentId`, if there is one. `lock`: inside a unit of work,
   * first takes turns with other units asking the same (PostgreSQL advisory lock until the commit; SQLite's unit
   * already has the one writer's lock), so that a check and the insert it decides cannot interleave across
   * processes.
   */
  async refusedEditsDraft(documentId: string, userId: string, options: { lock?: boolean } = {}): Promise<string | undefined> {
    if (options.lock && this.dialect === 'postgres') {
      await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`quorum:refused-draft:${documentId}:${userId}`}, 0))`.execute(this.db);
    }
    const row = await this.db
      .selectFrom('documents')
      .select('id')
      .where('origin_document_id', '=', documentId)
      .where('origin_user_id', '=', userId)
      .orderBy('created_at')
      .executeTakeFirst();
    return row?.id;
  }

  async insertDocument(
    id: string,
    meetingId: string,
    kind: DocumentKind,
    title: string,
    createdBy: string | null,
    origin: { documentId: string; userId: string } | null = null,
  ): Promise<MeetingDocument> {
    const row = {
      id,
      meeting_id: meetingId,
      kind,
      title,
      created_by: createdBy,
      created_at: nowIso(),
      origin_document_id: origin?.documentId ?? null,
      origin_user_id: origin?.userId ?? null,
    };
    await INSERT_DOCUMENT(this.db, this.dialect, id, meetingId, kind, title, createdBy, row.created_at, row.origin_document_id, row.origin_user_id);
    return documentOf({ ...row, ...NO_FINALISATION, ...NO_RESTORE }, []);
  }
}

interface DocumentRow {
  id: string;
  meeting_id: string;
  kind: string;
  title: string;
  created_by: string | null;
  created_at: string;
  origin_document_id: string | null;
  origin_user_id: string | null;
  /** The finalisation's columns, null when there is none. */
  f_status: string | null;
  f_requested_by: string | null;
  f_requested_by_name: string | null;
  f_requested_at: string | null;
  f_confirmed_by: string | null;
  f_confirmed_by_name: string | null;
  f_confirmed_at: string | null;
  f_number: string | null;
  f_content_hash: string | null;
  f_version_id: string | null;
  /** The latest restore's columns, null when there is none. */
  r_replaced_id: string | null;
  r_at: string | null;
  r_by: string | null;
  r_by_name: string | null;
  r_version_id: string | null;
  r_label: string | null;
}

const NO_FINALISATION = {
  f_status: null,
  f_requested_by: null,
  f_requested_by_name: null,
  f_requested_at: null,
  f_confirmed_by: null,
  f_confirmed_by_name: null,
  f_confirmed_at: null,
  f_number: null,
  f_content_hash: null,
  f_version_id: null,
};

const NO_RESTORE = { r_replaced_id: null, r_at: null, r_by: null, r_by_name: null, r_version_id: null, r_label: null };

function lockingMotionOf(row: {
  id: string;
  title: string;
  number: number;
  status: string;
  outcome: string | null;
  document_id: string | null;
}): LockingMotion {
  return {
    id: row.id,
    title: row.title,
    number: Number(row.number),
    status: row.status as MotionStatus,
    outcome: row.outcome as Outcome | null,
    documentId: row.document_id ?? '',
  };
}

function documentOf(row: DocumentRow, motions: readonly LockingMotion[]): MeetingDocument {
  const finalisation = row.f_status as 'requested' | 'final' | null;
  return {
    id: row.id,
    meetingId: row.meeting_id,
    kind: row.kind as DocumentKind,
    title: row.title,
    createdAt: row.created_at,
    createdBy: row.created_by,
    lock: documentLock({ finalisation, motions }),
    finalisation:
      finalisation === null
        ? null
        : {
            status: finalisation,
            requestedBy: { id: row.f_requested_by ?? '', fullName: row.f_requested_by_name ?? '' },
            requestedAt: row.f_requested_at ?? '',
            confirmedBy:
              row.f_confirmed_by === null ? null : { id: row.f_confirmed_by, fullName: row.f_confirmed_by_name ?? '' },
            confirmedAt: row.f_confirmed_at,
            number: row.f_number,
            contentHash: row.f_content_hash,
            versionId: row.f_version_id ?? '',
          },
    restore:
      row.r_replaced_id === null || row.r_version_id === null
        ? null
        : {
            versionId: row.r_version_id,
            label: row.r_label ?? '',
            replacedVersionId: row.r_replaced_id,
            by: row.r_by === null ? null : { id: row.r_by, fullName: row.r_by_name ?? '' },
            at: row.r_at ?? '',
          },
    origin:
      row.origin_document_id === null || row.origin_user_id === null
        ? null
        : { reason: 'refused_edits', documentId: row.origin_document_id, userId: row.origin_user_id },
  };
}
