import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditLog } from './audit.ts';
import { AUDIT_KEY_FILE, loadAuditKey, type AuditKey } from './audit-key.ts';
import { openDatabase, type Db } from './db/database.ts';

let dir: string;
let db: Db;
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const KEY: AuditKey = { key: Buffer.alloc(32, 7), created: false };

async function fresh(key: AuditKey = KEY): Promise<AuditLog> {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-audit-'));
  db = openDatabase(dir);
  const log = new AuditLog(db, key);
  await log.append({ actorId: 'u1', meetingId: 'm1', action: 'attendance.marked', payload: { userId: 'u2', status: 'present' } });
  await log.append({ actorId: 'u1', meetingId: 'm1', action: 'attendance.marked', payload: { userId: 'u3', status: 'excused' } });
  await log.append({ actorId: 'u4', meetingId: 'm2', action: 'meeting.in_session', payload: {} });
  return log;
}

/** What someone with write access to the database but not the key can do: recompute every hash from `seq` on. */
function rehashFrom(seq: number): void {
  const rows = db.prepare('SELECT * FROM audit WHERE seq >= ? ORDER BY seq').all(seq) as {
    seq: number; at: string; actor_id: string | null; meeting_id: string | null; action: string; payload: string;
  }[];
  let prev = (db.prepare('SELECT hash FROM audit WHERE seq < ? ORDER BY seq DESC LIMIT 1').get(seq) as { hash: string } | undefined)?.hash ?? '';
  for (const r of rows) {
    const hash = createHash('sha256').update(JSON.stringify([prev, r.at, r.actor_id, r.meeting_id, r.action, r.payload])).digest('hex');
    db.prepare('UPDATE audit SET prev_hash = ?, hash = ? WHERE seq = ?').run(prev, hash, r.seq);
    prev = hash;
  }
}

describe('the audit record', () => {
  it('[AU1] an untouched record verifies; each meeting reads its own entries in order', async () => {
    const log = await fresh();
    expect(await log.verify()).toEqual({ ok: true, checked: 3, firstBad: null });
    expect((await log.entries('m1')).map((e) => (e.payload as { userId: string }).userId)).toEqual(['u2', 'u3']);
  });

  it('[AU1] editing an entry in the database is detected at that entry', async () => {
    const log = await fresh();
    db.prepare(`UPDATE audit SET payload = '{"userId":"u3","status":"present"}' WHERE seq = 2`).run();
    expect((await log.verify()).firstBad?.seq).toBe(2);
  });

  it('[AU1] deleting an entry is detected at the one after it', async () => {
    const log = await fresh();
    db.prepare('DELETE FROM audit WHERE seq = 1').run();
    expect((await log.verify()).firstBad?.seq).toBe(2);
  });

  it('[AU3] an entry edited and the hash chain recomputed after it, without the key, is detected at that entry', async () => {
    const log = await fresh();
    db.prepare(`UPDATE audit SET payload = '{"userId":"u3","status":"present"}' WHERE seq = 2`).run();
    rehashFrom(2);
    expect(await log.verify()).toMatchObject({ ok: false, checked: 1, firstBad: { seq: 2, action: 'attendance.marked' } });
  });

  it('[AU3] an entry without its MAC, or verified under another key, is reported as a changed one', async () => {
    const log = await fresh();
    db.prepare('UPDATE audit SET mac = NULL WHERE seq = 3').run();
    expect((await log.verify()).firstBad?.seq).toBe(3);
    expect((await new AuditLog(db, { key: Buffer.alloc(32, 8), created: false }).verify()).firstBad?.seq).toBe(1);
    expect((await new AuditLog(db).verify()).firstBad?.seq).toBe(1);
  });

  it('[AU2] a head exported before the newest entries were deleted no longer matches; a forged head is refused', async () => {
    const log = await fresh();
    const head = await log.head();
    expect(head).toMatchObject({ count: 3, seq: 3 });
    expect(await log.checkHead(head)).toBeNull();
    await log.append({ actorId: 'u1', meetingId: 'm1', action: 'meeting.closed', payload: {} });
    expect(await log.checkHead(head)).toBeNull();

    db.prepare('DELETE FROM audit WHERE seq >= 3').run();
    expect(await log.verify()).toEqual({ ok: true, checked: 2, firstBad: null });
    expect(await log.checkHead(head)).toEqual({ kind: 'truncated', count: 2, lastSeq: 2 });
    expect(await log.checkHead({ ...head, count: 2, seq: 2 })).toEqual({ kind: 'signature' });
    expect(await new AuditLog(db, { key: Buffer.alloc(32, 8), created: false }).checkHead(head)).toEqual({ kind: 'signature' });
  });

  it('[AU4] a key made now keys the entries written before it, once, and only if their chain holds', async () => {
    const log = await fresh();
    db.prepare('UPDATE audit SET mac = NULL').run();
    expect((await log.verify()).firstBad?.seq).toBe(1);
    // A later start with the same key never keys them: whoever stripped the MACs would otherwise get them back.
    expect((await new AuditLog(db, KEY).verify()).firstBad?.seq).toBe(1);
    expect(await new AuditLog(db, { ...KEY, created: true }).verify()).toEqual({ ok: true, checked: 3, firstBad: null });

    db.prepare('UPDATE audit SET mac = NULL').run();
    db.prepare(`UPDATE audit SET action = 'meeting.closed' WHERE seq = 2`).run();
    new AuditLog(db, { ...KEY, created: true });
    expect(db.prepare('SELECT count(*) AS n FROM audit WHERE mac IS NOT NULL').get()).toEqual({ n: 0 });
  });

  it('[AU4] the key is made once in DATA_DIR/audit.key with mode 0600 and reused; AUDIT_KEY is used instead when set', async () => {
    await fresh();
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
