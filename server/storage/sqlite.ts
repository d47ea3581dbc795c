import { DATABASE_FILE, openDatabase, type Db } from '../db/database.ts';
import type { DocumentStore, StoredDocument } from './store.ts';


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
      const row = this.stmts.getState.get(docId) as { state: Buffer; state_seq: number } | undefined;
      const stateSeq = row?.state_seq ?? 0;
      const rows = this.stmts.getUpdates.all(docId, stateSeq) as { seq: number; data: Buffer }[];
      return {
        state: row ? row.state : null,
        stateSeq,
        updates: rows.map((r) => r.data),
        lastSeq: rows.length > 0 ? rows[rows.length - 1]!.seq : stateSeq,
      };
    })();
  }

  async append(docId: string, updates: readonly Uint8Array[]): Promise<number> {
    if (updates.length === 0) throw new Error('append: no updates');
    return this.appendTx(docId, updates);
  }

  private readonly appendTx = (docId: string, updates: readonly Uint8Array[]): number =>
    this.db.transaction(() => {
      let seq = 0;
      for (const update of updates) {
        seq = Number(this.stmts.insertUpdate.run(docId, update).lastInsertRowid);
      }
      return seq;
    })();

  async compact(docId: string, state: Uint8Array, throughSeq: number): Promise<void> {
    this.db.transaction(() => {
      this.stmts.upsertState.run(docId, state, throughSeq, Date.now());
      this.stmts.deleteUpdates.run(docId, throughSeq);
    })();
    this.db.pragma('incremental_vacuum');
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
    getState: db.prepare('SELECT state, state_seq FROM doc_state WHERE doc_id = ?'),
    getUpdates: db.prepare('SELECT seq, data FROM doc_update WHERE doc_id = ? AND seq > ? ORDER BY seq'),
    insertUpdate: db.prepare('INSERT INTO doc_update (doc_id, data) VALUES (?, ?)'),
    upsertState: db.prepare(
      `INSERT INTO doc_state (doc_id, state, state_seq, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (doc_id) DO UPDATE SET state = excluded.state, state_seq = excluded.state_seq,
         updated_at = excluded.updated_at
       WHERE excluded.state_seq >= doc_state.state_seq`,
    ),
    deleteUpdates: db.prepare('DELETE FROM doc_update WHERE doc_id = ? AND seq <= ?'),
  };
}
