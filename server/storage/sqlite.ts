import * as Y from 'yjs';
import { DATABASE_FILE, openDatabase, type Db } from '../db/database.ts';
import { highestOf, type AppendOptions, type AppendResult, type Compaction, type DocumentStore, type StoredDocument, type StoredLock } from './store.ts';

/**
 * The embedded default: the installation's SQLite file (see db/database.ts for why each committed append
 * survives a power loss, which is what "written durably before it is broadcast" promises).
 * One connection, one writer: appends and compactions never interleave. Each document's numbers come from its
 * head row (`doc_head`), bumped in the append's transaction.
 */
export class SqliteStore implements DocumentStore {
  private readonly stmts: ReturnType<typeof prepare>;

  private constructor(
    private readonly db: Db,
    private readonly ownsDb: boolean,
  ) {
    this.stmts = prepare(db);
  }

  /** The store on the installation's database file under `dir` (it owns the connection and closes it). */
  static open(dir: string, fileName = DATABASE_FILE): SqliteStore {
    return new SqliteStore(openDatabase(dir, fileName), true);
  }

  /** The store on an open database that someone else closes. */
  static on(db: Db): SqliteStore {
    return new SqliteStore(db, false);
  }

  async load(docId: string): Promise<StoredDocument> {
    return this.read(docId, 0, true);
  }

  async since(docId: string, after: number): Promise<StoredDocument> {
    return this.read(docId, after, false);
  }

  /** The state (always, or only when it folded rows after `after`) and the rows after `after`, in one transaction. */
  private read(docId: string, after: number, withState: boolean): StoredDocument {
    return this.db.transaction((): StoredDocument => {
      const head = this.stmts.getHead.get(docId) as { seq: number } | undefined;
      const row = this.stmts.getState.get(docId) as { state: Buffer; version: number; through_seq: number } | undefined;
      const rows = this.stmts.getUpdates.all(docId, after) as { doc_seq: number; data: Buffer }[];
      const state = row && (withState || row.through_seq > after) ? row.state : null;
      return {
        state,
        stateVersion: row?.version ?? 0,
        updates: rows.map((r) => r.data),
        seqs: rows.map((r) => r.doc_seq),
        head: head?.seq ?? 0,
      };
    })();
  }

  async append(docId: string, updates: readonly Uint8Array[], options: AppendOptions = {}): Promise<AppendResult> {
    if (updates.length === 0) throw new Error('append: no updates');
    return this.appendTx(docId, updates, options.server === true);
  }

  private readonly appendTx = (docId: string, updates: readonly Uint8Array[], server: boolean): AppendResult =>
    this.db.transaction((): AppendResult => {
      const n = updates.length;
      const head = this.stmts.bumpHead.get(docId, n, server ? 1 : 0) as { seq: number } | undefined;
      if (!head) {
        const lock = (this.stmts.getHead.get(docId) as { lock: StoredLock | null } | undefined)?.lock;
        return { stored: false, lock: lock ?? 'hold' };
      }
      const from = head.seq - n + 1;
      updates.forEach((update, i) => this.stmts.insertUpdate.run(docId, from + i, update));
      return { stored: true, from, to: head.seq };
    })();

  async compact(docId: string, { state, merged, baseVersion }: Compaction): Promise<number> {
    const version = this.db.transaction((): number => {
      const stored = this.stmts.getState.get(docId) as { state: Buffer; version: number; through_seq: number } | undefined;
      const current = stored?.version ?? 0;
      // Someone else replaced the state since this copy's base: keep what theirs covers too.
      const next = stored && current !== baseVersion ? Y.mergeUpdates([stored.state, state]) : state;
      const through = Math.max(stored?.through_seq ?? 0, highestOf(merged));
      this.stmts.upsertState.run(docId, next, current + 1, Date.now(), through);
      for (const [from, to] of merged) this.stmts.deleteUpdates.run(docId, from, to);
      return current + 1;
    })();
    this.db.pragma('incremental_vacuum');
    return version;
  }

  /** Pages the database file holds, and how many of them are free (for tests and diagnostics). */
  pages(): { total: number; free: number } {
    return {
      total: this.db.pragma('page_count', { simple: true }) as number,
      free: this.db.pragma('freelist_count', { simple: true }) as number,
    };
  }

  async close(): Promise<void> {
    if (this.ownsDb && this.db.open) this.db.close();
  }
}

function prepare(db: Db) {
  return {
    getHead: db.prepare('SELECT seq, lock FROM doc_head WHERE doc_id = ?'),
    // state_seq is no longer read (through_seq says which rows the state folded).
    getState: db.prepare('SELECT state, version, through_seq FROM doc_state WHERE doc_id = ?'),
    getUpdates: db.prepare('SELECT doc_seq, data FROM doc_update WHERE doc_id = ? AND doc_seq > ? ORDER BY doc_seq'),
    // Numbers the batch after the document's last row, unless it is locked (then no row comes back).
    bumpHead: db.prepare(
      `INSERT INTO doc_head (doc_id, seq) VALUES (?, ?)
       ON CONFLICT (doc_id) DO UPDATE SET seq = doc_head.seq + excluded.seq WHERE doc_head.lock IS NULL OR ?
       RETURNING seq`,
    ),
    insertUpdate: db.prepare('INSERT INTO doc_update (doc_id, doc_seq, data) VALUES (?, ?, ?)'),
    upsertState: db.prepare(
      `INSERT INTO doc_state (doc_id, state, version, updated_at, through_seq, state_seq) VALUES (?, ?, ?, ?, ?, 0)
       ON CONFLICT (doc_id) DO UPDATE SET state = excluded.state, version = excluded.version,
         updated_at = excluded.updated_at, through_seq = excluded.through_seq`,
    ),
    deleteUpdates: db.prepare('DELETE FROM doc_update WHERE doc_id = ? AND doc_seq BETWEEN ? AND ?'),
  };
}
