import pg from 'pg';
import * as Y from 'yjs';
import { postgresPool } from '../db/kysely.ts';
import { migratePostgres } from '../db/migrations-postgres.ts';
import { highestOf, type AppendOptions, type AppendResult, type Compaction, type DocumentStore, type StoredDocument, type StoredLock } from './store.ts';

/**
 * Document storage on PostgreSQL, for installations that run several server processes (`DATABASE_URL`). The same
 * contract as SQLite's (`contract.ts`), under READ COMMITTED and several connections:
 * - `append` is one statement: it bumps the document's head row (which holds it until the commit, so appends to one
 *   document take turns and their numbers are gap-free and commit in order), unless the document is locked, and
 *   inserts the batch under the numbers it took.
 * - `load` and `since` read the head, the state and the rows in one REPEATABLE READ snapshot, so a compaction
 *   committing in between cannot make them see a row twice or miss one.
 * - `compact` holds the head row too: compactions of a document take turns with each other, with appends, and
 *   with a freeze (server/documents/heads-repo.ts) reading the stored state; it merges with the stored state when
 *   that moved since the caller's base, and deletes exactly the rows it names.
 */
export class PostgresStore implements DocumentStore {
  private constructor(
    private readonly pool: pg.Pool,
    private readonly ownsPool: boolean,
  ) {}

  /** A store with its own pool on `url`; the schema is made (or brought up to date) first. */
  static async connect(url: string): Promise<PostgresStore> {
    const pool = postgresPool(url);
    try {
      await migratePostgres(pool);
    } catch (err) {
      await pool.end();
      throw err;
    }
    return new PostgresStore(pool, true);
  }

  /** The store on a pool someone else ends. */
  static async on(pool: pg.Pool): Promise<PostgresStore> {
    await migratePostgres(pool);
    return new PostgresStore(pool, false);
  }

  async load(docId: string): Promise<StoredDocument> {
    return this.read(docId, 0, true);
  }

  async since(docId: string, after: number): Promise<StoredDocument> {
    return this.read(docId, after, false);
  }

  /** The state (always, or only when it folded rows after `after`) and the rows after `after`, in one snapshot. */
  private read(docId: string, after: number, withState: boolean): Promise<StoredDocument> {
    return this.transaction('REPEATABLE READ', async (client) => {
      const head = await client.query<{ seq: string }>({
        name: 'doc-read-head',
        text: 'SELECT seq FROM doc_head WHERE doc_id = $1',
        values: [docId],
      });
      const state = await client.query<{ state: Buffer; version: number; through_seq: string }>({
        name: 'doc-read-state',
        text: 'SELECT state, version, through_seq FROM doc_state WHERE doc_id = $1',
        values: [docId],
      });
      const rows = await client.query<{ doc_seq: string; data: Buffer }>({
        name: 'doc-read-updates',
        text: 'SELECT doc_seq, data FROM doc_update WHERE doc_id = $1 AND doc_seq > $2 ORDER BY doc_seq',
        values: [docId, after],
      });
      const row = state.rows[0];
      return {
        state: row && (withState || Number(row.through_seq) > after) ? new Uint8Array(row.state) : null,
        stateVersion: row?.version ?? 0,
        updates: rows.rows.map((r) => new Uint8Array(r.data)),
        seqs: rows.rows.map((r) => Number(r.doc_seq)),
        head: Number(head.rows[0]?.seq ?? 0),
      };
    });
  }

  async append(docId: string, updates: readonly Uint8Array[], options: AppendOptions = {}): Promise<AppendResult> {
    if (updates.length === 0) throw new Error('append: no updates');
    // One statement, one transaction, one round trip: the head row is bumped (and held until the commit, so appends
    // to one document take turns and their numbers commit in order) unless the document is locked, and the batch
    // is inserted under the numbers it took; a locked document's head returns nothing, and nothing is inserted.
    const result = await this.pool.query<{ seq: string }>({
      name: 'doc-append',
      text: `WITH head AS (
               INSERT INTO doc_head AS h (doc_id, seq) VALUES ($1, $3)
               ON CONFLICT (doc_id) DO UPDATE SET seq = h.seq + excluded.seq WHERE h.lock IS NULL OR $4
               RETURNING seq
             ), rows AS (
               INSERT INTO doc_update (doc_id, doc_seq, data)
               SELECT $1, head.seq - $3 + u.i, u.data FROM head, unnest($2::bytea[]) WITH ORDINALITY AS u(data, i)
             )
             SELECT seq FROM head`,
      values: [docId, updates.map((u) => Buffer.from(u.buffer, u.byteOffset, u.byteLength)), updates.length, options.server === true],
    });
    const to = result.rows[0]?.seq;
    if (to !== undefined) return { stored: true, from: Number(to) - updates.length + 1, to: Number(to) };
    const lock = await this.pool.query<{ lock: StoredLock | null }>({
      name: 'doc-append-lock',
      text: 'SELECT lock FROM doc_head WHERE doc_id = $1',
      values: [docId],
    });
    return { stored: false, lock: lock.rows[0]?.lock ?? 'hold' };
  }

  async compact(docId: string, { state, merged, baseVersion }: Compaction): Promise<number> {
    return this.transaction('READ COMMITTED', async (client) => {
      // The head row, as an append or a freeze takes it: compactions of a document take turns, and a freeze reading
      // the stored state never sees a compaction half done.
      await client.query({
        name: 'doc-compact-lock',
        text: `INSERT INTO doc_head AS h (doc_id, seq) VALUES ($1, 0)
               ON CONFLICT (doc_id) DO UPDATE SET seq = h.seq`,
        values: [docId],
      });
      const stored = (
        await client.query<{ state: Buffer; version: number; through_seq: string }>({
          name: 'doc-compact-state',
          text: 'SELECT state, version, through_seq FROM doc_state WHERE doc_id = $1',
          values: [docId],
        })
      ).rows[0];
      const current = stored?.version ?? 0;
      // Someone else replaced the state since this copy's base: keep what theirs covers too.
      const next = stored && current !== baseVersion ? Y.mergeUpdates([new Uint8Array(stored.state), state]) : state;
      const through = Math.max(Number(stored?.through_seq ?? 0), highestOf(merged));
      await client.query({
        name: 'doc-compact-upsert',
        text: `INSERT INTO doc_state (doc_id, state, version, updated_at, through_seq) VALUES ($1, $2, $3, $4, $5)
               ON CONFLICT (doc_id) DO UPDATE SET state = excluded.state, version = excluded.version,
                 updated_at = excluded.updated_at, through_seq = excluded.through_seq`,
        values: [docId, Buffer.from(next.buffer, next.byteOffset, next.byteLength), current + 1, Date.now(), through],
      });
      if (merged.length > 0) {
        await client.query({
          name: 'doc-compact-delete',
          text: `DELETE FROM doc_update d USING unnest($2::bigint[], $3::bigint[]) AS r(a, b)
                 WHERE d.doc_id = $1 AND d.doc_seq BETWEEN r.a AND r.b`,
          values: [docId, merged.map(([a]) => a), merged.map(([, b]) => b)],
        });
      }
      return current + 1;
    });
  }

  private closed = false;

  async close(): Promise<void> {
    if (!this.ownsPool || this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  private async transaction<T>(isolation: 'READ COMMITTED' | 'REPEATABLE READ', work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query(`BEGIN ISOLATION LEVEL ${isolation}`);
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }
}
