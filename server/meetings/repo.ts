import type { DocumentRestore, DocumentView, FinalisationView, MeetingInfo, MemberView } from '../../shared/api.ts';
import type { Attendance, DocumentKind, MeetingKind, MeetingStatus, Role } from '../../shared/meeting.ts';
import { compareVietnameseNames } from '../../shared/names.ts';
import type { Db } from '../db/database.ts';
import { newId, nowIso } from '../ids.ts';
import { documentLock, type LockFacts } from '../documents/lock.ts';

export interface MeetingRow {
  id: string;
  title: string;
  kind: MeetingKind;
  starts_at: string;
  place: string;
  locality: string;
  issuing_body: string;
  parent_body: string;
  symbol: string;
  status: MeetingStatus;
  quorum_num: number;
  quorum_den: number;
  agenda: string;
  is_demo: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

interface MemberRow {
  meeting_id: string;
  user_id: string;
  full_name: string;
  role: Role;
  unit: string;
  attendance: Attendance;
  attendance_reason: string;
  attendance_at: string | null;
}

interface DocumentRow {
  id: string;
  meeting_id: string;
  kind: DocumentKind;
  title: string;
  created_by: string | null;
  created_at: string;
  origin_document_id: string | null;
  origin_user_id: string | null;
  /** The finalisation's columns, null when there is none. */
  f_status: 'requested' | 'final' | null;
  f_requested_by: string | null;
  f_requested_by_name: string | null;
  f_requested_at: string | null;
  f_confirmed_by: string | null;
  f_confirmed_by_name: string | null;
  f_confirmed_at: string | null;
  f_number: string | null;
  f_content_hash: string | null;
  f_version_id: string | null;
  /** The latest restore's columns (the version keeping the replaced text, the one put back), null when none. */
  r_replaced_id: string | null;
  r_at: string | null;
  r_by: string | null;
  r_by_name: string | null;
  r_version_id: string | null;
  r_label: string | null;
}

/** A motion that may lock its document: open on it, or adopted it. */
type LockingMotion = LockFacts['motions'][number] & { document_id: string };

/** A document with its finalisation and the names in it, as plain columns; the lock is decided in `documentLock`. */
const SELECT_DOCUMENT = `
  SELECT d.id, d.meeting_id, d.kind, d.title, d.created_by, d.created_at, d.origin_document_id, d.origin_user_id,
    f.status AS f_status, f.requested_by AS f_requested_by, ru.full_name AS f_requested_by_name,
    f.requested_at AS f_requested_at, f.confirmed_by AS f_confirmed_by, cu.full_name AS f_confirmed_by_name,
    f.confirmed_at AS f_confirmed_at, f.number AS f_number, f.content_hash AS f_content_hash, f.version_id AS f_version_id,
    rs.id AS r_replaced_id, rs.created_at AS r_at, rs.created_by AS r_by, su.full_name AS r_by_name,
    rv.id AS r_version_id, rv.label AS r_label
  FROM documents d
  LEFT JOIN finalisations f ON f.document_id = d.id
  LEFT JOIN users ru ON ru.id = f.requested_by
  LEFT JOIN users cu ON cu.id = f.confirmed_by
  LEFT JOIN document_versions rs ON rs.id = (
    SELECT v.id FROM document_versions v
    WHERE v.document_id = d.id AND v.kind = 'restore' AND v.restored_version_id IS NOT NULL
    ORDER BY v.created_at DESC, v.id DESC LIMIT 1)
  LEFT JOIN document_versions rv ON rv.id = rs.restored_version_id
  LEFT JOIN users su ON su.id = rs.created_by`;

const SELECT_LOCKING_MOTIONS = `
  SELECT id, title, number, status, outcome, document_id FROM motions
  WHERE document_id IS NOT NULL AND (status = 'open' OR outcome = 'adopted')`;

export function presentMeetingInfo(row: MeetingRow): MeetingInfo {
  return {
    id: row.id,
    title: row.title,
    kind: row.kind,
    startsAt: row.starts_at,
    place: row.place,
    locality: row.locality,
    issuingBody: row.issuing_body,
    parentBody: row.parent_body,
    symbol: row.symbol,
    status: row.status,
    quorumRule: { numerator: row.quorum_num, denominator: row.quorum_den },
    agenda: JSON.parse(row.agenda) as string[],
  };
}

function presentMember(row: MemberRow): MemberView {
  return {
    userId: row.user_id,
    fullName: row.full_name,
    role: row.role,
    unit: row.unit,
    attendance: row.attendance,
    attendanceReason: row.attendance_reason,
    attendanceAt: row.attendance_at,
  };
}

function presentFinalisation(row: DocumentRow): FinalisationView | null {
  if (row.f_status === null) return null;
  return {
    status: row.f_status,
    requestedBy: { id: row.f_requested_by ?? '', fullName: row.f_requested_by_name ?? '' },
    requestedAt: row.f_requested_at ?? '',
    confirmedBy: row.f_confirmed_by === null ? null : { id: row.f_confirmed_by, fullName: row.f_confirmed_by_name ?? '' },
    confirmedAt: row.f_confirmed_at,
    number: row.f_number,
    contentHash: row.f_content_hash,
    versionId: row.f_version_id ?? '',
  };
}

const NO_RESTORE = { r_replaced_id: null, r_at: null, r_by: null, r_by_name: null, r_version_id: null, r_label: null };

function presentRestore(row: DocumentRow): DocumentRestore | null {
  if (row.r_replaced_id === null || row.r_version_id === null) return null;
  return {
    versionId: row.r_version_id,
    label: row.r_label ?? '',
    replacedVersionId: row.r_replaced_id,
    by: row.r_by === null ? null : { id: row.r_by, fullName: row.r_by_name ?? '' },
    at: row.r_at ?? '',
  };
}

function presentDocument(row: DocumentRow, motions: readonly LockingMotion[]): DocumentView {
  return {
    id: row.id,
    meetingId: row.meeting_id,
    kind: row.kind,
    title: row.title,
    createdAt: row.created_at,
    createdBy: row.created_by,
    lock: documentLock({ finalisation: row.f_status, motions }),
    finalisation: presentFinalisation(row),
    restore: presentRestore(row),
    origin:
      row.origin_document_id === null || row.origin_user_id === null
        ? null
        : { reason: 'refused_edits', documentId: row.origin_document_id, userId: row.origin_user_id },
  };
}

export type MeetingFields = Omit<MeetingInfo, 'id' | 'status'>;

/** Meetings, their rosters and their documents' records (the text itself is in the document store). */
export class Meetings {
  constructor(private readonly db: Db) {}

  async byId(id: string): Promise<MeetingRow | undefined> {
    return this.db.prepare('SELECT * FROM meetings WHERE id = ?').get(id) as MeetingRow | undefined;
  }

  /** Every meeting, or those `userId` is on the roster of; newest first. */
  async list(userId: string | null): Promise<(MeetingRow & { my_role: Role | null; member_count: number })[]> {
    const sql = `SELECT m.*, me.role AS my_role,
                   (SELECT count(*) FROM members x WHERE x.meeting_id = m.id) AS member_count
                 FROM meetings m LEFT JOIN members me ON me.meeting_id = m.id AND me.user_id = ?
                 ${userId === null ? '' : 'WHERE me.user_id IS NOT NULL'}
                 ORDER BY m.starts_at DESC, m.created_at DESC`;
    return this.db.prepare(sql).all(userId ?? '') as (MeetingRow & { my_role: Role | null; member_count: number })[];
  }

  async insert(fields: MeetingFields, createdBy: string | null, isDemo = false): Promise<MeetingRow> {
    const now = nowIso();
    const row: MeetingRow = {
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
      created_by: createdBy,
      created_at: now,
      updated_at: now,
    };
    this.db
      .prepare(
        `INSERT INTO meetings VALUES (@id, @title, @kind, @starts_at, @place, @locality, @issuing_body, @parent_body,
           @symbol, @status, @quorum_num, @quorum_den, @agenda, @is_demo, @created_by, @created_at, @updated_at)`,
      )
      .run(row);
    return row;
  }

  async update(id: string, fields: Partial<MeetingFields> & { status?: MeetingStatus }): Promise<void> {
    const columns: Record<string, string | number> = {};
    if (fields.title !== undefined) columns.title = fields.title;
    if (fields.kind !== undefined) columns.kind = fields.kind;
    if (fields.startsAt !== undefined) columns.starts_at = fields.startsAt;
    if (fields.place !== undefined) columns.place = fields.place;
    if (fields.locality !== undefined) columns.locality = fields.locality;
    if (fields.issuingBody !== undefined) columns.issuing_body = fields.issuingBody;
    if (fields.parentBody !== undefined) columns.parent_body = fields.parentBody;
    if (fields.symbol !== undefined) columns.symbol = fields.symbol;
    if (fields.status !== undefined) columns.status = fields.status;
    if (fields.agenda !== undefined) columns.agenda = JSON.stringify(fields.agenda);
    if (fields.quorumRule !== undefined) {
      columns.quorum_num = fields.quorumRule.numerator;
      columns.quorum_den = fields.quorumRule.denominator;
    }
    columns.updated_at = nowIso();
    const sets = Object.keys(columns).map((c) => `${c} = @${c}`);
    this.db.prepare(`UPDATE meetings SET ${sets.join(', ')} WHERE id = @id`).run({ ...columns, id });
  }

  async hasDemo(): Promise<boolean> {
    return this.db.prepare('SELECT 1 FROM meetings WHERE is_demo = 1 LIMIT 1').get() !== undefined;
  }

  /** The caller's role in the meeting, or null when they are not on its roster. */
  async roleOf(meetingId: string, userId: string): Promise<Role | null> {
    const row = this.db.prepare('SELECT role FROM members WHERE meeting_id = ? AND user_id = ?').get(meetingId, userId) as
      | { role: Role }
      | undefined;
    return row?.role ?? null;
  }

  /** When the meeting was closed (ISO, UTC): the time of its `meeting.closed` audit entry; null while it is not. */
  async closedAt(meetingId: string): Promise<string | null> {
    const row = this.db
      .prepare(`SELECT at FROM audit WHERE meeting_id = ? AND action = 'meeting.closed' ORDER BY seq DESC LIMIT 1`)
      .get(meetingId) as { at: string } | undefined;
    return row?.at ?? null;
  }

  /** The roster in Vietnamese order: given name (last word), then the whole name. */
  async members(meetingId: string): Promise<MemberView[]> {
    const rows = this.db
      .prepare(
        `SELECT me.*, u.full_name FROM members me JOIN users u ON u.id = me.user_id WHERE me.meeting_id = ?`,
      )
      .all(meetingId) as MemberRow[];
    return rows.map(presentMember).sort((a, b) => compareVietnameseNames(a.fullName, b.fullName));
  }

  async member(meetingId: string, userId: string): Promise<MemberView | undefined> {
    const row = this.db
      .prepare(
        `SELECT me.*, u.full_name FROM members me JOIN users u ON u.id = me.user_id
         WHERE me.meeting_id = ? AND me.user_id = ?`,
      )
      .get(meetingId, userId) as MemberRow | undefined;
    return row && presentMember(row);
  }

  async addMember(meetingId: string, userId: string, role: Role, unit: string): Promise<void> {
    this.db
      .prepare('INSERT INTO members (meeting_id, user_id, role, unit) VALUES (?, ?, ?, ?)')
      .run(meetingId, userId, role, unit);
  }

  async updateMember(meetingId: string, userId: string, changes: { role?: Role; unit?: string }): Promise<void> {
    if (changes.role !== undefined) {
      this.db.prepare('UPDATE members SET role = ? WHERE meeting_id = ? AND user_id = ?').run(changes.role, meetingId, userId);
    }
    if (changes.unit !== undefined) {
      this.db.prepare('UPDATE members SET unit = ? WHERE meeting_id = ? AND user_id = ?').run(changes.unit, meetingId, userId);
    }
  }

  async removeMember(meetingId: string, userId: string): Promise<void> {
    this.db.prepare('DELETE FROM members WHERE meeting_id = ? AND user_id = ?').run(meetingId, userId);
  }

  async countRole(meetingId: string, role: Role): Promise<number> {
    return (
      this.db.prepare('SELECT count(*) AS n FROM members WHERE meeting_id = ? AND role = ?').get(meetingId, role) as {
        n: number;
      }
    ).n;
  }

  async setAttendance(meetingId: string, userId: string, attendance: Attendance, reason: string): Promise<void> {
    this.db
      .prepare(
        `UPDATE members SET attendance = ?, attendance_reason = ?, attendance_at = ? WHERE meeting_id = ? AND user_id = ?`,
      )
      .run(attendance, reason, nowIso(), meetingId, userId);
  }

  async documents(meetingId: string): Promise<DocumentView[]> {
    const rows = this.db
      .prepare(`${SELECT_DOCUMENT} WHERE d.meeting_id = ? ORDER BY d.created_at, d.id`)
      .all(meetingId) as DocumentRow[];
    const locking = this.db.prepare(`${SELECT_LOCKING_MOTIONS} AND meeting_id = ?`).all(meetingId) as LockingMotion[];
    const byDocument = new Map<string, LockingMotion[]>();
    for (const m of locking) byDocument.set(m.document_id, [...(byDocument.get(m.document_id) ?? []), m]);
    return rows.map((row) => presentDocument(row, byDocument.get(row.id) ?? []));
  }

  async document(id: string): Promise<DocumentView | undefined> {
    const row = this.db.prepare(`${SELECT_DOCUMENT} WHERE d.id = ?`).get(id) as DocumentRow | undefined;
    if (!row) return undefined;
    return presentDocument(row, this.db.prepare(`${SELECT_LOCKING_MOTIONS} AND document_id = ?`).all(id) as LockingMotion[]);
  }

  async insertDocument(
    id: string,
    meetingId: string,
    kind: DocumentKind,
    title: string,
    createdBy: string | null,
    origin: { documentId: string; userId: string } | null = null,
  ): Promise<DocumentView> {
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
    this.db
      .prepare(
        `INSERT INTO documents (id, meeting_id, kind, title, created_by, created_at, origin_document_id, origin_user_id)
         VALUES (@id, @meeting_id, @kind, @title, @created_by, @created_at, @origin_document_id, @origin_user_id)`,
      )
      .run(row);
    const none = { f_requested_by: null, f_requested_by_name: null, f_requested_at: null, f_confirmed_by: null };
    return presentDocument(
      { ...row, ...none, ...NO_RESTORE, f_status: null, f_confirmed_by_name: null, f_confirmed_at: null, f_number: null, f_content_hash: null, f_version_id: null },
      [],
    );
  }
}
