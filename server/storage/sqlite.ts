import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { DocumentStore, StoredDocument } from './store.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS doc_state (
  doc_id     TEXT PRIMARY KEY,
  state      BLOB NOT NULL,
  state_seq  INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS doc_update (
  seq    INTEGER PRIMARY KEY AUTOINCREMENT,
  doc_id TEXT NOT NULL,
  data   BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS doc_update_by_doc ON doc_update (doc_id, seq);
`;

/**
 * The embedded default: one SQLite file in WAL mode. `synchronous = FULL` makes each committed append survive
 * a power loss, not only a process crash, which is what "written durably before it is broadcast" promises.
 * Sequence numbers come from one AUTOINCREMENT counter shared by all documents: increasing per document, never reused.
 */
export class SqliteStore implements DocumentStore {
  private constructor(
    private readonly db: Database.Database,
    private readonly stmts: ReturnType<typeof prepare>,
  ) {}

  static open(dir: string, fileName = 'quorum.sqlite'): SqliteStore {
    fs.mkdirSync(dir, { recursive: true });
    const db = new Database(path.join(dir, fileName));
    // Compaction deletes most of a document's rows; without this the freed pages would stay in the file for good.
    // Takes effect on a new database only (before the first table is created).
    db.pragma('auto_vacuum = INCREMENTAL');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    db.exec(SCHEMA);
    return new SqliteStore(db, prepare(db));
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
    if (this.db.open) this.db.close();
  }
}

function prepare(db: Database.Database) {
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
