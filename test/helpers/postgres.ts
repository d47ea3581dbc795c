import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * PostgreSQL for tests: a fresh database per test file (`quorum_test_<random>`), created on the server at
 * `TEST_POSTGRES_URL` (default: this machine kind's, trust auth as `postgres`) and dropped afterwards; the
 * databases already there are never touched. Under CI=true PostgreSQL must be there; elsewhere, without it, the
 * PostgreSQL suites are skipped with a message saying how to run them.
 */
export const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Null when PostgreSQL answers at ADMIN_URL, else why not. */
export async function reachable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Whether the PostgreSQL suites run here; throws under CI=true when PostgreSQL cannot be reached. */
export async function postgresAvailable(suite: string): Promise<boolean> {
  const problem = await reachable();
  if (problem === null) return true;
  if (process.env.CI) throw new Error(`CI=true and PostgreSQL is not reachable at ${ADMIN_URL}: ${problem}`);
  console.warn(
    `Skipping ${suite} on PostgreSQL: not reachable at ${ADMIN_URL} (${problem}). ` +
      'Start PostgreSQL (see docs/operations.md) or set TEST_POSTGRES_URL to run it.',
  );
  return false;
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh database on the server at `adminUrl` (default: `TEST_POSTGRES_URL`'s). */
export async function createTestDatabase(adminUrl = ADMIN_URL): Promise<TestDatabase> {
  const name = `quorum_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
