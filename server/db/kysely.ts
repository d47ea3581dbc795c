import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Db } from './database.ts';
import type { Schema } from './schema.ts';

/**
 * The query layer on the embedded database: Kysely's SQLite dialect over the installation's one better-sqlite3
 * connection, whose `prepare` keeps each distinct statement compiled (`database.ts`), so a query Kysely builds
 * again is not compiled again.
 */
export function sqliteKysely(db: Db): Kysely<Schema> {
  return new Kysely<Schema>({ dialect: new SqliteDialect({ database: db }) });
}

/** PostgreSQL's 64-bit integers (sequence numbers, millisecond times) as numbers: all of ours fit in 2^53. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 && format !== 'binary' ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/** A pool on `url` that reads 64-bit integers as numbers. */
export function postgresPool(url: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, types });
  // An idle connection that PostgreSQL ended (a restart, a failover, an administrator's terminate) is reported as
  // an error on the pool, and an error nobody listens to ends the process: every server would stop with its
  // database. The pool has already dropped that connection and opens a new one for the next query; the queries
  // made while the database is away fail by themselves, and /healthz says `database_unavailable`.
  pool.on('error', () => {});
  return pool;
}

export function postgresKysely(pool: pg.Pool): Kysely<Schema> {
  return new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
}
