import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditLog } from './audit.ts';
import { openDatabase, type Db } from './db/database.ts';

let dir: string;
let db: Db;
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function fresh(): AuditLog {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-audit-'));
  db = openDatabase(dir);
  const log = new AuditLog(db);
  log.append({ actorId: 'u1', meetingId: 'm1', action: 'attendance.marked', payload: { userId: 'u2', status: 'present' } });
  log.append({ actorId: 'u1', meetingId: 'm1', action: 'attendance.marked', payload: { userId: 'u3', status: 'excused' } });
  log.append({ actorId: 'u4', meetingId: 'm2', action: 'meeting.in_session', payload: {} });
  return log;
}

describe('the audit record', () => {
  it('[AU1] an untouched record verifies; each meeting reads its own entries in order', () => {
    const log = fresh();
    expect(log.verify()).toEqual({ ok: true, checked: 3, firstBad: null });
    expect(log.entries('m1').map((e) => (e.payload as { userId: string }).userId)).toEqual(['u2', 'u3']);
  });

  it('[AU1] editing an entry in the database is detected at that entry', () => {
    const log = fresh();
    db.prepare(`UPDATE audit SET payload = '{"userId":"u3","status":"present"}' WHERE seq = 2`).run();
    expect(log.verify().firstBad?.seq).toBe(2);
  });

  it('[AU1] deleting an entry is detected at the one after it', () => {
    const log = fresh();
    db.prepare('DELETE FROM audit WHERE seq = 1').run();
    expect(log.verify().firstBad?.seq).toBe(2);
  });
});
