import { sql, type Kysely } from 'kysely';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { electorateAtOpening } from '../../shared/electorate.ts';
import type { Engine } from '../db/engine.ts';
import type { Schema } from '../db/schema.ts';
import type { UnitOfWork } from '../db/uow.ts';
import { Versions } from '../documents/versions-repo.ts';
import { disposeEngines, testEngines } from '../../test/helpers/engines.ts';
import { Motions, type MotionFields } from './repo.ts';

/**
 * The motions repository on each engine: its domain types, motion numbers, the electorate it keeps, one ballot per
 * person by the key, and (on PostgreSQL, from several pooled connections at once) the same under concurrency.
 */
const kinds = await testEngines('the motions repository contract');
afterAll(disposeEngines);

interface Repos {
  motions: Motions;
  versions: Versions;
}

const NOW = '2026-01-01T00:00:00.000Z';

/** Users, a meeting with its roster and a document, written beneath the repositories under test. */
async function seed(db: Kysely<Schema>, people: { id: string; role: string; attendance: string }[]): Promise<void> {
  for (const p of people) {
    await db
      .insertInto('users')
      .values({ id: p.id, username: p.id, full_name: `Người ${p.id}`, password_hash: 'x', is_admin: 0, is_demo: 0, disabled: 0, created_at: NOW })
      .execute();
  }
  await db
    .insertInto('meetings')
    .values({
      id: 'm1',
      title: 'Hội nghị',
      kind: 'regular',
      starts_at: NOW,
      place: '',
      locality: '',
      issuing_body: '',
      parent_body: '',
      symbol: 'TTCNL',
      status: 'in_session',
      quorum_num: 1,
      quorum_den: 2,
      agenda: '[]',
      created_by: null,
      created_at: NOW,
      updated_at: NOW,
    })
    .execute();
  for (const p of people) {
    await db.insertInto('members').values({ meeting_id: 'm1', user_id: p.id, role: p.role, unit: '', attendance: p.attendance }).execute();
  }
  await db.insertInto('documents').values({ id: 'doc1', meeting_id: 'm1', kind: 'NQ', title: 'Nghị quyết', created_by: null, created_at: NOW, origin_document_id: null, origin_user_id: null }).execute();
}

const fields: MotionFields = {
  title: 'Thông qua Nghị quyết',
  description: 'Mô tả',
  documentId: null,
  form: 'named',
  rule: 'present_majority',
  quorumRule: { numerator: 1, denominator: 2 },
  durationSeconds: null,
};

describe.each(kinds)('$name', (kind) => {
  let engine: Engine;
  let repos: Repos;
  let uow: UnitOfWork<Repos>;
  const people = [
    { id: 'chair', role: 'chair', attendance: 'present' },
    { id: 'd1', role: 'delegate', attendance: 'present' },
    { id: 'd2', role: 'delegate', attendance: 'absent' },
    { id: 'obs', role: 'observer', attendance: 'present' },
    { id: 'late', role: 'delegate', attendance: 'present' },
  ];

  beforeEach(async () => {
    engine = await kind.open();
    const make = (db: Kysely<Schema>): Repos => ({ motions: new Motions(db, engine.dialect), versions: new Versions(db) });
    repos = make(engine.db);
    uow = engine.unitOfWork(make, async () => {});
    await seed(engine.db, people);
  });
  afterEach(async () => engine.close());

  /** Opens a motion as the command does: the electorate from the roster (without `late`, added afterwards). */
  async function open(motionId: string): Promise<void> {
    await uow.run(async (tx) => {
      expect(await tx.motions.markOpen(motionId, null, NOW, null)).toBe(true);
      const roster = people.filter((p) => p.id !== 'late').map((p) => ({ userId: p.id, role: p.role as 'delegate', attendance: p.attendance as 'present' }));
      await tx.motions.fixElectorate(motionId, electorateAtOpening(roster));
    });
  }

  it('[D30] a motion is kept and read back as its domain type; numbers run 1, 2, 3 within the meeting', async () => {
    const first = await repos.motions.insert('m1', fields, null, 'chair');
    expect(first).toMatchObject({
      meetingId: 'm1',
      number: 1,
      title: 'Thông qua Nghị quyết',
      documentId: null,
      form: 'named',
      quorumRule: { numerator: 1, denominator: 2 },
      durationSeconds: null,
      status: 'draft',
      outcome: null,
      tally: null,
      closedElectorate: null,
      createdBy: 'chair',
    });
    await repos.motions.update(first.id, { title: 'Đổi tên', documentId: 'doc1', quorumRule: { numerator: 2, denominator: 3 }, durationSeconds: 60 });
    expect(await repos.motions.byId(first.id)).toMatchObject({ title: 'Đổi tên', documentId: 'doc1', quorumRule: { numerator: 2, denominator: 3 }, durationSeconds: 60 });
    const second = await repos.motions.insert('m1', { ...fields, form: 'hands' }, first.id, 'chair');
    expect(second.number).toBe(2);
    expect(await repos.motions.revoteOf(first.id)).toBe(second.id);
    expect(await repos.motions.anyOpen('m1')).toBe(false);
    expect(await repos.motions.markOpen(second.id, null, NOW, '2026-01-01T00:01:00.000Z')).toBe(true);
    expect(await repos.motions.markOpen(second.id, null, NOW, null)).toBe(false);
    expect(await repos.motions.byId(second.id)).toMatchObject({ status: 'open', tally: null, closesAt: '2026-01-01T00:01:00.000Z' });
    expect(await repos.motions.anyOpen('m1')).toBe(true);
    expect(await repos.motions.timed()).toEqual([{ id: second.id, closesAt: '2026-01-01T00:01:00.000Z' }]);
    await repos.motions.setTally(second.id, { for: 2, against: 1, abstain: 0 });
    expect(await repos.motions.markClosed(second.id, 'adopted', { members: 4, present: 3 }, NOW)).toBe(true);
    expect(await repos.motions.markClosed(second.id, 'rejected', { members: 4, present: 3 }, NOW)).toBe(false);
    const details = (await repos.motions.detailOf(second.id))!;
    expect(details).toMatchObject({
      status: 'closed',
      outcome: 'adopted',
      tally: { for: 2, against: 1, abstain: 0 },
      closedElectorate: { members: 4, present: 3 },
      electorate: { members: 4, present: 3 },
      revoteOf: first.id,
      ballotCount: 0,
    });
    const list = await repos.motions.detailsOf('m1');
    expect(list.map((m) => [m.number, m.revotedBy])).toEqual([[1, second.id], [2, null]]);
    expect(list[0]).toMatchObject({ documentTitle: 'Nghị quyết', documentKind: 'NQ', electorate: { members: 4, present: 3 } });
  });

  it('[D30] the version a vote was taken on comes with the motion', async () => {
    const motion = await repos.motions.insert('m1', { ...fields, documentId: 'doc1' }, null, 'chair');
    const version = await repos.versions.insert({ documentId: 'doc1', kind: 'vote', label: 'Biểu quyết số 1', motionId: motion.id, state: new Uint8Array([1, 2, 3]), hash: 'h', createdBy: 'chair' });
    expect(await repos.motions.markOpen(motion.id, version.id, NOW, null)).toBe(true);
    expect((await repos.motions.detailOf(motion.id))!.version).toEqual(version);
  });

  it('[D31] motion numbers stay unique and without gaps when many are created at once from different connections', async () => {
    const created = await Promise.all(Array.from({ length: 20 }, () => uow.run((tx) => tx.motions.insert('m1', fields, null, 'chair'))));
    expect(created.map((m) => m.number).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('[D32] the electorate is fixed at the opening: later check-ins vote and count, marking absent moves nothing, latecomers are added', async () => {
    const motion = await repos.motions.insert('m1', fields, null, 'chair');
    // Before the opening: the voting members now (observers have no vote), and those checked in.
    expect(await repos.motions.electorate(motion.id)).toEqual({ members: 4, present: 3 });
    await open(motion.id);
    expect(new Set(await repos.motions.presentAtOpening(motion.id))).toEqual(new Set(['chair', 'd1']));
    expect(await repos.motions.electorate(motion.id)).toEqual({ members: 3, present: 2 });
    // d1 is marked absent: nothing moves. d2 checks in and votes; `late` (added after the opening) votes.
    await engine.db.updateTable('members').set({ attendance: 'absent' }).where('user_id', '=', 'd1').execute();
    expect(await repos.motions.electorate(motion.id)).toEqual({ members: 3, present: 2 });
    await uow.run(async (tx) => {
      expect(await tx.motions.insertBallot(motion.id, 'd2', 'for', false)).toBe('recorded');
      expect(await tx.motions.insertBallot(motion.id, 'late', 'against', false)).toBe('recorded');
    });
    expect(await repos.motions.electorate(motion.id)).toEqual({ members: 4, present: 4 });
    expect((await repos.motions.detailOf(motion.id))!.electorate).toEqual({ members: 4, present: 4 });
  });

  it('[D33] one ballot per person by the key: a second is reported, the count moved once; ballots are read by name', async () => {
    const motion = await repos.motions.insert('m1', fields, null, 'chair');
    await open(motion.id);
    await uow.run(async (tx) => {
      expect(await tx.motions.insertBallot(motion.id, 'd1', 'for', false)).toBe('recorded');
      expect(await tx.motions.insertBallot(motion.id, 'd1', 'against', false)).toBe('duplicate');
      expect(await tx.motions.insertBallot(motion.id, 'chair', 'abstain', false)).toBe('recorded');
    });
    expect((await repos.motions.byId(motion.id))!.tally).toEqual({ for: 1, against: 0, abstain: 1 });
    expect(await repos.motions.ballots(motion.id)).toEqual([
      { userId: 'chair', fullName: 'Người chair', choice: 'abstain' },
      { userId: 'd1', fullName: 'Người d1', choice: 'for' },
    ]);
    expect(await repos.motions.ballotOf(motion.id, 'd1')).toEqual({ choice: 'for' });
    expect(await repos.motions.ballotOf(motion.id, 'd2')).toBeUndefined();
    expect(new Set((await repos.motions.ballotEntries('m1')).map((b) => `${b.userId}:${b.choice}`))).toEqual(new Set(['d1:for', 'chair:abstain']));
  });

  it('[D33] 100 concurrent ballots of one person on one motion record exactly one and move the count once', async () => {
    const motion = await repos.motions.insert('m1', fields, null, 'chair');
    await open(motion.id);
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        uow.run(async (tx) => {
          const current = await tx.motions.byId(motion.id, { lock: true });
          if (current?.status !== 'open') return 'closed';
          return tx.motions.insertBallot(motion.id, 'd1', i % 2 === 0 ? 'for' : 'against', false);
        }),
      ),
    );
    expect(results.filter((r) => r === 'recorded')).toHaveLength(1);
    expect(results.filter((r) => r === 'duplicate')).toHaveLength(99);
    const tally = (await repos.motions.byId(motion.id))!.tally!;
    expect(tally.for + tally.against + tally.abstain).toBe(1);
    expect(await repos.motions.ballots(motion.id)).toHaveLength(1);
  });

  it('[D34] a close and late ballots do not interleave: every ballot recorded is in the closed count, none after it', async () => {
    const voters = Array.from({ length: 30 }, (_, i) => `v${i}`);
    for (const v of voters) {
      await engine.db.insertInto('users').values({ id: v, username: v, full_name: v, password_hash: 'x', is_admin: 0, is_demo: 0, disabled: 0, created_at: NOW }).execute();
      await engine.db.insertInto('members').values({ meeting_id: 'm1', user_id: v, role: 'delegate', unit: '', attendance: 'present' }).execute();
    }
    const motion = await repos.motions.insert('m1', fields, null, 'chair');
    await open(motion.id);
    const ballot = (v: string) =>
      uow.run(async (tx) => {
        const current = await tx.motions.byId(motion.id, { lock: true });
        if (current?.status !== 'open') return 'closed';
        return tx.motions.insertBallot(motion.id, v, 'for', false);
      });
    const close = () =>
      uow.run(async (tx) => {
        const current = (await tx.motions.byId(motion.id, { lock: true }))!;
        const electorate = await tx.motions.electorate(motion.id);
        await tx.motions.markClosed(motion.id, 'adopted', electorate, NOW);
        return current.tally!;
      });
    const [closedTally, ...results] = await Promise.all([
      new Promise<void>((r) => setTimeout(r, 5)).then(close),
      ...voters.map(ballot),
    ]);
    const recorded = results.filter((r) => r === 'recorded').length;
    expect(closedTally.for).toBe(recorded);
    expect(await repos.motions.ballots(motion.id)).toHaveLength(recorded);
    expect((await repos.motions.byId(motion.id))!.tally!.for).toBe(recorded);
  });

  it('[D35] a secret ballot keeps neither choice nor time, and no row order the application can read on SQLite', async () => {
    const motion = await repos.motions.insert('m1', { ...fields, form: 'secret' }, null, 'chair');
    await open(motion.id);
    await uow.run(async (tx) => {
      expect(await tx.motions.insertBallot(motion.id, 'd1', 'against', true)).toBe('recorded');
    });
    const rows = await engine.db.selectFrom('ballots').selectAll().where('motion_id', '=', motion.id).execute();
    expect(rows).toEqual([{ motion_id: motion.id, user_id: 'd1', choice: null, cast_at: null }]);
    expect(await repos.motions.ballots(motion.id)).toEqual([{ userId: 'd1', fullName: 'Người d1', choice: null }]);
    expect((await repos.motions.byId(motion.id))!.tally).toEqual({ for: 0, against: 1, abstain: 0 });
    if (kind.dialect === 'sqlite') await expect(sql`SELECT rowid FROM ballots`.execute(engine.db)).rejects.toThrow();
  });

  it('[D35] as a secret vote closes, its ballot rows are written again in key order by the closing transaction (PostgreSQL)', async () => {
    const motion = await repos.motions.insert('m1', { ...fields, form: 'secret' }, null, 'chair');
    await open(motion.id);
    // One transaction each, in an order that is not the key's.
    for (const [who, choice] of [['d2', 'for'], ['chair', 'against'], ['d1', 'abstain']] as const) {
      await uow.run(async (tx) => void (await tx.motions.insertBallot(motion.id, who, choice, true)));
    }
    await uow.run(async (tx) => {
      await tx.motions.markClosed(motion.id, 'rejected', { members: 3, present: 3 }, NOW);
      await tx.motions.forgetBallotOrder(motion.id);
    });
    expect(await repos.motions.ballots(motion.id)).toEqual(['chair', 'd1', 'd2'].map((u) => ({ userId: u, fullName: `Người ${u}`, choice: null })));
    expect((await repos.motions.byId(motion.id))!.tally).toEqual({ for: 1, against: 1, abstain: 1 });
    if (kind.dialect !== 'postgres') return;
    const rows = (
      await sql<{ user_id: string; xmin: string; motion_xmin: string }>`
        SELECT b.user_id, b.xmin::text AS xmin, m.xmin::text AS motion_xmin FROM ballots b JOIN motions m ON m.id = b.motion_id
        WHERE b.motion_id = ${motion.id} ORDER BY b.ctid`.execute(engine.db)
    ).rows;
    expect(rows.map((r) => r.user_id)).toEqual(['chair', 'd1', 'd2']);
    expect(new Set(rows.flatMap((r) => [r.xmin, r.motion_xmin])).size).toBe(1);
  });

  it('[D36] versions keep their state byte for byte and list newest first', async () => {
    const state = new Uint8Array(300).map((_, i) => (i * 7) % 256);
    const first = await repos.versions.insert({ documentId: 'doc1', kind: 'manual', label: 'Một', motionId: null, state, hash: 'h1', createdBy: 'chair' });
    const second = await repos.versions.insert({ documentId: 'doc1', kind: 'restore', label: 'Hai', motionId: null, state: state.subarray(10, 20), hash: 'h2', createdBy: null, restoredVersionId: first.id });
    expect(first).toMatchObject({ documentId: 'doc1', kind: 'manual', label: 'Một', motionId: null, contentHash: 'h1', createdBy: { id: 'chair', fullName: 'Người chair' } });
    expect(second.createdBy).toBeNull();
    expect(await repos.versions.state(first.id)).toEqual(state);
    expect(await repos.versions.state(second.id)).toEqual(state.subarray(10, 20));
    expect(await repos.versions.state('nope')).toBeUndefined();
    expect(await repos.versions.view(first.id)).toEqual(first);
    const list = await repos.versions.list('doc1');
    expect(new Set(list.map((v) => v.id))).toEqual(new Set([first.id, second.id]));
    expect((await repos.versions.latest('doc1'))!.id).toBe(list[0]!.id);
    expect(await repos.versions.latest('other')).toBeUndefined();
  });
});
