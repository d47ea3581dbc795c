import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { AuditEntryView, AuditView } from '../shared/api.ts';
import type { AuditAction, AuditPayload } from '../shared/audit-actions.ts';
import type { AuditKey } from './audit-key.ts';
import type { Db } from './db/database.ts';
import { nowIso } from './ids.ts';

export type AuditVerification = AuditView['verification'];

/** What `audit head` exports: where the record stood, signed with the audit key so it cannot be made up later. */
export interface AuditHead {
  count: number;
  /** The latest entry's number and hash, 0 and '' for an empty record. */
  seq: number;
  hash: string;
  /** When the latest entry was written, and when this head was taken. */
  at: string | null;
  exportedAt: string;
  mac: string;
}

const headSchema = z.object({
  count: z.number().int().min(0),
  seq: z.number().int().min(0),
  hash: z.string(),
  at: z.string().nullable(),
  exportedAt: z.string(),
  mac: z.string(),
});

/** A head as read back from the file it was kept in; null when the text is not one. */
export function parseAuditHead(text: string): AuditHead | null {
  try {
    const parsed = headSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Why a head does not match the record; null when the record still holds everything the head saw. */
export type HeadMismatch =
  | { kind: 'signature' }
  | { kind: 'truncated'; count: number; lastSeq: number }
  | { kind: 'rewritten'; hash: string };

interface AuditRow {
  seq: number;
  at: string;
  actor_id: string | null;
  meeting_id: string | null;
  action: string;
  payload: string;
  prev_hash: string;
  hash: string;
  mac: string | null;
}

/**
 * The record of what happened: each entry's hash covers its content and the previous entry's hash, so editing
 * or deleting an entry in the database breaks every hash after it. Anyone who can write the database could
 * recompute those hashes, so each entry also carries an HMAC of its hash under a key kept outside the database
 * (`audit-key.ts`): as the hash covers the chain before it, each MAC vouches for the whole record up to its entry.
 * Removing the newest entries leaves a shorter valid chain; only a head exported elsewhere (`head()`) shows that.
 */
export class AuditLog {
  private readonly key: Buffer | null;

  /**
   * Without a key (test seeds that write no entries) nothing can be appended and nothing verifies. With a key
   * this process has just created, the entries written before there was a key get their MACs now, once, if the
   * chain verifies: never later, or whoever stripped the MACs could have a rewritten chain keyed at a restart.
   */
  constructor(
    private readonly db: Db,
    auditKey: AuditKey | null = null,
  ) {
    this.key = auditKey?.key ?? null;
    if (auditKey?.created) this.keyExisting();
  }

  /** Call inside the command's transaction, so the entry commits with the change it records. */
  async append<A extends AuditAction>(entry: { actorId: string | null; meetingId: string | null; action: A; payload: AuditPayload<A> }): Promise<void> {
    const key = this.requireKey();
    const last = this.db.prepare('SELECT hash FROM audit ORDER BY seq DESC LIMIT 1').get() as { hash: string } | undefined;
    const prevHash = last?.hash ?? '';
    const at = nowIso();
    const payload = JSON.stringify(entry.payload ?? null);
    const hash = entryHash(prevHash, at, entry.actorId, entry.meetingId, entry.action, payload);
    this.db
      .prepare('INSERT INTO audit (at, actor_id, meeting_id, action, payload, prev_hash, hash, mac) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(at, entry.actorId, entry.meetingId, entry.action, payload, prevHash, hash, entryMac(key, hash));
  }

  async entries(meetingId: string): Promise<AuditEntryView[]> {
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
   * not match its content, whose link to the previous entry is broken, or whose MAC is missing or wrong (null when
   * the chain is intact).
   */
  async verify(): Promise<AuditVerification> {
    const key = this.key;
    const { checked, bad } = this.walk((r) => key !== null && r.mac !== null && safeEqual(r.mac, entryMac(key, r.hash)));
    return bad ? { ok: false, checked, firstBad: { seq: bad.seq, at: bad.at, action: bad.action } } : { ok: true, checked, firstBad: null };
  }

  /** Where the record stands now, signed; the caller checks `verify()` first, or it would vouch for a bad chain. */
  async head(): Promise<AuditHead> {
    const key = this.requireKey();
    // One statement, so that an entry appended meanwhile is either counted and named, or neither.
    const last = this.db
      .prepare('SELECT (SELECT count(*) FROM audit) AS count, seq, hash, at FROM audit ORDER BY seq DESC LIMIT 1')
      .get() as { count: number; seq: number; hash: string; at: string } | undefined;
    const fields = { count: last?.count ?? 0, seq: last?.seq ?? 0, hash: last?.hash ?? '', at: last?.at ?? null, exportedAt: nowIso() };
    return { ...fields, mac: headMac(key, fields) };
  }

  /**
   * Whether the record still holds what an exported head saw: signed by this key, the entry it names still there
   * with the same hash, and no fewer entries. With `verify()` passing, the entries before it are then unchanged.
   */
  async checkHead(head: AuditHead): Promise<HeadMismatch | null> {
    const key = this.requireKey();
    if (!safeEqual(head.mac, headMac(key, head))) return { kind: 'signature' };
    const { count, lastSeq } = this.db.prepare('SELECT count(*) AS count, coalesce(max(seq), 0) AS lastSeq FROM audit').get() as {
      count: number;
      lastSeq: number;
    };
    if (head.count === 0) return null;
    const entry = this.db.prepare('SELECT hash FROM audit WHERE seq = ?').get(head.seq) as { hash: string } | undefined;
    if (!entry || count < head.count) return { kind: 'truncated', count, lastSeq };
    if (entry.hash !== head.hash) return { kind: 'rewritten', hash: entry.hash };
    return null;
  }

  private keyExisting(): void {
    const key = this.requireKey();
    // IMMEDIATE: another process appending meanwhile waits, so the chain checked is the chain keyed.
    this.db
      .transaction(() => {
        if (this.walk(() => true).bad) return;
        const setMac = this.db.prepare('UPDATE audit SET mac = ? WHERE seq = ? AND mac IS NULL');
        for (const r of [...this.rows()]) setMac.run(entryMac(key, r.hash), r.seq);
      })
      .immediate();
  }

  /** Follows the chain from the first entry to the first whose hash, link or `macOk` fails. */
  private walk(macOk: (r: AuditRow) => boolean): { checked: number; bad: AuditRow | null } {
    let prev = '';
    let checked = 0;
    for (const r of this.rows()) {
      const intact = r.prev_hash === prev && r.hash === entryHash(prev, r.at, r.actor_id, r.meeting_id, r.action, r.payload) && macOk(r);
      if (!intact) return { checked, bad: r };
      prev = r.hash;
      checked++;
    }
    return { checked, bad: null };
  }

  private rows(): IterableIterator<AuditRow> {
    return this.db.prepare('SELECT * FROM audit ORDER BY seq').iterate() as IterableIterator<AuditRow>;
  }

  private requireKey(): Buffer {
    if (!this.key) throw new Error('the audit record was opened without its key');
    return this.key;
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

function entryMac(key: Buffer, hash: string): string {
  return createHmac('sha256', key).update(hash).digest('hex');
}

/** Prefixed, so that no entry's MAC can pass for a head's signature or the other way round. */
function headMac(key: Buffer, h: Omit<AuditHead, 'mac'>): string {
  return createHmac('sha256', key)
    .update(`quorum audit head\n${JSON.stringify([h.count, h.seq, h.hash, h.at, h.exportedAt])}`)
    .digest('hex');
}

function safeEqual(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
