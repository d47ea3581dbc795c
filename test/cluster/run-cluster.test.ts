import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from '../../server/build-client.ts';
import { ADMIN_URL } from '../helpers/postgres.ts';
import { REDIS_URL, testPrefix } from '../helpers/redis.ts';

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const f of cleanup.reverse()) await f();
  cleanup = [];
});

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A port with the next `count - 1` free too. */
async function consecutiveFreePorts(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 30_000);
    let free = true;
    for (let i = 0; i < count && free; i++) free = await portFree(base + i);
    if (free) return base;
  }
  throw new Error('no free ports');
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe('npm run cluster', () => {
  it('[C20] starts N processes on consecutive ports against one database (made if missing) and Redis, prints them, and stops them all on Ctrl-C', async () => {
    const name = `quorum_test_${randomBytes(6).toString('hex')}`;
    const databaseUrl = Object.assign(new URL(ADMIN_URL), { pathname: `/${name}` }).toString();
    cleanup.push(() => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => {}));
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-run-cluster-'));
    cleanup.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
    const port = await consecutiveFreePorts(2);

    const runner = spawn(process.execPath, [path.join(ROOT, 'server/launch.js'), 'cluster', '--processes', '2', '--port', String(port)], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        REDIS_URL,
        REDIS_PREFIX: testPrefix(),
        DATA_DIR: dataDir,
        QUORUM_SKIP_CLIENT_BUILD: '1',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, as a terminal gives a command: Ctrl-C signals the whole group.
      detached: true,
    });
    let out = '';
    runner.stdout.on('data', (d: Buffer) => (out += d.toString()));
    runner.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => runner.on('exit', (code) => resolve(code)));
    cleanup.push(async () => {
      if (runner.exitCode === null) runner.kill('SIGKILL');
      await exited;
    });

    await expect.poll(() => out, { timeout: 60_000, interval: 100 }).toContain('Ctrl-C stops them all');
    expect(out).toContain(`Created the database ${name}.`);
    expect(out).toContain('Quorum is running as 2 processes of one installation');
    const urls = [`http://127.0.0.1:${port}`, `http://127.0.0.1:${port + 1}`];
    for (const url of urls) {
      expect(out).toContain(`  ${url}\n`);
      const res = await fetch(`${url}/healthz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: 'ok', database: 'ok', redis: 'ok' });
    }

    // Ctrl-C: each process persists and stops once (a second signal would make it exit without waiting, and the
    // runner exit 1).
    process.kill(-runner.pid!, 'SIGINT');
    expect(await exited).toBe(0);
    expect(out).not.toContain('again');
    for (const url of urls) await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    for (let i = 0; i < 2; i++) expect(await portFree(port + i)).toBe(true);
  });
});
