import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openEngine, type Dialect, type Engine } from '../../server/db/engine.ts';
import { createTestDatabase, postgresAvailable, type TestDatabase } from './postgres.ts';

/**
 * The engines a suite runs on: SQLite always; PostgreSQL under CI=true (where it must be reachable) or wherever
 * it is reachable, else skipped with a message saying how to enable it (`postgres.ts`).
 *
 *     describe.each(await testEngines('the repository contract'))('$name', (kind) => { … kind.open() … });
 *     afterAll(disposeEngines);
 */
export interface EngineKind {
  name: 'SQLite' | 'PostgreSQL';
  dialect: Dialect;
  /** A new engine on an empty database (every table emptied); close it when done. */
  open(): Promise<Engine>;
  /** Where a server would be pointed to use the same database (`DATA_DIR` or `DATABASE_URL`). */
  location(): Promise<{ dataDir: string } | { databaseUrl: string }>;
}

const toDispose: (() => Promise<void>)[] = [];

export async function testEngines(suite: string): Promise<EngineKind[]> {
  const kinds: EngineKind[] = [sqliteKind()];
  if (await postgresAvailable(suite)) kinds.push(postgresKind());
  return kinds;
}

/** Drops the PostgreSQL databases and removes the SQLite directories the suite made. */
export async function disposeEngines(): Promise<void> {
  for (const dispose of toDispose.splice(0)) await dispose();
}

function sqliteKind(): EngineKind {
  const location = async () => {
    const dataDir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'quorum-engine-'));
    toDispose.push(() => fs.promises.rm(dataDir, { recursive: true, force: true }));
    return { dataDir };
  };
  return {
    name: 'SQLite',
    dialect: 'sqlite',
    location,
    open: async () => openEngine(await location()),
  };
}

function postgresKind(): EngineKind {
  let database: Promise<TestDatabase> | null = null;
  const shared = () => {
    if (!database) {
      database = createTestDatabase();
      const made = database;
      toDispose.push(async () => (await made).drop());
    }
    return database;
  };
  return {
    name: 'PostgreSQL',
    dialect: 'postgres',
    location: async () => {
      const own = await createTestDatabase();
      toDispose.push(() => own.drop());
      return { databaseUrl: own.url };
    },
    open: async () => {
      const engine = await openEngine({ databaseUrl: (await shared()).url });
      const tables = await sql<{ name: string }>`
        SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_name <> 'schema_version'`.execute(engine.db);
      if (tables.rows.length > 0) {
        await sql`TRUNCATE ${sql.join(tables.rows.map((t) => sql.table(t.name)))} RESTART IDENTITY CASCADE`.execute(engine.db);
      }
      return engine;
    },
  };
}
