import { sql, type Kysely } from 'kysely';
import { PostgresStore } from '../storage/postgres.ts';
import { SqliteStore } from '../storage/sqlite.ts';
import type { DocumentStore } from '../storage/store.ts';
import { openDatabase, type Db } from './database.ts';
import { postgresKysely, postgresPool, sqliteKysely } from './kysely.ts';
import { migratePostgres } from './migrations-postgres.ts';
import type { Schema } from './schema.ts';
import { PostgresUnitOfWork, SqliteUnitOfWork, type Deliver, type UnitOfWork } from './uow.ts';

export type Dialect = 'sqlite' | 'postgres';

/**
 * The database an installation runs on: SQLite under DATA_DIR (the embedded default), or PostgreSQL at
 * DATABASE_URL. Everything above this speaks to it through the query layer (`db`), the document store and units of
 * work; only this file and the stores know which engine it is.
 */
export interface Engine {
  dialect: Dialect;
  /** The query layer outside any transaction (reads, and tests that look beneath the API). */
  db: Kysely<Schema>;
  store: DocumentStore;
  /** Units of work whose repositories `repositories` makes on the unit's transaction. */
  unitOfWork<R>(repositories: (db: Kysely<Schema>) => R, deliver: Deliver): UnitOfWork<R>;
  /** After a secret vote closes: see `Services.forgetBallotOrder`. */
  forgetBallotOrder(): Promise<void>;
  /** A consistent copy of the whole database in `file` (SQLite); PostgreSQL says to use pg_dump. */
  backup(file: string): Promise<void>;
  close(): Promise<void>;
}

export type EngineOptions = { dataDir: string; databaseUrl?: undefined } | { databaseUrl: string; dataDir?: undefined };

export async function openEngine(options: EngineOptions): Promise<Engine> {
  return options.databaseUrl !== undefined ? openPostgres(options.databaseUrl) : openSqlite(openDatabase(options.dataDir));
}

/** SQLite on an open connection (which `close` closes). */
export function openSqlite(raw: Db): Engine & { raw: Db } {
  const db = sqliteKysely(raw);
  return {
    dialect: 'sqlite',
    db,
    raw,
    store: SqliteStore.on(raw),
    unitOfWork: (repositories, deliver) => new SqliteUnitOfWork(raw, repositories, db, deliver),
    // The write-ahead log holds each ballot's transaction as frames, the ballot row beside the count it moved:
    // folding the log into the database and emptying it removes that history.
    forgetBallotOrder: async () => void raw.pragma('wal_checkpoint(TRUNCATE)'),
    backup: async (file) => void (await raw.backup(file)),
    close: async () => {
      if (raw.open) raw.close();
    },
  };
}

async function openPostgres(url: string): Promise<Engine> {
  const pool = postgresPool(url);
  try {
    await migratePostgres(pool);
  } catch (err) {
    await pool.end();
    throw err;
  }
  const db = postgresKysely(pool);
  const store = await PostgresStore.on(pool);
  return {
    dialect: 'postgres',
    db,
    store,
    unitOfWork: (repositories, deliver) => new PostgresUnitOfWork(db, repositories, deliver),
    // The closing unit wrote the ballot rows again in key order (`Motions.forgetBallotOrder`); vacuuming drops the
    // row versions they replaced, which kept each ballot's own transaction id and the count at every step (see
    // docs/architecture.md for what the server's write-ahead log still holds).
    forgetBallotOrder: async () => void (await sql`VACUUM ballots, motions`.execute(db)),
    backup: async () => {
      throw new Error('this installation runs on PostgreSQL: back it up with pg_dump (see docs/operations.md)');
    },
    close: async () => {
      // Kysely ends the pool only if it ran a query; the store uses the pool too.
      await db.destroy();
      if (!pool.ended) await pool.end();
    },
  };
}
