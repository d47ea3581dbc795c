import pg from 'pg';
import * as Y from 'yjs';
import { postgresPool } from '../db/kysely.ts';
import { migratePostgres } from '../db/migrations-postgres.ts';
import type { Compaction, DocumentStore, StoredDocument } from './store.ts';

/**
 * Document storage on PostgreSQL, for installations that run several server processes (`DATABASE_URL`). The same
 * contract as SQLite's (`contract.ts`), under READ COMMITTED and several connections:
 * - `append` inserts a batch in one statement; `bigserial` numbers increase in commit order only roughly (a lower
 *   number can commit after a higher one), which is why nothing here reads "every row up to a number".
 * - `load` reads the state and the rows in one REPEATABLE READ snapshot, so a compaction committing in between
 *   cannot make it see a row twice or miss one.
 * - `compact` runs one at a time per document (a transaction-level advisory lock on the document id), reads the
 *   stored state, merges with it when it moved since the caller's base, and deletes exactly the rows it names.
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
    return this.transaction('REPEATABLE READ', async (client) => {
      const state = await client.query<{ state: Buffer; version: number }>({
        name: 'doc-load-state',
        text: 'SELECT state, version FROM doc_state WHERE doc_id = $1',
        values: [docId],
      });
      const rows = await client.query<{ seq: string; data: Buffer }>({
        name: 'doc-load-updates',
        text: 'SELECT seq, data FROM doc_update WHERE doc_id = $1 ORDER BY seq',
        values: [docId],
      });
      const row = state.rows[0];
      return {
        state: row ? new Uint8Array(row.state) : null,
        stateVersion: row?.version ?? 0,
        updates: rows.rows.map((r) => new Uint8Array(r.data)),
        seqs: rows.rows.map((r) => Number(r.seq)),
      };
    });
  }

  async append(docId: string, updates: readonly Uint8Array[]): Promise<number[]> {
    if (updates.length === 0) throw new Error('append: no updates');
    // One statement is one transaction: the batch is stored whole or not at all, numbered in its order.
    const result = await this.pool.query<{ seq: string }>({
      name: 'doc-append',
      text: `INSERT INTO doc_update (doc_id, data)
             SELECT $1, u.data FROM unnest($2::bytea[]) WITH ORDINALITY AS u(data, i) ORDER BY u.i
             RETURNING seq`,
      values: [docId, updates.map((u) => Buffer.from(u.buffer, u.byteOffset, u.byteLength))],
    });
    return result.rows.map((r) => Number(r.seq)).sort((a, b) => a - b);
  }

  async compact(docId: string, { state, merged, baseVersion }: Compaction): Promise<number> {
    return this.transaction('READ COMMITTED', async (client) => {
      await client.query({ name: 'doc-compact-lock', text: 'SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', values: [docId] });
      const stored = (
        await client.query<{ state: Buffer; version: number }>({
          name: 'doc-compact-state',
          text: 'SELECT state, version FROM doc_state WHERE doc_id = $1',
          values: [docId],
        })
      ).rows[0];
      const current = stored?.version ?? 0;
      // Someone else replaced the state since this copy's base: keep what theirs covers too.
      const next = stored && current !== baseVersion ? Y.mergeUpdates([new Uint8Array(stored.state), state]) : state;
      await client.query({
        name: 'doc-compact-upsert',
        text: `INSERT INTO doc_state (doc_id, state, version, updated_at) VALUES ($1, $2, $3, $4)
               ON CONFLICT (doc_id) DO UPDATE SET state = excluded.state, version = excluded.version,
                 updated_at = excluded.updated_at`,
        values: [docId, Buffer.from(next.buffer, next.byteOffset, next.byteLength), current + 1, Date.now()],
      });
      if (merged.length > 0) {
        await client.query({
          name: 'doc-compact-delete',
          text: 'DELETE FROM doc_update WHERE doc_id = $1 AND seq = ANY($2::bigint[])',
          values: [docId, merged.map(String)],
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
