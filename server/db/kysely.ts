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
  // A command waits at most this long for a connection while the database is away, then fails with 503
  // `database_unavailable` (see `databaseUnavailable`) instead of hanging for as long as the outage lasts.
  const pool = new pg.Pool({ connectionString: url, max, types, connectionTimeoutMillis: 5_000 });
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

/** Error codes of a database that cannot be reached or is going away, as opposed to a statement that failed. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN']);
/**
 * PostgreSQL's: shutting down, starting up, too many connections, the database gone. Class 08 (connection
 * exceptions) also counts.
 */
const GOING_AWAY = new Set(['57P01', '57P02', '57P03', '53300', '3D000']);

/**
 * Whether `err` says the database is out of reach (a restart, a failover, the network) rather than that a statement
 * was wrong: such a command is answered 503 `database_unavailable`, to be tried again, and nothing was committed.
 */
export function databaseUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && (UNREACHABLE.has(code) || GOING_AWAY.has(code) || code.startsWith('08'))) return true;
  // pg's own words for a connection that ended under a query or never came.
  return /^Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/.test(err.message);
}
