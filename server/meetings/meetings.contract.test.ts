import { Kysely, PostgresDialect, SqliteDialect, sql, type CompiledQuery } from 'kysely';
import { afterAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_QUORUM_RULE, type Role } from '../../shared/meeting.ts';
import { disposeEngines, testEngines, type EngineKind } from '../../test/helpers/engines.ts';
import { ADMIN_URL } from '../../test/helpers/postgres.ts';
import type { Actor } from '../accounts/users.ts';
import type { Db } from '../db/database.ts';
import type { Engine } from '../db/engine.ts';
import { postgresPool } from '../db/kysely.ts';
import type { Schema } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { checkRosterChange } from './commands.ts';
import { Meetings, type MeetingFields } from './repo.ts';

const kinds = await testEngines('the Meetings repository contract');
afterAll(disposeEngines);

const FIELDS: MeetingFields = {
  title: 'Hội nghị đại biểu',
  kind: 'employee_conference',
  startsAt: '2026-03-14T08:00:00+07:00',
  place: 'Hội trường A',
  locality: 'Hà Nội',
  issuingBody: 'Ban chấp hành',
  parentBody: 'Đoàn cấp trên',
  symbol: 'TTCNL',
  quorumRule: DEFAULT_QUORUM_RULE,
  agenda: ['Khai mạc', 'Bầu cử'],
};

async function addUser(db: Kysely<Schema>, id: string, fullName: string): Promise<string> {
  await db
    .insertInto('users')
    .values({ id, username: id, full_name: fullName, password_hash: 'x', is_admin: 0, is_demo: 0, disabled: 0, created_at: '2026-01-01T00:00:00.000Z' })
    .execute();
  return id;
}

async function addVersion(
  db: Kysely<Schema>,
  v: { id: string; documentId: string; kind: string; label?: string; createdAt: string; by?: string | null; restored?: string | null },
): Promise<void> {
  await db
    .insertInto('document_versions')
    .values({
      id: v.id,
      document_id: v.documentId,
      motion_id: null,
      state: Buffer.from([0]),
      content_hash: 'h',
      created_by: v.by ?? null,
      created_at: v.createdAt,
      kind: v.kind,
      label: v.label ?? '',
      restored_version_id: v.restored ?? null,
    })
    .execute();
}

async function addMotion(
  db: Kysely<Schema>,
  m: { id: string; meetingId: string; documentId: string | null; number: number; status: string; outcome?: string | null },
): Promise<void> {
  await db
    .insertInto('motions')
    .values({
      id: m.id,
      meeting_id: m.meetingId,
      number: m.number,
      title: `Biểu quyết ${m.number}`,
      description: '',
      document_id: m.documentId,
      form: 'hands',
      rule: 'present_majority',
      quorum_num: 1,
      quorum_den: 2,
      duration_seconds: null,
      status: m.status,
      outcome: m.outcome ?? null,
      revote_of: null,
      version_id: null,
      opened_at: null,
      closes_at: null,
      closed_at: null,
      members_count: null,
      present_count: null,
      tally_for: null,
      tally_against: null,
      tally_abstain: null,
      created_by: null,
      created_at: '2026-03-14T01:00:00.000Z',
    })
    .execute();
}

describe.each(kinds)('$name', (kind: EngineKind) => {
  let engine: Engine;
  let meetings: Meetings;
  beforeEach(async () => {
    engine = await kind.open();
    meetings = new Meetings(engine.db, engine.dialect);
  });
  afterEach(async () => {
    await engine.close();
  });

  it('[D20] a meeting reads back in domain terms; an update changes only what it names; the demo is found', async () => {
    const creator = await addUser(engine.db, 'u-creator', 'Nguyễn Văn Tạo');
    const made = await meetings.insert(FIELDS, creator);
    const read = await meetings.byId(made.id);
    expect(read).toEqual(made);
    expect(read).toMatchObject({
      ...FIELDS,
      status: 'scheduled',
      quorumRule: { numerator: DEFAULT_QUORUM_RULE.numerator, denominator: DEFAULT_QUORUM_RULE.denominator },
      agenda: ['Khai mạc', 'Bầu cử'],
      isDemo: false,
      createdBy: creator,
    });
    expect(await meetings.byId('m-none')).toBeUndefined();
    expect(await meetings.hasDemo()).toBe(false);

    await new Promise((r) => setTimeout(r, 5));
    await meetings.update(made.id, { status: 'in_session', agenda: ['Một'], quorumRule: { numerator: 2, denominator: 3 } });
    const updated = (await meetings.byId(made.id))!;
    expect(updated).toMatchObject({ title: FIELDS.title, place: FIELDS.place, status: 'in_session', agenda: ['Một'], quorumRule: { numerator: 2, denominator: 3 } });
    expect(updated.updatedAt > made.updatedAt).toBe(true);
    expect(updated.createdAt).toBe(made.createdAt);

    const demo = await meetings.insert(FIELDS, null, true);
    expect(await meetings.hasDemo()).toBe(true);
    expect((await meetings.byId(demo.id))?.isDemo).toBe(true);
  });

  it('[D20] the list: every meeting, or those one is on the roster of, newest first, with one’s role and the roster’s size', async () => {
    const a = await addUser(engine.db, 'u-a', 'Trần Thị An');
    const b = await addUser(engine.db, 'u-b', 'Lê Văn Bình');
    const older = await meetings.insert({ ...FIELDS, startsAt: '2026-01-01T08:00:00+07:00' }, null);
    const newer = await meetings.insert({ ...FIELDS, startsAt: '2026-05-01T08:00:00+07:00' }, null);
    const none = await meetings.insert({ ...FIELDS, startsAt: '2026-03-01T08:00:00+07:00' }, null);
    await meetings.addMember(older.id, a, 'chair', '');
    await meetings.addMember(older.id, b, 'delegate', '');
    await meetings.addMember(newer.id, b, 'secretary', '');

    const all = await meetings.list(null);
    expect(all.map((m) => [m.id, m.myRole, m.memberCount])).toEqual([
      [newer.id, null, 1],
      [none.id, null, 0],
      [older.id, null, 2],
    ]);
    expect((await meetings.list(a)).map((m) => [m.id, m.myRole, m.memberCount])).toEqual([[older.id, 'chair', 2]]);
    expect((await meetings.list(b)).map((m) => [m.id, m.myRole, m.memberCount])).toEqual([
      [newer.id, 'secretary', 1],
      [older.id, 'delegate', 2],
    ]);
    expect(all[0]).toMatchObject({ agenda: FIELDS.agenda, isDemo: false });
  });

  it('[D21] the roster: in Vietnamese name order, each with role, unit and attendance; changed one person at a time', async () => {
    const m = await meetings.insert(FIELDS, null);
    const people: [string, string, Role][] = [
      ['u-1', 'Trần Văn Bảo', 'delegate'],
      ['u-2', 'Nguyễn Thị Ánh', 'chair'],
      ['u-3', 'Lê Ánh', 'secretary'],
      ['u-4', 'Phạm Đức Anh', 'observer'],
    ];
    for (const [id, name, role] of people) {
      await addUser(engine.db, id, name);
      await meetings.addMember(m.id, id, role, `Đơn vị ${id}`);
    }
    expect((await meetings.members(m.id)).map((x) => x.fullName)).toEqual([
      'Phạm Đức Anh',
      'Lê Ánh',
      'Nguyễn Thị Ánh',
      'Trần Văn Bảo',
    ]);
    expect(await meetings.member(m.id, 'u-1')).toEqual({
      userId: 'u-1',
      fullName: 'Trần Văn Bảo',
      role: 'delegate',
      unit: 'Đơn vị u-1',
      attendance: 'unknown',
      attendanceReason: '',
      attendanceAt: null,
    });
    expect(await meetings.member(m.id, 'u-none')).toBeUndefined();
    expect(await meetings.roleOf(m.id, 'u-2')).toBe('chair');
    expect(await meetings.roleOf(m.id, 'u-none')).toBeNull();
    expect(await meetings.countRole(m.id, 'chair')).toBe(1);

    await meetings.updateMember(m.id, 'u-1', { role: 'chair' });
    await meetings.updateMember(m.id, 'u-3', { unit: 'Văn phòng' });
    await meetings.updateMember(m.id, 'u-4', {});
    expect(await meetings.countRole(m.id, 'chair')).toBe(2);
    expect(await meetings.member(m.id, 'u-3')).toMatchObject({ role: 'secretary', unit: 'Văn phòng' });

    await meetings.setAttendance(m.id, 'u-1', 'excused', 'Ốm');
    const excused = (await meetings.member(m.id, 'u-1'))!;
    expect(excused).toMatchObject({ attendance: 'excused', attendanceReason: 'Ốm' });
    expect(Number.isNaN(Date.parse(excused.attendanceAt!))).toBe(false);

    await meetings.removeMember(m.id, 'u-4');
    expect(await meetings.roleOf(m.id, 'u-4')).toBeNull();
    expect((await meetings.members(m.id)).length).toBe(3);
    await expect(meetings.addMember(m.id, 'u-1', 'delegate', '')).rejects.toThrow();
  });

  it('[D22] a document’s record: its finalisation with the names in it, its latest restore, its origin, and the lock decided from them', async () => {
    const m = await meetings.insert(FIELDS, null);
    const sec = await addUser(engine.db, 'u-sec', 'Lê Thư Ký');
    const chair = await addUser(engine.db, 'u-chair', 'Trần Chủ Tọa');
    const made = await meetings.insertDocument('d-1', m.id, 'NQ', 'Nghị quyết', sec);
    expect(made).toMatchObject({ id: 'd-1', meetingId: m.id, kind: 'NQ', title: 'Nghị quyết', createdBy: sec, lock: null, finalisation: null, restore: null, origin: null });
    expect(await meetings.document('d-1')).toEqual(made);
    expect(await meetings.document('d-none')).toBeUndefined();

    // Restores: the newest by time, then by id; versions of other kinds and restores without a version are not one.
    await addVersion(engine.db, { id: 'v-a', documentId: 'd-1', kind: 'named', label: 'Bản 1', createdAt: '2026-03-14T01:00:00.000Z' });
    await addVersion(engine.db, { id: 'v-b', documentId: 'd-1', kind: 'named', label: 'Bản 2', createdAt: '2026-03-14T01:01:00.000Z' });
    await addVersion(engine.db, { id: 'v-r1', documentId: 'd-1', kind: 'restore', createdAt: '2026-03-14T02:00:00.000Z', by: sec, restored: 'v-a' });
    await addVersion(engine.db, { id: 'v-r3', documentId: 'd-1', kind: 'restore', createdAt: '2026-03-14T03:00:00.000Z', by: chair, restored: 'v-b' });
    await addVersion(engine.db, { id: 'v-r2', documentId: 'd-1', kind: 'restore', createdAt: '2026-03-14T03:00:00.000Z', by: sec, restored: 'v-a' });
    await addVersion(engine.db, { id: 'v-r4', documentId: 'd-1', kind: 'restore', createdAt: '2026-03-14T04:00:00.000Z', by: sec, restored: null });
    await addVersion(engine.db, { id: 'v-n', documentId: 'd-1', kind: 'named', createdAt: '2026-03-14T05:00:00.000Z' });
    expect((await meetings.document('d-1'))?.restore).toEqual({
      versionId: 'v-b',
      label: 'Bản 2',
      replacedVersionId: 'v-r3',
      by: { id: chair, fullName: 'Trần Chủ Tọa' },
      at: '2026-03-14T03:00:00.000Z',
    });

    // Locks: an adopted vote, then a newer open one, then a finalisation request, then final.
    await addMotion(engine.db, { id: 'mo-1', meetingId: m.id, documentId: 'd-1', number: 1, status: 'closed', outcome: 'adopted' });
    await addMotion(engine.db, { id: 'mo-2', meetingId: m.id, documentId: 'd-1', number: 2, status: 'closed', outcome: 'rejected' });
    expect((await meetings.document('d-1'))?.lock).toEqual({ reason: 'adopted', motionId: 'mo-1', motionTitle: 'Biểu quyết 1' });
    await addMotion(engine.db, { id: 'mo-3', meetingId: m.id, documentId: 'd-1', number: 3, status: 'open' });
    expect((await meetings.document('d-1'))?.lock).toEqual({ reason: 'vote', motionId: 'mo-3', motionTitle: 'Biểu quyết 3' });
    await engine.db
      .insertInto('finalisations')
      .values({ document_id: 'd-1', status: 'requested', requested_by: sec, requested_at: '2026-03-14T06:00:00.000Z', confirmed_by: null, confirmed_at: null, series: null, seq: null, number: null, version_id: 'v-n', content_hash: null })
      .execute();
    const requested = (await meetings.document('d-1'))!;
    expect(requested.lock?.reason).toBe('finalising');
    expect(requested.finalisation).toEqual({
      status: 'requested',
      requestedBy: { id: sec, fullName: 'Lê Thư Ký' },
      requestedAt: '2026-03-14T06:00:00.000Z',
      confirmedBy: null,
      confirmedAt: null,
      number: null,
      contentHash: null,
      versionId: 'v-n',
    });
    await engine.db
      .updateTable('finalisations')
      .set({ status: 'final', confirmed_by: chair, confirmed_at: '2026-03-14T07:00:00.000Z', series: 'TTCNL/NQ/2026', seq: 1, number: '01/NQ-TTCNL', content_hash: 'abc' })
      .where('document_id', '=', 'd-1')
      .execute();
    const final = (await meetings.document('d-1'))!;
    expect(final.lock).toEqual({ reason: 'final', motionId: null, motionTitle: null });
    expect(final.finalisation).toMatchObject({ status: 'final', confirmedBy: { id: chair, fullName: 'Trần Chủ Tọa' }, number: '01/NQ-TTCNL', contentHash: 'abc' });

    // A draft made from refused edits names where it came from; the list is in creation order, each with its lock.
    const draft = await meetings.insertDocument('d-2', m.id, 'NQ', 'Bản nháp', sec, { documentId: 'd-1', userId: sec });
    expect(draft.origin).toEqual({ reason: 'refused_edits', documentId: 'd-1', userId: sec });
    await addMotion(engine.db, { id: 'mo-4', meetingId: m.id, documentId: 'd-2', number: 4, status: 'draft' });
    const other = await meetings.insert(FIELDS, null);
    await meetings.insertDocument('d-3', other.id, 'BB', 'Biên bản', null);
    const listed = await meetings.documents(m.id);
    expect(listed.map((d) => [d.id, d.lock?.reason ?? null])).toEqual([
      ['d-1', 'final'],
      ['d-2', null],
    ]);
    expect(listed[0]).toEqual(final);
    expect(listed[1]).toEqual(await meetings.document('d-2'));
  });

  it('[D23] each document’s latest restore is found through the partial index versions_restores', async () => {
    const m = await meetings.insert(FIELDS, null);
    await meetings.insertDocument('d-1', m.id, 'NQ', 'Nghị quyết', null);
    const captured: CompiledQuery[] = [];
    const log = (event: { query: CompiledQuery }) => void captured.push(event.query);
    let plan: string;
    if (kind.dialect === 'sqlite') {
      const raw = (engine as Engine & { raw: Db }).raw;
      const logged = new Kysely<Schema>({ dialect: new SqliteDialect({ database: raw }), log });
      await new Meetings(logged, 'sqlite').document('d-1');
      const query = captured.find((q) => q.sql.includes('document_versions'))!;
      const rows = raw.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...(query.parameters as unknown[])) as { detail: string }[];
      plan = rows.map((r) => r.detail).join('\n');
    } else {
      // One connection to the database the engine is on, to read the plan of the very statement it ran.
      const { rows } = await sql<{ name: string }>`SELECT current_database() AS name`.execute(engine.db);
      const url = new URL(ADMIN_URL);
      url.pathname = `/${rows[0]!.name}`;
      const pool = postgresPool(url.toString(), 1);
      try {
        const logged = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }), log });
        await new Meetings(logged, 'postgres').document('d-1');
        const query = captured.find((q) => q.sql.includes('document_versions'))!;
        const client = await pool.connect();
        try {
          await client.query('SET enable_seqscan = off');
          const result = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${query.sql}`, query.parameters as unknown[]);
          plan = result.rows.map((r) => r['QUERY PLAN']).join('\n');
        } finally {
          client.release();
        }
      } finally {
        await pool.end();
      }
    }
    expect(plan).toContain('versions_restores');
  });

  it('[D24] a meeting’s closing time is that of its latest meeting.closed audit entry', async () => {
    const m = await meetings.insert(FIELDS, null);
    expect(await meetings.closedAt(m.id)).toBeNull();
    const entry = (at: string, action: string, meetingId: string) => ({ at, actor_id: null, meeting_id: meetingId, action, payload: '{}', prev_hash: '', hash: at, mac: null });
    await engine.db
      .insertInto('audit')
      .values([
        entry('2026-03-14T10:00:00.000Z', 'meeting.closed', m.id),
        entry('2026-03-14T11:00:00.000Z', 'meeting.updated', m.id),
        entry('2026-03-14T09:30:00.000Z', 'meeting.closed', m.id),
        entry('2026-03-14T12:00:00.000Z', 'meeting.closed', 'm-other'),
      ])
      .execute();
    expect(await meetings.closedAt(m.id)).toBe('2026-03-14T09:30:00.000Z');
  });

  it('[D25] roster changes hold the meeting: two demotions of the last two chairs at once, from different connections, do not both pass', async () => {
    // PostgreSQL: a second engine (its own pool) on the same database. SQLite: one database is one connection, on
    // which units of work take turns.
    const second = kind.dialect === 'postgres' ? await kind.open() : engine;
    try {
      const m = await meetings.insert(FIELDS, null);
      const admin: Actor = { id: await addUser(engine.db, 'u-admin', 'Quản Trị'), username: 'admin', fullName: 'Quản Trị', isAdmin: true };
      for (const id of ['u-c1', 'u-c2']) {
        await addUser(engine.db, id, `Chủ Tọa ${id}`);
        await meetings.addMember(m.id, id, 'chair', '');
      }
      expect(await meetings.lockForUpdate('m-none')).toBe(false);
      // Each unit checks the roster, waits a little (so that without the lock both would check before either
      // writes), then demotes its chair.
      const unitsOf = (e: Engine) => e.unitOfWork((db) => ({ meetings: new Meetings(db, e.dialect) }), async () => {});
      const units = new Map([engine, second].map((e) => [e, unitsOf(e)]));
      const demote = (e: Engine, userId: string) =>
        units
          .get(e)!
          .run(async (tx) => {
            expect(await tx.meetings.lockForUpdate(m.id)).toBe(true);
            await checkRosterChange(tx, admin, m.id, userId, 'chair', 'delegate');
            await new Promise((r) => setTimeout(r, 100));
            await tx.meetings.updateMember(m.id, userId, { role: 'delegate' });
          });
      const outcomes = await Promise.allSettled([demote(engine, 'u-c1'), demote(second, 'u-c2')]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const refused = outcomes.find((o) => o.status === 'rejected');
      expect(refused?.reason).toBeInstanceOf(AppError);
      expect((refused?.reason as AppError).code).toBe('last_chair');
      expect(await meetings.countRole(m.id, 'chair')).toBe(1);
    } finally {
      if (second !== engine) await second.close();
    }
  });
  it('[D26] one refused-edits draft per person and document: two units checking and inserting at once, from different connections, make one', async () => {
    const second = kind.dialect === 'postgres' ? await kind.open() : engine;
    try {
      const m = await meetings.insert(FIELDS, null);
      const author = await addUser(engine.db, 'u-author', 'Người Soạn');
      await meetings.insertDocument('d-final', m.id, 'NQ', 'Nghị quyết', null);
      expect(await meetings.refusedEditsDraft('d-final', author)).toBeUndefined();
      const unitsOf = (e: Engine) => e.unitOfWork((db) => ({ meetings: new Meetings(db, e.dialect) }), async () => {});
      // Each unit checks, waits a little (so that without taking turns both would check before either inserts),
      // then inserts unless it found one: as two processes keeping the same person's refused edits do.
      const units = new Map([engine, second].map((e) => [e, unitsOf(e)]));
      const keep = (e: Engine, id: string) =>
        units.get(e)!.run(async (tx) => {
          const made = await tx.meetings.refusedEditsDraft('d-final', author, { lock: true });
          if (made) return made;
          await new Promise((r) => setTimeout(r, 100));
          await tx.meetings.insertDocument(id, m.id, 'NQ', 'Nghị quyết — bản nháp', author, { documentId: 'd-final', userId: author });
          return id;
        });
      const ids = await Promise.all([keep(engine, 'd-draft-1'), keep(second, 'd-draft-2')]);
      expect(ids[0]).toBe(ids[1]);
      const drafts = (await meetings.documents(m.id)).filter((d) => d.origin?.documentId === 'd-final');
      expect(drafts.map((d) => d.id)).toEqual([ids[0]]);
      expect(await meetings.refusedEditsDraft('d-final', author)).toBe(ids[0]);
    } finally {
      if (second !== engine) await second.close();
    }
  });
});
