import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { Redis } from 'ioredis';

/**
 * Redis for tests: the one at `TEST_REDIS_URL` (default: this machine kind's), shared by every test, each run on
 * channels of its own (`testPrefix`), so runs side by side never hear each other. Under CI=true it must be there;
 * elsewhere, without it, the suites that need it are skipped with a message saying how to run them.
 */
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Null when Redis answers at `url`, else why not. */
export async function redisReachable(url = REDIS_URL): Promise<string | null> {
  const client = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0, connectTimeout: 3000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  } finally {
    client.disconnect();
  }
}

/** Whether the suites that need Redis run here; throws under CI=true when Redis cannot be reached. */
export async function redisAvailable(suite: string): Promise<boolean> {
  const problem = await redisReachable();
  if (problem === null) return true;
  if (process.env.CI) throw new Error(`CI=true and Redis is not reachable at ${REDIS_URL}: ${problem}`);
  console.warn(
    `Skipping ${suite}: Redis is not reachable at ${REDIS_URL} (${problem}). ` +
      'Start Redis (see docs/operations.md) or set TEST_REDIS_URL to run it.',
  );
  return false;
}

/** Channel names of one test run's own. */
export function testPrefix(): string {
  return `quorum-test-${randomBytes(6).toString('hex')}:`;
}

/** One connection for the test itself (CLIENT LIST, CLIENT KILL), closed by the caller. */
export function adminConnection(url = REDIS_URL): Redis {
  return new Redis(url, { maxRetriesPerRequest: 1 });
}

/**
 * Cuts the connections whose name contains `name` (the bus names its connections `quorum:<processId>:pub|sub`),
 * as a network failure or a Redis restart would; returns how many were cut.
 */
export async function killConnections(admin: Redis, name: string): Promise<number> {
  const list = (await admin.client('LIST')) as string;
  let killed = 0;
  for (const line of list.split('\n')) {
    const id = /(?:^| )id=(\d+)/.exec(line)?.[1];
    const connectionName = /(?:^| )name=(\S*)/.exec(line)?.[1] ?? '';
    if (id && connectionName.includes(name)) killed += Number(await admin.client('KILL', 'ID', id));
  }
  return killed;
}

/** The names of the connections open now whose name contains `name`. */
export async function connectionNames(admin: Redis, name: string): Promise<string[]> {
  const list = (await admin.client('LIST')) as string;
  return list
    .split('\n')
    .map((line) => /(?:^| )name=(\S*)/.exec(line)?.[1] ?? '')
    .filter((n) => n.includes(name));
}

/**
 * A Redis server of the test's own on a free port (no persistence), for tests that stop and start Redis: the
 * shared one is left running for everyone else.
 */
export class OwnRedis {
  private proc: ChildProcess | null = null;

  private constructor(readonly port: number) {}

  static async start(): Promise<OwnRedis> {
    const redis = new OwnRedis(await freePort());
    await redis.restart();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async restart(): Promise<void> {
    if (this.proc) return;
    const proc = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    this.proc = proc;
    proc.on('exit', () => {
      if (this.proc === proc) this.proc = null;
    });
    for (const start = Date.now(); (await redisReachable(this.url)) !== null; ) {
      if (Date.now() - start > 10_000) throw new Error(`redis-server did not start on port ${this.port}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Stops it at once, as a crash would (SIGKILL): the connections drop without a goodbye. */
  async stop(): Promise<void> {
    const proc = this.proc;
    if (!proc) return;
    const exited = new Promise((resolve) => proc.on('exit', resolve));
    proc.kill('SIGKILL');
    await exited;
    this.proc = null;
  }
}

/** A TCP port free on 127.0.0.1 now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}
