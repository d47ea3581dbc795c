import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seedWriter } from '../../helpers/access.ts';
import { createTestDatabase, type TestDatabase } from '../../helpers/postgres.ts';
import { REDIS_URL, testPrefix } from '../../helpers/redis.ts';
import { dropDatabase, removeDir, stopChild, trackChild, trackDatabase, trackDir } from './cleanup.ts';
import { repoRoot } from './servers.ts';

/**
 * One installation of the project's server as an operator runs several processes of it (docs/operations.md,
 * "Several processes"): N real `server/launch.js main` processes on their own loopback ports, one fresh PostgreSQL
 * database (`DATABASE_URL`) made for this start and dropped by `stop`, the local Redis (`REDIS_URL`) on a prefix
 * of their own (`REDIS_PREFIX`), and one shared DATA_DIR for the audit key — as test/helpers/cluster.ts does, but
 * registered with the bench's cleanup so that a failure or Ctrl-C leaves nothing behind.
 */
export interface BenchCluster {
  pids: number[];
  databaseUrl: string;
  redisUrl: string;
  prefix: string;
  /** The websocket URL of a document on process `i`, with the seeded writer's token. */
  docUrl(i: number, docId: string): string;
  command: string;
  stop(): Promise<void>;
}

let compiled: Promise<void> | null = null;

/** `server/launch.js build` once, so that N processes starting together do not each compile. */
function compileOnce(): Promise<void> {
  compiled ??= new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['server/launch.js', 'build'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
    proc.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the server did not compile:\n${err}`))));
  });
  return compiled;
}

function startOne(env: Record<string, string>, children: ChildProcess[]): Promise<{ child: ChildProcess; origin: string }> {
  const child = trackChild(
    spawn(process.execPath, ['server/launch.js', 'main'], {
      cwd: repoRoot,
      env: { ...process.env, QUORUM_SKIP_CLIENT_BUILD: '1', LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  children.push(child);
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`a server process did not start within 60 s:\n${out.slice(-4000)}`)), 60_000);
    const onData = (d: Buffer) => {
      out = (out + d.toString()).slice(-20_000);
      const m = /http:\/\/(127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, origin: `ws://${m[1]}` });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`a server process exited (${code ?? signal}) before listening:\n${out.slice(-4000)}`));
    });
  });
}

export async function startBenchCluster(processes: number, docIds: readonly string[], extraEnv: Record<string, string> = {}): Promise<BenchCluster> {
  await compileOnce();
  const database: TestDatabase = trackDatabase(await createTestDatabase());
  const dataDir = trackDir(fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-bench-cluster-')));
  const prefix = testPrefix().replace('quorum-test-', 'quorum-bench-');
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(children.map((c) => stopChild(c, 10_000)));
    removeDir(dataDir);
    await dropDatabase(database);
  };
  try {
    const token = await seedWriter(dataDir, docIds, { databaseUrl: database.url });
    const env = {
      DATA_DIR: dataDir,
      DATABASE_URL: database.url,
      REDIS_URL,
      REDIS_PREFIX: prefix,
      // Every editor and reader connects with the one seeded token: one person with hundreds of sockets, which
      // the per-person cap (W9) exists to refuse. The benchmark measures relaying.
      MAX_SOCKETS_PER_PERSON: '100000',
      ...extraEnv,
    };
    // The first alone: it makes the tables and the audit key.
    const first = await startOne(env, children);
    const rest = await Promise.all(Array.from({ length: processes - 1 }, () => startOne(env, children)));
    const origins = [first.origin, ...rest.map((r) => r.origin)];
    return {
      pids: children.map((c) => c.pid!),
      databaseUrl: database.url,
      redisUrl: REDIS_URL,
      prefix,
      docUrl: (i, docId) => `${origins[i % origins.length]}/collab/${encodeURIComponent(docId)}?token=${token}`,
      command: `${processes} × ${Object.entries(extraEnv).map(([k, v]) => `${k}=${v} `).join('')}DATABASE_URL=… REDIS_URL=${REDIS_URL} REDIS_PREFIX=${prefix} node server/launch.js main`,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
