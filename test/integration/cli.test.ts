import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../server/build-client.ts';
import { ApiClient, MEETING_FIELDS } from '../helpers/api.ts';
import { openEngine } from '../../server/db/engine.ts';
import type { Schema } from '../../server/db/schema.ts';
import { databaseFor, engineAt, TEST_ENGINE } from '../helpers/database.ts';
import { serversForEachTest } from '../helpers/servers.ts';
import { motion, open, votingMeeting } from '../helpers/votes.ts';

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run quorum -- <args>` as the operator types it, on a given data directory, with optional standard input. */
async function quorum(dataDir: string, args: string[], stdin?: string, env: Record<string, string> = {}): Promise<CliResult> {
  const database = await databaseFor(dataDir);
  return new Promise((resolve) => {
    const proc = spawn('npm', ['run', '--silent', 'quorum', '--', ...args], {
      cwd: ROOT,
      env: { ...process.env, AUDIT_KEY: '', DATABASE_URL: '', ...database, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    proc.stdin.end(stdin ?? '');
    proc.on('exit', (code) => resolve({ code, stdout, stderr: stderr.replace(/^npm warn.*\n/gm, '') }));
  });
}

/**
 * A command takes about 0.7 s on a quiet machine (0.35 s of it npm's own start), several times that while browser
 * suites run beside it: tests that run many budget for that instead of the default 30 s.
 */
const SPAWNS = { timeout: 90_000 };

// Compiled once before the first command, rather than by whichever commands find the build stale at once.
beforeAll(async () => {
  await promisify(execFile)(process.execPath, [path.join(ROOT, 'server/launch.js'), 'build'], { cwd: ROOT });
});

const server = serversForEachTest();
let dirs: string[] = [];
afterEach(() => {
  dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
  dirs = [];
});
function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-cli-'));
  dirs.push(d);
  return d;
}

describe('the operator command line', () => {
  it('[C1] user add, user password and token create work on the database a running server uses', SPAWNS, async () => {
    const { url, dataDir } = await server();
    const added = await quorum(dataDir, ['user', 'add', 'mai', '--name', 'Nguyễn Thị Thanh Mai', '--admin', '--password-stdin'], 'mat-khau-cua-mai\n');
    expect(added, added.stderr).toMatchObject({ code: 0 });
    expect(added.stdout).toContain('administrator mai (Nguyễn Thị Thanh Mai)');
    const mai = new ApiClient(url);
    expect((await mai.signIn('mai', 'mat-khau-cua-mai')).user.isAdmin).toBe(true);

    const generated = await quorum(dataDir, ['user', 'add', 'nam', '--name', 'Nguyễn Minh Nam']);
    expect(generated.code).toBe(0);
    const password = /Password: (\S+)/.exec(generated.stdout)?.[1];
    expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    await new ApiClient(url).signIn('nam', password!);

    expect((await quorum(dataDir, ['user', 'password', 'mai', '--password-stdin'], 'mat-khau-moi-cua-mai')).code).toBe(0);
    expect((await mai.get('/api/session')).status).toBe(401);
    await mai.signIn('mai', 'mat-khau-moi-cua-mai');

    const token = await quorum(dataDir, ['token', 'create', 'nam']);
    expect(token.code).toBe(0);
    const program = new ApiClient(url);
    program.bearer = token.stdout.trim();
    expect((await program.get('/api/session')).body.user.username).toBe('nam');
  });

  it('[C2] each command exits non-zero with a clear message on bad input', SPAWNS, async () => {
    const cases: [string[], string | undefined, number, RegExp][] = [
      [[], undefined, 2, /Usage: npm run quorum/],
      [['frobnicate'], undefined, 2, /unknown command: frobnicate/],
      [['user', 'add', 'kien'], undefined, 2, /--name/],
      [['user', 'add', 'Kiên', '--name', 'Cung Hồng Kiên'], undefined, 2, /username/],
      [['user', 'add', 'kien', '--name', 'Cung Hồng Kiên', '--password-stdin'], 'ngan', 2, /password/],
      [['user', 'add', 'kien', '--name', 'Cung Hồng Kiên', '--bogus'], undefined, 2, /bogus/],
      [['user', 'password', 'kien'], undefined, 2, /--password-stdin is required/],
      [['user', 'password', 'khong-co', '--password-stdin'], 'mat-khau-dai-du', 1, /Not found/],
      [['token', 'create', 'khong-co'], undefined, 1, /Not found/],
      [['backup'], undefined, 2, /one file name/],
    ];
    // A few at a time, each on its own directory (two processes must not create one database at the same moment).
    for (let i = 0; i < cases.length; i += 4) {
      await Promise.all(
        cases.slice(i, i + 4).map(async ([args, stdin, code, message]) => {
          const result = await quorum(tempDir(), args, stdin);
          expect(result.code, args.join(' ')).toBe(code);
          expect(result.stderr + result.stdout, args.join(' ')).toMatch(message);
        }),
      );
    }
    const dir = tempDir();
    expect((await quorum(dir, ['user', 'add', 'kien', '--name', 'Cung Hồng Kiên'])).code).toBe(0);
    const twice = await quorum(dir, ['user', 'add', 'kien', '--name', 'Cung Hồng Kiên']);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/username is taken/);
  });

  it('[C3] demo loads the demo conference once; backup writes a consistent copy and never overwrites a file', SPAWNS, async () => {
    const dir = tempDir();
    const demo = await quorum(dir, ['demo']);
    expect(demo.code, demo.stderr).toBe(0);
    expect(demo.stdout).toMatch(/kien\s+hoinghi2023\s+Cung Hồng Kiên \(chair\)/);
    const again = await quorum(dir, ['demo']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already loaded/);

    const file = path.join(tempDir(), 'sao-luu.sqlite');
    const backup = await quorum(dir, ['backup', file]);
    if (TEST_ENGINE === 'postgres') {
      // PostgreSQL has its own tools for a consistent copy.
      expect(backup.code).toBe(1);
      expect(backup.stderr).toMatch(/pg_dump/);
      return;
    }
    expect(backup.code, backup.stderr).toBe(0);
    const copy = new Database(file, { readonly: true });
    const meetings = copy.prepare('SELECT title FROM meetings').all() as { title: string }[];
    const docs = copy.prepare('SELECT count(DISTINCT doc_id) AS n FROM doc_update').get() as { n: number };
    copy.close();
    expect(meetings).toHaveLength(1);
    expect(meetings[0]!.title).toContain('Hội nghị cán bộ viên chức năm 2023');
    expect(docs.n).toBe(2);
    const overwrite = await quorum(dir, ['backup', file]);
    expect(overwrite.code).toBe(2);
    expect(overwrite.stderr).toMatch(/already exists/);
  });
});

describe('the command line and a running server', () => {
  it('[C4] a meeting changed by the command line while nobody watched shows the change to the next subscriber', SPAWNS, async () => {
    const { url, dataDir } = await server({ UNLOAD_DELAY_MS: 0 });
    const demo = await quorum(dataDir, ['demo']);
    expect(demo.code, demo.stderr).toBe(0);
    const meetingId = /meeting (m_\S+)\)/.exec(demo.stdout)![1]!;
    const kien = new ApiClient(url);
    await kien.signIn('kien', 'hoinghi2023');
    const token = (await kien.post('/api/tokens', { name: 'xem' })).body.secret as string;
    const { stockClient, whenSynced } = await import('../helpers/clients.ts');
    const { PROJECTION } = await import('../../shared/api.ts');
    const watcher = stockClient(url, `meeting:${meetingId}`, { token });
    try {
      await whenSynced(watcher);
      const { until } = await import('../helpers/wait.ts');
      await until(() => watcher.doc.getMap(PROJECTION.members).size > 8, 5000, 'the roster loaded by the command line');
    } finally {
      watcher.destroy();
    }
  });
});

describe('audit verify', () => {
  it('[V8] `audit verify` passes an untouched record and names the first entry changed in the database', SPAWNS, async () => {
    const { url, dataDir, close } = await server();
    const m = await votingMeeting(url);
    const draft = await motion(m);
    await open(m, draft.id);
    await m.as.dung!.post(`/api/motions/${draft.id}/ballots`, { choice: 'for' });
    await m.as.kien!.post(`/api/motions/${draft.id}/close`);
    await close();

    const intact = await quorum(dataDir, ['audit', 'verify']);
    expect(intact.code, intact.stderr).toBe(0);
    expect(intact.stdout).toMatch(/intact: \d+ entries checked/);

    const ballot = await onDatabase(dataDir, async (db) => {
      const ballot = (await sql<{ seq: number; payload: string }>`SELECT seq, payload FROM audit WHERE action = 'ballot.recorded'`.execute(db)).rows[0]!;
      await sql`UPDATE audit SET payload = ${ballot.payload.replace('"for"', '"against"')} WHERE seq = ${ballot.seq}`.execute(db);
      return ballot;
    });
    const broken = await quorum(dataDir, ['audit', 'verify']);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(`entry #${ballot.seq} (ballot.recorded`);
  });
});

/**
 * What someone who can write the database but has not the key can do: change an entry's payload and recompute
 * the SHA-256 chain from there on, so every hash and link matches again.
 */
async function rewriteEntry(dataDir: string, seq: number, payload: string): Promise<void> {
  await onDatabase(dataDir, (db) =>
    db.transaction().execute(async (tx) => {
      await sql`UPDATE audit SET payload = ${payload} WHERE seq = ${seq}`.execute(tx);
      let prev = (await sql<{ hash: string }>`SELECT hash FROM audit WHERE seq < ${seq} ORDER BY seq DESC LIMIT 1`.execute(tx)).rows[0]?.hash ?? '';
      const rows = (
        await sql<{ seq: number; at: string; actor_id: string | null; meeting_id: string | null; action: string; payload: string }>`
          SELECT * FROM audit WHERE seq >= ${seq} ORDER BY seq`.execute(tx)
      ).rows;
      for (const r of rows) {
        const hash = createHash('sha256').update(JSON.stringify([prev, r.at, r.actor_id, r.meeting_id, r.action, r.payload])).digest('hex');
        await sql`UPDATE audit SET prev_hash = ${prev}, hash = ${hash} WHERE seq = ${r.seq}`.execute(tx);
        prev = hash;
      }
    }),
  );
}

/** Runs `work` on the database of `dataDir` (SQLite file or PostgreSQL database), as someone with access to it could. */
async function onDatabase<T>(dataDir: string, work: (db: Kysely<Schema>) => Promise<T>): Promise<T> {
  const engine = await openEngine(await engineAt(dataDir));
  try {
    return await work(engine.db);
  } finally {
    await engine.close();
  }
}

describe('the audit record against someone who can write the database', () => {
  it('[AU2] deleting the newest entries is caught by `audit verify --head` with a head exported before', SPAWNS, async () => {
    const dir = tempDir();
    for (const name of ['kien', 'ha', 'dung']) {
      expect((await quorum(dir, ['user', 'add', name, '--name', 'Đại Biểu'])).code).toBe(0);
    }
    const exported = await quorum(dir, ['audit', 'head']);
    expect(exported.code, exported.stderr).toBe(0);
    expect(JSON.parse(exported.stdout)).toMatchObject({ count: 3, seq: 3, mac: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const headFile = path.join(tempDir(), 'head.json');
    fs.writeFileSync(headFile, exported.stdout);
    expect((await quorum(dir, ['user', 'add', 'lan', '--name', 'Phạm Thị Lan'])).code).toBe(0);
    const still = await quorum(dir, ['audit', 'verify', '--head', headFile]);
    expect(still.code, still.stderr).toBe(0);
    expect(still.stdout).toMatch(/intact: 4 entries checked\.\nIt still holds all 3 entries/);

    await onDatabase(dir, (db) => sql`DELETE FROM audit WHERE seq >= 3`.execute(db));
    // What the chain alone says: two entries, intact. Only the head shows that two are missing.
    const chainOnly = await quorum(dir, ['audit', 'verify']);
    expect(chainOnly.code).toBe(0);
    const caught = await quorum(dir, ['audit', 'verify', '--head', headFile]);
    expect(caught.code).toBe(1);
    expect(caught.stderr).toMatch(/cut short: it now has 2 entries, up to entry #2, where the head .* \(exported at .*: 3 entries, up to entry #3\)/);

    fs.writeFileSync(headFile, exported.stdout.replace('"count": 3', '"count": 2').replace('"seq": 3', '"seq": 2'));
    const forged = await quorum(dir, ['audit', 'verify', '--head', headFile]);
    expect(forged.code).toBe(1);
    expect(forged.stderr).toMatch(/not signed with this installation's audit key/);
  });

  it('[AU3] a ballot changed and the hash chain recomputed without the key is caught by `audit verify` and the audit view', SPAWNS, async () => {
    const { url, dataDir } = await server();
    const m = await votingMeeting(url);
    const draft = await motion(m);
    await open(m, draft.id);
    await m.as.dung!.post(`/api/motions/${draft.id}/ballots`, { choice: 'for' });
    await m.as.kien!.post(`/api/motions/${draft.id}/close`);

    const ballot = await onDatabase(
      dataDir,
      async (db) => (await sql<{ seq: number; payload: string }>`SELECT seq, payload FROM audit WHERE action = 'ballot.recorded'`.execute(db)).rows[0]!,
    );
    // Behind the running server's back, as the view's "check again" would find it.
    await rewriteEntry(dataDir, ballot.seq, ballot.payload.replace('"for"', '"against"'));

    const broken = await quorum(dataDir, ['audit', 'verify']);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(`entry #${ballot.seq} (ballot.recorded`);
    const view = await m.as.kien!.get(`/api/meetings/${m.meetingId}/audit`);
    expect(view.status).toBe(200);
    expect(view.body.verification).toMatchObject({ ok: false, checked: ballot.seq - 1, firstBad: { seq: ballot.seq, action: 'ballot.recorded' } });
  });

  it('[AU4] the key is made once as DATA_DIR/audit.key (0600) and used by the command line and the server alike', SPAWNS, async () => {
    const dir = tempDir();
    expect((await quorum(dir, ['user', 'add', 'mai', '--name', 'Nguyễn Thị Thanh Mai', '--admin', '--password-stdin'], 'mat-khau-cua-mai')).code).toBe(0);
    const keyFile = path.join(dir, 'audit.key');
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    const key = fs.readFileSync(keyFile, 'utf8');
    expect(key).toMatch(/^[0-9a-f]{64}\n$/);

    // The server appends under the same key (a meeting created), and the command line verifies what both wrote.
    const { url } = await server({ DATA_DIR: dir });
    const mai = new ApiClient(url);
    await mai.signIn('mai', 'mat-khau-cua-mai');
    expect((await mai.post('/api/meetings', { ...MEETING_FIELDS, creatorRole: null })).status).toBe(201);
    const verified = await quorum(dir, ['audit', 'verify']);
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(/intact: [2-9] entries checked/);
    expect(fs.readFileSync(keyFile, 'utf8')).toBe(key);
  });

  it('[AU4] AUDIT_KEY is used instead of a key file, and a record verifies under no other key', SPAWNS, async () => {
    const dir = tempDir();
    const env = { AUDIT_KEY: 'c0ffee'.repeat(10) + '0123' };
    expect((await quorum(dir, ['user', 'add', 'kien', '--name', 'Cung Hồng Kiên'], undefined, env)).code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'audit.key'))).toBe(false);
    expect((await quorum(dir, ['audit', 'verify'], undefined, env)).code).toBe(0);
    const otherKey = await quorum(dir, ['audit', 'verify'], undefined, { AUDIT_KEY: 'b'.repeat(64) });
    expect(otherKey.code).toBe(1);
    expect(otherKey.stderr).toContain('entry #1 (user.created');
    const malformed = await quorum(dir, ['audit', 'verify'], undefined, { AUDIT_KEY: 'not-hex' });
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(/AUDIT_KEY: must be 64 hexadecimal characters/);
  });
});
