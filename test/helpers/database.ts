import { createTestDatabase, type TestDatabase } from './postgres.ts';

/**
 * Which engine the integration suite runs on. `npm test` runs it on SQLite, and under CI=true (or wherever
 * PostgreSQL is reachable) a second time on PostgreSQL (vite.config.ts, project `postgres`), where each data
 * directory a test makes gets a PostgreSQL database of its own: a server restarted on the same directory finds the
 * same database, as it would find the same SQLite file.
 */
export const TEST_ENGINE: 'sqlite' | 'postgres' = process.env.QUORUM_TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite';

const databases = new Map<string, Promise<TestDatabase>>();

/** The configuration that puts a server (or the command line) on `dataDir`'s database: DATA_DIR, and DATABASE_URL on PostgreSQL. */
export async function databaseFor(dataDir: string): Promise<{ DATA_DIR: string; DATABASE_URL?: string }> {
  if (TEST_ENGINE === 'sqlite') return { DATA_DIR: dataDir };
  let database = databases.get(dataDir);
  if (!database) {
    database = createTestDatabase();
    databases.set(dataDir, database);
  }
  return { DATA_DIR: dataDir, DATABASE_URL: (await database).url };
}

/**
 * The same, as the engine options `openEngine` takes. A caller that made its own database (the benchmark, which
 * puts one server on SQLite and the next on PostgreSQL in the same run) passes its URL and gets exactly that one,
 * whatever engine the suite runs on.
 */
export async function engineAt(dataDir: string, databaseUrl?: string): Promise<{ dataDir: string } | { databaseUrl: string }> {
  if (databaseUrl !== undefined) return { databaseUrl };
  const { DATABASE_URL } = await databaseFor(dataDir);
  return DATABASE_URL ? { databaseUrl: DATABASE_URL } : { dataDir };
}

/** Drops every database this test file made (a setup file calls it after each file). */
export async function dropTestDatabases(): Promise<void> {
  const made = [...databases.values()];
  databases.clear();
  for (const database of made) await (await database).drop().catch(() => {});
}
