import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach } from 'vitest';
import { ROOT } from '../../server/build-client.ts';
import { createTestDatabase, type TestDatabase } from './postgres.ts';
import { REDIS_URL, testPrefix } from './redis.ts';
import { spawnServer, type ServerProcess } from './server-process.ts';

/**
 * Several real server processes of one installation, as an operator runs them: each its own `npm start` on its own
 * port, all on one fresh PostgreSQL database and one Redis (the shared local one, on channels of this cluster's own,
 * or one the test started), sharing one data directory for the audit key.
 */
export interface Cluster {
  /** The running processes, in the order started (a stopped or killed one stays in the list). */
  processes: ServerProcess[];
  /** Their URLs, in the same order. */
  readonly urls: string[];
  databaseUrl: string;
  dataDir: string;
  /** The Redis the processes share, and their channels' prefix on it. */
  redisUrl: string;
  prefix: string;
  /** Starts one more process of the installation. */
  spawn(env?: Record<string, string>): Promise<ServerProcess>;
  /** A query on the installation's database (for checks beneath the API). */
  query<R extends pg.QueryResultRow = Record<string, unknown>>(text: string, values?: unknown[]): Promise<R[]>;
  /** Drops the database under the running processes (their connections cut), as if it were lost. */
  dropDatabase(): Promise<void>;
  /** Stops every process (SIGTERM, then SIGKILL for one that does not end in time), drops the database. */
  stop(): Promise<void>;
}

export interface ClusterOptions {
  processes?: number;
  /** Environment for every process (LOG_LEVEL, limits…). */
  env?: Record<string, string>;
  /** Another Redis than the shared local one (a test's own, to stop and start). */
  redisUrl?: string;
  /** Another PostgreSQL server than `TEST_POSTGRES_URL`'s to make the database on (a test's own, to stop and start). */
  postgresUrl?: string;
}

/** Compiled once per test file, before the processes start, rather than by each of them at once. */
let compiled: Promise<void> | null = null;
function compileOnce(): Promise<void> {
  compiled ??= new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [path.join(ROOT, 'server/launch.js'), 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
    proc.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the server did not compile:\n${err}`))));
  });
  return compiled;
}

export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  await compileOnce();
  const database: TestDatabase = await createTestDatabase(options.postgresUrl);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-cluster-'));
  const prefix = testPrefix();
  const redisUrl = options.redisUrl ?? REDIS_URL;
  const processes: ServerProcess[] = [];
  const baseEnv = {
    PORT: '0',
    DATA_DIR: dataDir,
    DATABASE_URL: database.url,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: prefix,
    ...options.env,
  };
  const spawnOne = async (env: Record<string, string> = {}) => {
    const proc = await spawnServer({ ...baseEnv, ...env }, 60_000);
    processes.push(proc);
    return proc;
  };
  const stop = async () => {
    await Promise.all(processes.map((p) => stopProcess(p)));
    await database.drop().catch(() => {});
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    // The first alone: it makes the tables (the others would wait on its lock anyway) and the audit key.
    await spawnOne();
    await Promise.all(Array.from({ length: (options.processes ?? 3) - 1 }, () => spawnOne()));
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    processes,
    get urls() {
      return processes.map((p) => p.url);
    },
    databaseUrl: database.url,
    dataDir,
    redisUrl,
    prefix,
    spawn: spawnOne,
    async query(text, values) {
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        return (await client.query(text, values)).rows;
      } finally {
        await client.end();
      }
    },
    dropDatabase: () => database.drop(),
    stop,
  };
}

/** SIGTERM, as an operator stops a process; SIGKILL if it has not ended after `graceMs`. */
export async function stopProcess(p: ServerProcess, graceMs = 10_000): Promise<void> {
  if (p.proc.exitCode !== null || p.proc.signalCode !== null) return;
  p.proc.kill('SIGTERM');
  const timer = setTimeout(() => p.proc.kill('SIGKILL'), graceMs);
  await p.exited;
  clearTimeout(timer);
}

/** `startCluster`, each cluster stopped after the test that made it. Call once at the top of a test file. */
export function clustersForEachTest(): (options?: ClusterOptions) => Promise<Cluster> {
  let running: Cluster[] = [];
  afterEach(async () => {
    await Promise.all(running.map((c) => c.stop()));
    running = [];
  });
  return async (options) => {
    const cluster = await startCluster(options);
    running.push(cluster);
    return cluster;
  };
}
