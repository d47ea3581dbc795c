import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { disposeEngines, testEngines } from '../test/helpers/engines.ts';
import { AuditLog } from './audit.ts';
import { AUDIT_KEY_FILE, loadAuditKey, type AuditKey } from './audit-key.ts';
import type { Engine } from './db/engine.ts';

const KEY: AuditKey = { key: Buffer.alloc(32, 7), created: false };
const OTHER_KEY: AuditKey = { key: Buffer.alloc(32, 8), created: false };

afterAll(disposeEngines);

/** The audit record alone, in units of work on `engine` (each appender on PostgreSQL takes its own connection). */
function units(engine: Engine, key: AuditKey | null = KEY) {
  return engine.unitOfWork((db) => ({ audit: new AuditLog(db, engine.dialect, key) }), async () => {});
}

describe.each(await testEngines('the audit record contract'))('the audit record on $name', (kind) => {
  let engine: Engine;
  beforeEach(async () => {
    engine = await kind.open();
  });
  afterEach(async () => {
    await engine.close();
  });

  /** Outside a unit of work: reads only (appending needs one). */
  const log = (key: AuditKey | null = KEY) => new AuditLog(engine.db, engine.dialect, key);

  async function fresh(): Promise<AuditLog> {
    await units(engine).run(async (tx) => {
      await tx.audit.append({ actorId: 'u1', meetingId: 'm1', action: 'attendance.marked', payload: { userId: 'u2', status: 'present' } });
      await tx.audit.append({ actorId: 'u1', meetingId: 'm1', action: 'attendance.marked', payload: { userId: 'u3', status: 'excused' } });
      await tx.audit.append({ actorId: 'u4', meetingId: 'm2', action: 'meeting.in_session', payload: {} });
    });
    return log();
  }

  const run = (statement: ReturnType<typeof sql>) => statement.execute(engine.db);

  /** What someone with write access to the database but not the key can do: recompute every hash from `seq` on. */
  async function rehashFrom(seq: number): Promise<void> {
    const rows = await engine.db.selectFrom('audit').selectAll().where('seq', '>=', seq).orderBy('seq').execute();
    let prev = (await engine.db.selectFrom('audit').select('hash').where('seq', '<', seq).orderBy('seq', 'desc').limit(1).executeTakeFirst())?.hash ?? '';
    for (const r of rows) {
      const hash = createHash('sha256').update(JSON.stringify([prev, r.at, r.actor_id, r.meeting_id, r.action, r.payload])).digest('hex');
      await run(sql`UPDATE audit SET prev_hash = ${prev}, hash = ${hash} WHERE seq = ${r.seq}`);
      prev = hash;
    }
  }

  it('[AU1] an untouched record verifies; each meeting reads its own entries in order, with the actor\'s name', async () => {
    const audit = await fresh();
    await run(sql`INSERT INTO users (id, username, full_name, password_hash, is_admin, is_demo, disabled, created_at)
                  VALUES ('u1', 'an', 'Nguyễn Văn An', 'x', 0, 0, 0, '2026-01-01T00:00:00.000Z')`);
    expect(await audit.verify()).toEqual({ ok: true, checked: 3, firstBad: null });
    const entries = await audit.entries('m1');
    expect(entries.map((e) => (e.payload as { userId: string }).userId)).toEqual(['u2', 'u3']);
    expect(entries[0]).toMatchObject({ seq: 1, actorId: 'u1', actorName: 'Nguyễn Văn An', action: 'attendance.marked' });
    expect((await audit.entries('m2'))[0]).toMatchObject({ seq: 3, actorId: 'u4', actorName: null, payload: {} });
  });

  it('[AU1] editing an entry in the database is detected at that entry', async () => {
    const audit = await fresh();
    await run(sql`UPDATE audit SET payload = '{"userId":"u3","status":"present"}' WHERE seq = 2`);
    expect((await audit.verify()).firstBad?.seq).toBe(2);
  });

  it('[AU1] deleting an entry is detected at the one after it', async () => {
    const audit = await fresh();
    await run(sql`DELETE FROM audit WHERE seq = 1`);
    expect((await audit.verify()).firstBad?.seq).toBe(2);
  });

  it('[AU3] an entry edited and the hash chain recomputed after it, without the key, is detected at that entry', async () => {
    const audit = await fresh();
    await run(sql`UPDATE audit SET payload = '{"userId":"u3","status":"present"}' WHERE seq = 2`);
    await rehashFrom(2);
    expect(await audit.verify()).toMatchObject({ ok: false, checked: 1, firstBad: { seq: 2, action: 'attendance.marked' } });
  });

  it('[AU3] an entry without its MAC, or verified under another key, is reported as a changed one', async () => {
    const audit = await fresh();
    await run(sql`UPDATE audit SET mac = NULL WHERE seq = 3`);
    expect((await audit.verify()).firstBad?.seq).toBe(3);
    expect((await log(OTHER_KEY).verify()).firstBad?.seq).toBe(1);
    expect((await log(null).verify()).firstBad?.seq).toBe(1);
  });

  it('[AU2] a head exported before the newest entries were deleted no longer matches; a forged head is refused', async () => {
    const audit = await fresh();
    const head = await audit.head();
    expect(head).toMatchObject({ count: 3, seq: 3 });
    expect(await audit.checkHead(head)).toBeNull();
    await units(engine).run((tx) => tx.audit.append({ actorId: 'u1', meetingId: 'm1', action: 'meeting.closed', payload: {} }));
    expect(await audit.checkHead(head)).toBeNull();

    await run(sql`DELETE FROM audit WHERE seq >= 3`);
    expect(await audit.verify()).toEqual({ ok: true, checked: 2, firstBad: null });
    expect(await audit.checkHead(head)).toEqual({ kind: 'truncated', count: 2, lastSeq: 2 });
    expect(await audit.checkHead({ ...head, count: 2, seq: 2 })).toEqual({ kind: 'signature' });
    expect(await log(OTHER_KEY).checkHead(head)).toEqual({ kind: 'signature' });

    await run(sql`UPDATE audit SET hash = 'x' WHERE seq = 2`);
    const second = await audit.head();
    await run(sql`UPDATE audit SET hash = 'y' WHERE seq = 2`);
    expect(await audit.checkHead(second)).toEqual({ kind: 'rewritten', hash: 'y' });
  });

  it('[AU2] an empty record has a head of nothing, which any record holds', async () => {
    const audit = log();
    const head = await audit.head();
    expect(head).toMatchObject({ count: 0, seq: 0, hash: '', at: null });
    expect(await audit.verify()).toEqual({ ok: true, checked: 0, firstBad: null });
    await fresh();
    expect(await audit.checkHead(head)).toBeNull();
  });

  it('[AU4] a key made now keys the entries written before it, once, at start, and only if their chain holds', async () => {
    const audit = await fresh();
    await run(sql`UPDATE audit SET mac = NULL`);
    expect((await audit.verify()).firstBad?.seq).toBe(1);
    // A later start with the same key never keys them: whoever stripped the MACs would otherwise get them back.
    await units(engine, KEY).run((tx) => tx.audit.keyExisting());
    expect((await audit.verify()).firstBad?.seq).toBe(1);
    await units(engine, { ...KEY, created: true }).run((tx) => tx.audit.keyExisting());
    expect(await audit.verify()).toEqual({ ok: true, checked: 3, firstBad: null });

    await run(sql`UPDATE audit SET mac = NULL`);
    await run(sql`UPDATE audit SET action = 'meeting.closed' WHERE seq = 2`);
    await units(engine, { ...KEY, created: true }).run((tx) => tx.audit.keyExisting());
    expect(Number((await engine.db.selectFrom('audit').select((eb) => eb.fn.countAll().as('n')).where('mac', 'is not', null).executeTakeFirstOrThrow()).n)).toBe(0);
  });

  it('[D16] making the audit record has no side effect: only the explicit step at start keys earlier entries', async () => {
    await fresh();
    await run(sql`UPDATE audit SET mac = NULL`);
    const made = new AuditLog(engine.db, engine.dialect, { ...KEY, created: true });
    await units(engine, { ...KEY, created: true }).run(async (tx) => void (await tx.audit.entries('m1')));
    expect((await made.verify()).firstBad?.seq).toBe(1);
  });

  it('[D17] the chain is checked up to a bound: a head read first, then the chain up to it, are one state of the record', async () => {
    const audit = await fresh();
    const head = await audit.head();
    await units(engine).run((tx) => tx.audit.append({ actorId: 'u1', meetingId: 'm1', action: 'meeting.closed', payload: {} }));
    expect(await audit.verify(head.seq)).toEqual({ ok: true, checked: head.count, firstBad: null });
    expect(await audit.verify()).toEqual({ ok: true, checked: 4, firstBad: null });
    // A damaged entry after the bound is not part of what the head vouches for; one before it is.
    await run(sql`UPDATE audit SET payload = '{}' WHERE seq = 4`);
    expect((await audit.verify(head.seq)).ok).toBe(true);
    await run(sql`UPDATE audit SET payload = '{}' WHERE seq = 2`);
    expect((await audit.verify(head.seq)).firstBad?.seq).toBe(2);
  });

  it('[D17] a long record is read in pages and checked whole', async () => {
    await units(engine).run(async (tx) => {
      for (let i = 0; i < 2100; i++) await tx.audit.append({ actorId: null, meetingId: 'm1', action: 'meeting.in_session', payload: {} });
    });
    const audit = log();
    expect(await audit.verify()).toEqual({ ok: true, checked: 2100, firstBad: null });
    await run(sql`UPDATE audit SET payload = '{"x":1}' WHERE seq = 2050`);
    expect((await audit.verify()).firstBad?.seq).toBe(2050);
  });

  it.runIf(kind.dialect === 'postgres')(
    '[D15] 200 audited commands at once, from several connections of two processes, make one linear chain that verifies',
    async () => {
      const second = await kind.open();
      try {
        const [one, two] = [units(engine), units(second)];
        const appendOne = (uow: typeof one, i: number) =>
          uow.run((tx) => tx.audit.append({ actorId: `u${i}`, meetingId: 'm1', action: 'attendance.marked', payload: { userId: `u${i}`, status: 'present' } }));
        await Promise.all(Array.from({ length: 200 }, (_, i) => appendOne(i % 2 === 0 ? one : two, i)));
        const rows = await engine.db.selectFrom('audit').select(['seq', 'prev_hash', 'hash', 'actor_id']).orderBy('seq').execute();
        expect(rows).toHaveLength(200);
        expect(new Set(rows.map((r) => r.actor_id)).size).toBe(200);
        rows.forEach((r, i) => expect(r.prev_hash).toBe(i === 0 ? '' : rows[i - 1]!.hash));
        expect(await log().verify()).toEqual({ ok: true, checked: 200, firstBad: null });
        const head = await log().head();
        expect(head).toMatchObject({ count: 200, hash: rows[199]!.hash });
        expect(await log().checkHead(head)).toBeNull();
      } finally {
        await second.close();
      }
    },
  );

  it.runIf(kind.dialect === 'postgres')('[D15] on PostgreSQL an entry is appended only inside a unit of work (whose lock it holds)', async () => {
    await expect(log().append({ actorId: null, meetingId: null, action: 'meeting.in_session', payload: {} })).rejects.toThrow(/inside a unit of work/);
  });
});

describe('the audit key', () => {
  let dir: string;
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('[AU4] the key is made once in DATA_DIR/audit.key with mode 0600 and reused; AUDIT_KEY is used instead when set', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-audit-'));
    const sub = path.join(dir, 'data');
    const made = loadAuditKey({ dataDir: sub });
    expect(made.created).toBe(true);
    expect(made.key).toHaveLength(32);
    expect(fs.statSync(path.join(sub, AUDIT_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(loadAuditKey({ dataDir: sub })).toEqual({ key: made.key, created: false });

    const other = path.join(dir, 'other');
    const fromEnv = loadAuditKey({ dataDir: other, AUDIT_KEY: 'ab'.repeat(32) });
    expect(fromEnv).toEqual({ key: Buffer.alloc(32, 0xab), created: false });
    expect(fs.existsSync(path.join(other, AUDIT_KEY_FILE))).toBe(false);

    fs.writeFileSync(path.join(sub, AUDIT_KEY_FILE), 'not a key\n');
    expect(() => loadAuditKey({ dataDir: sub })).toThrow(/does not hold an audit key/);
  });
});
