import { createHash } from 'node:crypto';
import type { AuditEntryView, AuditView } from '../shared/api.ts';
import type { Db } from './db/database.ts';
import { nowIso } from './ids.ts';

export type AuditVerification = AuditView['verification'];

/**
 * The record of what happened: each entry's hash covers its content and the previous entry's hash, so editing
 * or deleting an entry in the database breaks every hash after it (checked by `verifyAudit`).
 */
export class AuditLog {
  constructor(private readonly db: Db) {}

  /** Call inside the command's transaction, so the entry commits with the change it records. */
  append(entry: { actorId: string | null; meetingId: string | null; action: string; payload: unknown }): void {
    const last = this.db.prepare('SELECT hash FROM audit ORDER BY seq DESC LIMIT 1').get() as { hash: string } | undefined;
    const prevHash = last?.hash ?? '';
    const at = nowIso();
    const payload = JSON.stringify(entry.payload ?? null);
    const hash = entryHash(prevHash, at, entry.actorId, entry.meetingId, entry.action, payload);
    this.db
      .prepare('INSERT INTO audit (at, actor_id, meeting_id, action, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(at, entry.actorId, entry.meetingId, entry.action, payload, prevHash, hash);
  }

  entries(meetingId: string): AuditEntryView[] {
    const rows = this.db
      .prepare(
        `SELECT a.seq, a.at, a.actor_id, u.full_name, a.action, a.payload FROM audit a
         LEFT JOIN users u ON u.id = a.actor_id WHERE a.meeting_id = ? ORDER BY a.seq`,
      )
      .all(meetingId) as { seq: number; at: string; actor_id: string | null; full_name: string | null; action: string; payload: string }[];
    return rows.map((r) => ({
      seq: r.seq,
      at: r.at,
      actorId: r.actor_id,
      actorName: r.full_name,
      action: r.action,
      payload: JSON.parse(r.payload) as unknown,
    }));
  }

  /**
   * Checks the whole chain from the first entry: how many entries were checked and the first whose hash does
   * not match its content or whose link to the previous entry is broken (null when the chain is intact).
   */
  verify(): AuditVerification {
    let prev = '';
    let checked = 0;
    const rows = this.db.prepare('SELECT * FROM audit ORDER BY seq').iterate() as IterableIterator<{
      seq: number;
      at: string;
      actor_id: string | null;
      meeting_id: string | null;
      action: string;
      payload: string;
      prev_hash: string;
      hash: string;
    }>;
    for (const r of rows) {
      if (r.prev_hash !== prev || r.hash !== entryHash(prev, r.at, r.actor_id, r.meeting_id, r.action, r.payload)) {
        return { ok: false, checked, firstBad: { seq: r.seq, at: r.at, action: r.action } };
      }
      prev = r.hash;
      checked++;
    }
    return { ok: true, checked, firstBad: null };
  }
}

function entryHash(
  prev: string,
  at: string,
  actorId: string | null,
  meetingId: string | null,
  action: string,
  payload: string,
): string {
  return createHash('sha256')
    .update(JSON.stringify([prev, at, actorId, meetingId, action, payload]))
    .digest('hex');
}
