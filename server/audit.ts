import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import { z } from 'zod';
import type { AuditEntryView, AuditView } from '../shared/api.ts';
import type { AuditAction, AuditPayload } from '../shared/audit-actions.ts';
import type { AuditKey } from './audit-key.ts';
import type { Dialect } from './db/engine.ts';
import type { AuditTable, Schema } from './db/schema.ts';
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

type AuditRow = Selectable<AuditTable>;

/** Entries are read in pages of this many, so a long record is never held whole. */
const PAGE = 1000;

/**
 * The record of what happened: each entry's hash covers its content and the previous entry's hash, so editing
 * or deleting an entry in the database breaks every hash after it. Anyone who can write the database could
 * recompute those hashes, so each entry also carries an HMAC of its hash under a key kept outside the database
 * (`audit-key.ts`): as the hash covers the chain before it, each MAC vouches for the whole record up to its entry.
 * Removing the newest entries leaves a shorter valid chain; only a head exported elsewhere (`head()`) shows that.
 *
 * One appender at a time: on PostgreSQL `append` takes a transaction-level advisory lock before it reads the
 * chain's head, so appenders in concurrent transactions (from any process) queue and the chain never forks; each
 * holds the lock until it commits, so entries also commit in the order of their numbers. SQLite's unit of work is
 * already one at a time.
 */
export class AuditLog {
  private readonly key: Buffer | null;
  private readonly created: boolean;

  /** Without a key (test seeds that write no entries) nothing can be appended and nothing verifies. */
  constructor(
    private readonly db: Kysely<Schema>,
    private readonly dialect: Dialect,
    auditKey: AuditKey | null = null,
  ) {
    this.key = auditKey?.key ?? null;
    this.created = auditKey?.created ?? false;
  }

  /** Call inside the command's transaction, so the entry commits with the change it records. */
  async append<A extends AuditAction>(entry: { actorId: string | null; meetingId: string | null; action: A; payload: AuditPayload<A> }): Promise<void> {
    const key = this.requireKey();
    await this.lockChain();
    // Written with `sql` rather than the builder: on the path of every ballot, and building costs more than running.
    const last = await sql<{ hash: string }>`SELECT hash FROM audit ORDER BY seq DESC LIMIT 1`.execute(this.db);
    const prevHash = last.rows[0]?.hash ?? '';
    const at = nowIso();
    const payload = JSON.stringify(entry.payload ?? null);
    const hash = entryHash(prevHash, at, entry.actorId, entry.meetingId, entry.action, payload);
    await sql`INSERT INTO audit (at, actor_id, meeting_id, action, payload, prev_hash, hash, mac)
              VALUES (${at}, ${entry.actorId}, ${entry.meetingId}, ${entry.action}, ${payload}, ${prevHash}, ${hash}, ${entryMac(key, hash)})`.execute(this.db);
  }

  async entries(meetingId: string): Promise<AuditEntryView[]> {
    const rows = await this.db
      .selectFrom('audit as a')
      .leftJoin('users as u', 'u.id', 'a.actor_id')
      .select(['a.seq', 'a.at', 'a.actor_id', 'u.full_name', 'a.action', 'a.payload'])
      .where('a.meeting_id', '=', meetingId)
      .orderBy('a.seq')
      .execute();
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
   * Checks the chain from the first entry up to the newest one there was when it started (or up to entry `upTo`):
   * how many entries were checked and the first whose hash does not match its content, whose link to the previous
   * entry is broken, or whose MAC is missing or wrong (null when the chain is intact). Entries appended meanwhile
   * come after that bound (they commit in the order of their numbers), so what is checked is one state of the record.
   */
  async verify(upTo?: number): Promise<AuditVerification> {
    const key = this.key;
    const { checked, bad } = await this.walk((r) => key !== null && r.mac !== null && safeEqual(r.mac, entryMac(key, r.hash)), upTo);
    return bad ? { ok: false, checked, firstBad: { seq: bad.seq, at: bad.at, action: bad.action } } : { ok: true, checked, firstBad: null };
  }

  /**
   * Where the record stands now, signed. The caller checks the chain up to it after (`verify(head.seq)`), or it
   * would vouch for a bad chain.
   */
  async head(): Promise<AuditHead> {
    const key = this.requireKey();
    // One statement, so that an entry appended meanwhile is either counted and named, or neither.
    const last = await sql<{ count: number; seq: number; hash: string; at: string }>`
      SELECT (SELECT count(*) FROM audit) AS count, seq, hash, at FROM audit ORDER BY seq DESC LIMIT 1`.execute(this.db);
    const row = last.rows[0];
    const fields = { count: Number(row?.count ?? 0), seq: row?.seq ?? 0, hash: row?.hash ?? '', at: row?.at ?? null, exportedAt: nowIso() };
    return { ...fields, mac: headMac(key, fields) };
  }

  /**
   * Whether the record still holds what an exported head saw: signed by this key, the entry it names still there
   * with the same hash, and no fewer entries. With `verify()` passing after it, the entries before it are then
   * unchanged.
   */
  async checkHead(head: AuditHead): Promise<HeadMismatch | null> {
    const key = this.requireKey();
    if (!safeEqual(head.mac, headMac(key, head))) return { kind: 'signature' };
    // One statement: the count, the newest number and the entry named are one state of the record.
    const found = await sql<{ count: number; last_seq: number; hash: string | null }>`
      SELECT count(*) AS count, coalesce(max(seq), 0) AS last_seq, (SELECT hash FROM audit WHERE seq = ${head.seq}) AS hash
      FROM audit`.execute(this.db);
    const { last_seq: lastSeq, hash } = found.rows[0]!;
    const count = Number(found.rows[0]!.count);
    if (head.count === 0) return null;
    if (hash === null || count < head.count) return { kind: 'truncated', count, lastSeq };
    if (hash !== head.hash) return { kind: 'rewritten', hash };
    return null;
  }

  /**
   * Run once at start, in a unit of work. When this process has just created the key, the entries written before
   * there was a key get their MACs now, if their chain verifies: never later (nor by a process that found the key
   * already made), or whoever stripped the MACs could have a rewritten chain keyed at a restart. Appenders wait
   * meanwhile (the chain's lock on PostgreSQL, the unit of work on SQLite), so the chain checked is the chain keyed.
   */
  async keyExisting(): Promise<void> {
    if (!this.created) return;
    const key = this.requireKey();
    await this.lockChain();
    if ((await this.walk(() => true)).bad) return;
    let after = 0;
    for (;;) {
      const page = await this.page(after, Number.MAX_SAFE_INTEGER);
      for (const r of page) {
        if (r.mac === null) await this.db.updateTable('audit').set({ mac: entryMac(key, r.hash) }).where('seq', '=', r.seq).where('mac', 'is', null).execute();
      }
      if (page.length < PAGE) return;
      after = page[page.length - 1]!.seq;
    }
  }

  /** Until the transaction ends, no other transaction appends (PostgreSQL; on SQLite the unit of work is alone). */
  private async lockChain(): Promise<void> {
    if (this.dialect !== 'postgres') return;
    if (!this.db.isTransaction) throw new Error('the audit record is appended to inside a unit of work');
    await sql`SELECT pg_advisory_xact_lock(hashtextextended('quorum:audit-chain', 0))`.execute(this.db);
  }

  /** Follows the chain from the first entry to the first whose hash, link or `macOk` fails, up to entry `upTo`. */
  private async walk(macOk: (r: AuditRow) => boolean, upTo?: number): Promise<{ checked: number; bad: AuditRow | null }> {
    const bound = upTo ?? (await this.db.selectFrom('audit').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst())?.seq ?? 0;
    let prev = '';
    let checked = 0;
    let after = 0;
    for (;;) {
      const page = await this.page(after, bound);
      for (const r of page) {
        const intact = r.prev_hash === prev && r.hash === entryHash(prev, r.at, r.actor_id, r.meeting_id, r.action, r.payload) && macOk(r);
        if (!intact) return { checked, bad: r };
        prev = r.hash;
        checked++;
      }
      if (page.length < PAGE) return { checked, bad: null };
      after = page[page.length - 1]!.seq;
    }
  }

  private page(after: number, upTo: number): Promise<AuditRow[]> {
    return this.db.selectFrom('audit').selectAll().where('seq', '>', after).where('seq', '<=', upTo).orderBy('seq').limit(PAGE).execute();
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
