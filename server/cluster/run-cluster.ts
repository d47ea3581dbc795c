import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { ensureClientBuilt, ROOT } from '../build-client.ts';
import { redactedUrl } from './redis-bus.ts';

/**
 * `npm run cluster [-- --processes N --port P]`: one installation of N server processes on this machine, on ports
 * P, P+1, … against one PostgreSQL database and one Redis, for trying several processes out (behind a proxy, or
 * each at its own port). Each process is `npm start` as an operator would run it; this only starts them together,
 * prints where they are, and stops them all on Ctrl-C.
 */

const DEFAULT_DATABASE_URL = 'postgres://127.0.0.1/quorum_cluster';
const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
const MAX_PROCESSES = 16;

interface Member {
  n: number;
  port: number;
  proc: ChildProcess;
  url: Promise<string>;
  /** The exit code, or null when a signal ended it. */
  exited: Promise<number | null>;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { processes: { type: 'string', default: '3' }, port: { type: 'string', default: '8080' } },
    strict: true,
  });
  const processes = Number(values.processes);
  const basePort = Number(values.port);
  if (!Number.isInteger(processes) || processes < 1 || processes > MAX_PROCESSES) {
    throw new Error(`--processes must be a whole number from 1 to ${MAX_PROCESSES}`);
  }
  if (!Number.isInteger(basePort) || basePort < 1 || basePort + processes - 1 > 65535) {
    throw new Error('--port must leave room for every process below 65536');
  }
  const databaseUrl = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const redisUrl = process.env.REDIS_URL || DEFAULT_REDIS_URL;
  // One directory for all: the audit key made by the first process is the one every process signs with.
  const dataDir = path.resolve(process.env.DATA_DIR || 'data-cluster');

  await createDatabaseIfMissing(databaseUrl);
  // Once here, rather than by every process at once.
  const clientDir = process.env.QUORUM_SKIP_CLIENT_BUILD ? null : await ensureClientBuilt((m) => console.log(m));

  const members: Member[] = [];
  let stopping = false;
  /** Resolves true when every process ended cleanly (exit 0). */
  const stopAll = async (signal: NodeJS.Signals) => {
    for (const m of members) if (m.proc.exitCode === null && m.proc.signalCode === null) m.proc.kill(signal);
    return (await Promise.all(members.map((m) => m.exited))).every((code) => code === 0);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      console.error(`${signal} again: killing the processes without waiting.`);
      void stopAll('SIGKILL').then(() => process.exit(1));
      return;
    }
    stopping = true;
    const running = members.filter((m) => m.proc.exitCode === null && m.proc.signalCode === null).length;
    console.log(`Stopping ${running} processes (each persists its documents and hands its clients back)…`);
    void stopAll('SIGTERM').then((clean) => process.exit(clean ? 0 : 1));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // However this runner ends (an error, process.exit), it does not leave its processes behind.
  process.on('exit', () => {
    for (const m of members) if (m.proc.exitCode === null && m.proc.signalCode === null) m.proc.kill('SIGTERM');
  });

  for (let n = 1; n <= processes; n++) {
    members.push(
      startMember(n, basePort + n - 1, {
        DATABASE_URL: databaseUrl,
        REDIS_URL: redisUrl,
        DATA_DIR: dataDir,
        // The client is built; the processes serve it as it is.
        ...(clientDir ? {} : { QUORUM_SKIP_CLIENT_BUILD: '1' }),
      }),
    );
  }
  let urls: string[];
  try {
    urls = await Promise.all(members.map((m) => m.url));
  } catch (err) {
    stopping = true;
    await stopAll('SIGTERM');
    throw err;
  }
  console.log(`\nQuorum is running as ${processes} processes of one installation:`);
  for (const url of urls) console.log(`  ${url}`);
  console.log(`on ${redactedUrl(databaseUrl)} and ${redactedUrl(redisUrl)}; data directory ${dataDir}.`);
  console.log('Put them behind one address with a reverse proxy (docs/operations.md, "Several processes"). Ctrl-C stops them all.');
  for (const m of members) {
    void m.exited.then(() => {
      if (!stopping) console.error(`[${m.n}] process on port ${m.port} ended; the others keep running.`);
    });
  }
}

/** One process, as `npm start`, its output lines marked with its number. */
function startMember(n: number, port: number, env: Record<string, string>): Member {
  const proc = spawn(process.execPath, [path.join(ROOT, 'server/launch.js'), 'main'], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
    // A group of its own: Ctrl-C in the terminal reaches only this runner, which stops each process once. Had they
    // heard it too, the runner's SIGTERM would be their second signal, which exits without persisting.
    detached: true,
  });
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const url = new Promise<string>((resolve, reject) => {
    const lines = (stream: NodeJS.ReadableStream, write: (line: string) => void) => {
      let rest = '';
      stream.on('data', (chunk: Buffer) => {
        const text = rest + chunk.toString();
        const parts = text.split('\n');
        rest = parts.pop() ?? '';
        for (const line of parts) {
          write(`[${n}] ${line}`);
          const started = /^Quorum is running at (\S+)/.exec(line);
          if (started) resolve(started[1]!);
        }
      });
    };
    lines(proc.stdout!, (line) => console.log(line));
    lines(proc.stderr!, (line) => console.error(line));
    void exited.then(() => reject(new Error(`process ${n} (port ${port}) ended before it started; see its output above`)));
  });
  // Rejections are handled where the URLs are awaited.
  url.catch(() => {});
  return { n, port, proc, url, exited };
}

/** Makes the database named in `url` on its server when it is not there yet. */
async function createDatabaseIfMissing(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`DATABASE_URL names the database “${name}”: use letters, digits and _`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (err) {
    throw new Error(`PostgreSQL is not reachable at ${redactedUrl(admin.toString())}: ${(err as Error).message}`);
  }
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE "${name}"`);
      console.log(`Created the database ${name}.`);
    }
  } finally {
    await client.end();
  }
}


main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
