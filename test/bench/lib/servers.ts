import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedWriter, type SeedTarget } from '../../helpers/access.ts';
import { createTestDatabase, type TestDatabase } from '../../helpers/postgres.ts';
import type { Database } from './databases.ts';
import { dropDatabase, removeDir, stopChild, trackChild, trackDatabase, trackDir } from './cleanup.ts';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export type ServerKind = 'project' | 'reference';

export interface RunningServer {
  kind: ServerKind;
  /** What was started, for the report. */
  command: string;
  /** The project's server's engine; null for the reference server. */
  database: Database | null;
  /** On PostgreSQL, the database made for this server (dropped by `stop`). */
  databaseUrl: string | null;
  pid: number;
  /** ws://127.0.0.1:<port> */
  origin: string;
  /** http://127.0.0.1:<port> */
  httpOrigin: string;
  /** The websocket URL of one document (room). */
  docUrl(docId: string): string;
  /** Last lines the server printed, for error messages. */
  output(): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Extra node flags, e.g. ['--cpu-prof', '--cpu-prof-dir=…']. */
  nodeFlags?: string[];
  startTimeoutMs?: number;
  /** Documents the benchmark will open: the project's server gets them seeded with a writer's token. */
  docIds?: readonly string[];
  /**
   * The project's server's engine: SQLite in its fresh DATA_DIR (the default), or PostgreSQL in a fresh database
   * made for this start (`DATABASE_URL`) and dropped when it stops.
   */
  database?: Database;
  /**
   * Writes more into the project server's fresh database before it starts (e.g. a meeting and its people); the
   * server starts once the promise has settled.
   */
  seed?: (dataDir: string, target: SeedTarget) => Promise<void> | void;
  /**
   * The project's server as people meet it: serving the built client (build it first: `ensureClientBuilt`), with
   * no account yet, so that the first run's setup can load the demo (the page benchmark).
   */
  asInstalled?: boolean;
}

const URL_PATTERN = /http:\/\/([\d.]+):(\d+)/;
const REFERENCE_READY = /running at '([\d.]+)' on port (\d+)/;

/**
 * Starts the project's server (`server/main.ts` under tsx, fresh DATA_DIR, and on PostgreSQL a fresh database) or
 * the reference `@y/websocket-server` as a child process on a loopback port and resolves once it listens.
 */
export async function startServer(kind: ServerKind, options: StartOptions = {}): Promise<RunningServer> {
  const flags = options.nodeFlags ?? [];
  let child: ChildProcess;
  let command: string;
  let ready: RegExp;
  let dataDir: string | null = null;
  let database: TestDatabase | null = null;
  let path_ = '';
  let query = '';
  const removeData = async () => {
    if (dataDir) removeDir(dataDir);
    if (database) await dropDatabase(database);
  };
  if (kind === 'project') {
    dataDir = trackDir(fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-bench-data-')));
    if (options.database === 'postgres') database = trackDatabase(await createTestDatabase());
    const target: SeedTarget = database ? { databaseUrl: database.url } : {};
    try {
      // Our server admits only signed-in members of a document's meeting; the reference has no such check.
      if (!options.asInstalled) query = `?token=${await seedWriter(dataDir, options.docIds ?? [], target)}`;
      await options.seed?.(dataDir, target);
    } catch (err) {
      // Said before the database is dropped: a pool the failed seed left open dies with it, and may take this
      // process along before the error reaches the report.
      process.stderr.write(`bench: seeding the ${options.database ?? 'sqlite'} database failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      await removeData();
      throw err;
    }
    const args = [...flags, '--import', 'tsx', 'server/main.ts'];
    command = `node ${args.join(' ')}`;
    child = spawn(process.execPath, args, {
      cwd: repoRoot,
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        PORT: '0',
        DATA_DIR: dataDir,
        // Empty selects SQLite (server/config.ts), whatever the bench's own environment says.
        DATABASE_URL: database?.url ?? '',
        LOG_LEVEL: 'warn',
        QUORUM_SKIP_CLIENT_BUILD: options.asInstalled ? '' : '1',
        // The fan-out's readers all connect with the one seeded token: as far as the server can tell, one person
        // with 500 sockets, which the per-person cap (W9) exists to refuse. The benchmark measures relaying.
        MAX_SOCKETS_PER_PERSON: '100000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    ready = URL_PATTERN;
    path_ = '/collab/';
  } else {
    // The reference server prints the port it was given, so it gets a free one picked here.
    const port = await freePort();
    const args = [...flags, 'node_modules/@y/websocket-server/src/server.js'];
    command = `node ${args.join(' ')}`;
    child = spawn(process.execPath, args, {
      cwd: repoRoot,
      env: { ...process.env, HOST: '127.0.0.1', PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    ready = REFERENCE_READY;
    path_ = '/';
  }
  trackChild(child);

  let tail = '';
  const output = () => tail.slice(-4000);
  const stop = async () => {
    await stopChild(child);
    await removeData();
  };

  const origin = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${kind} server did not report listening within ${options.startTimeoutMs ?? 60000} ms:\n${output()}`)),
      options.startTimeoutMs ?? 60_000,
    );
    const onData = (chunk: Buffer) => {
      tail = (tail + chunk.toString()).slice(-20_000);
      const m = ready.exec(tail);
      if (m) {
        clearTimeout(timer);
        const host = m[1]!;
        if (!host.startsWith('127.')) reject(new Error(`${kind} server listens on ${host}, not on loopback`));
        resolve(`ws://${host}:${m[2]}`);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${kind} server exited (${code ?? signal}) before listening:\n${output()}`));
    });
  }).catch(async (err: unknown) => {
    await stop();
    throw err;
  });

  return {
    kind,
    command: database ? `DATABASE_URL=${database.url} ${command}` : command,
    database: kind === 'project' ? (options.database ?? 'sqlite') : null,
    databaseUrl: database?.url ?? null,
    pid: child.pid!,
    origin,
    httpOrigin: origin.replace(/^ws/, 'http'),
    docUrl: (docId) => `${origin}${path_}${encodeURIComponent(docId)}${query}`,
    output,
    stop,
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}
