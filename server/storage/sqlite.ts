import * as Y from 'yjs';
import { DATABASE_FILE, openDatabase, type Db } from '../db/database.ts';
import type { Compaction, DocumentStore, StoredDocument } from './store.ts';

/**
 * The embedded default: the installation's SQLite file (see db/database.ts for why each committed append
 * survives a power loss, which is what "written durably before it is broadcast" promises).
 * Sequence numbers come from one AUTOINCREMENT counter shared by all documents: increasing per document, never reused.
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
    return this.db.transaction((): StoredDocument => {
      const row = this.stmts.getState.get(docId) as { state: Buffer; version: number } | undefined;
      const rows = this.stmts.getUpdates.all(docId) as { seq: number; data: Buffer }[];
      return {
        state: row ? row.state : null,
        stateVersion: row?.version ?? 0,
        updates: rows.map((r) => r.data),
        seqs: rows.map((r) => r.seq),
      };
    })();
  }

  async append(docId: string, updates: readonly Uint8Array[]): Promise<number[]> {
    if (updates.length === 0) throw new Error('append: no updates');
    return this.appendTx(docId, updates);
  }

  private readonly appendTx = (docId: string, updates: readonly Uint8Array[]): number[] =>
    this.db.transaction(() => updates.map((update) => Number(this.stmts.insertUpdate.run(docId, update).lastInsertRowid)))();

  async compact(docId: string, { state, merged, baseVersion }: Compaction): Promise<number> {
    const version = this.db.transaction((): number => {
      const stored = this.stmts.getState.get(docId) as { state: Buffer; version: number } | undefined;
      const current = stored?.version ?? 0;
      // Someone else replaced the state since this copy's base: keep what theirs covers too.
      const next = stored && current !== baseVersion ? Y.mergeUpdates([stored.state, state]) : state;
      this.stmts.upsertState.run(docId, next, current + 1, Date.now());
      // One statement, prepared once, for any number of rows: the list travels as one JSON array.
      if (merged.length > 0) this.stmts.deleteUpdates.run(docId, JSON.stringify(merged));
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
    // state_seq is no longer read: rows are folded by reference (`deleteUpdates`), so every row left is unfolded.
    getState: db.prepare('SELECT state, version FROM doc_state WHERE doc_id = ?'),
    getUpdates: db.prepare('SELECT seq, data FROM doc_update WHERE doc_id = ? ORDER BY seq'),
    insertUpdate: db.prepare('INSERT INTO doc_update (doc_id, data) VALUES (?, ?)'),
    upsertState: db.prepare(
      `INSERT INTO doc_state (doc_id, state, version, updated_at, state_seq) VALUES (?, ?, ?, ?, 0)
       ON CONFLICT (doc_id) DO UPDATE SET state = excluded.state, version = excluded.version,
         updated_at = excluded.updated_at`,
    ),
    deleteUpdates: db.prepare('DELETE FROM doc_update WHERE doc_id = ? AND seq IN (SELECT value FROM json_each(?))'),
  };
}
