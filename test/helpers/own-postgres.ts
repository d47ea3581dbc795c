import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './redis.ts';

const run = promisify(execFile);

/** The newest PostgreSQL server programs installed (Debian's layout), or `PG_BIN`'s; null when there are none. */
function serverBin(): string | null {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return null;
  const versions = fs
    .readdirSync(root)
    .filter((v) => fs.existsSync(path.join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], 'bin') : null;
}

/**
 * A PostgreSQL server of the test's own (its own data directory, a free port, trust auth as `postgres`), for tests
 * that stop and start the database under running servers: the machine's shared one is never touched. Run as the
 * `postgres` user when the tests run as root (PostgreSQL refuses root), as the caller otherwise.
 *
 * `start()` is null, with a message, when no PostgreSQL is installed here; under CI=true it throws instead.
 */
export class OwnPostgres {
  private running = false;

  private constructor(
    private readonly bin: string,
    private readonly dir: string,
    readonly port: number,
    private readonly asUser: string | null,
  ) {}

  /** Whether PostgreSQL is installed here to start one; says why not (or, under CI=true, throws). */
  static installed(suite: string): boolean {
    if (serverBin()) return true;
    const problem = 'no PostgreSQL server programs under /usr/lib/postgresql (set PG_BIN to their directory)';
    if (process.env.CI) throw new Error(`CI=true and ${problem}`);
    console.warn(`Skipping ${suite}: ${problem}. Install PostgreSQL (apt-get install -y postgresql) to run it.`);
    return false;
  }

  static async start(suite: string): Promise<OwnPostgres | null> {
    const bin = serverBin();
    if (!bin || !OwnPostgres.installed(suite)) return null;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-pg-'));
    const asUser = process.getuid?.() === 0 ? 'postgres' : null;
    if (asUser) {
      const { stdout } = await run('id', ['-u', asUser]);
      const { stdout: gid } = await run('id', ['-g', asUser]);
      fs.chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
    }
    const own = new OwnPostgres(bin, dir, await freePort(), asUser);
    try {
      await own.exec('initdb', ['-D', own.dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync']);
      await own.restart();
    } catch (err) {
      await own.destroy();
      throw err;
    }
    return own;
  }

  private get dataDir(): string {
    return path.join(this.dir, 'data');
  }

  /** The server's `postgres` database, as the tests' admin URL (`createTestDatabase(url)`). */
  get adminUrl(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  /** Starts it (again) on the same port and data directory, and waits until it takes connections. */
  async restart(): Promise<void> {
    if (this.running) return;
    // No durability wanted from a test's database between clean stops; the fast stop still checkpoints.
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
    await this.exec('pg_ctl', ['-D', this.dataDir, '-l', path.join(this.dir, 'log'), '-o', options, '-w', '-t', '60', 'start']);
    this.running = true;
    for (const started = Date.now(); ; ) {
      const client = new pg.Client({ connectionString: this.adminUrl, connectionTimeoutMillis: 2000 });
      try {
        await client.connect();
        await client.query('SELECT 1');
        return;
      } catch (err) {
        if (Date.now() - started > 30_000) throw err;
        await new Promise((r) => setTimeout(r, 100));
      } finally {
        await client.end().catch(() => {});
      }
    }
  }

  /** Stops it as an operator's restart does (`pg_ctl stop -m fast`): sessions are ended, nothing committed is lost. */
  async stop(): Promise<void> {
    if (!this.running) return;
    await this.exec('pg_ctl', ['-D', this.dataDir, '-m', 'fast', '-w', '-t', '60', 'stop']);
    this.running = false;
  }

  /** Stops it (at once) and removes its directory. */
  async destroy(): Promise<void> {
    if (this.running) {
      await this.exec('pg_ctl', ['-D', this.dataDir, '-m', 'immediate', '-w', 'stop']).catch(() => {});
      this.running = false;
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  /** The server's log so far, for a failure's message. */
  log(): string {
    try {
      return fs.readFileSync(path.join(this.dir, 'log'), 'utf8');
    } catch {
      return '';
    }
  }

  private async exec(program: string, args: string[]): Promise<void> {
    const file = path.join(this.bin, program);
    try {
      if (this.asUser) await run('runuser', ['-u', this.asUser, '--', file, ...args], { cwd: this.dir });
      else await run(file, args, { cwd: this.dir });
    } catch (err) {
      const e = err as { stderr?: string; message: string };
      throw new Error(`${program} ${args.join(' ')} failed: ${e.stderr ?? e.message}\n${this.log()}`);
    }
  }
}
