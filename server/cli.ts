/**
 * The operator's command line: `npm run quorum -- <command>`. Works on the installation's database under
 * DATA_DIR, also while the server runs (SQLite allows one writer at a time and waits for its turn).
 * Exit status: 0 done, 1 the command failed, 2 the command line itself is wrong.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { z } from 'zod';
import { passwordSchema, usernameSchema, fullNameSchema } from '../shared/api.ts';
import { ERRORS } from '../shared/errors.ts';
import { createAccount, updateAccount } from './accounts/commands.ts';
import type { Actor } from './accounts/users.ts';
import { parseAuditHead, type AuditHead, type HeadMismatch } from './audit.ts';
import { loadAuditKey } from './audit-key.ts';
import { loadConfig } from './config.ts';
import { AppError } from './errors.ts';
import { createServices, type Services } from './services.ts';
import { openEngine, type Engine } from './db/engine.ts';
import type { Logger } from './collab/peer.ts';
import { RedisBus } from './cluster/redis-bus.ts';
import { shareEvents, type SharedEvents } from './cluster/shared-events.ts';

const USAGE = `Usage: npm run quorum -- <command>

  user add <username> --name "<full name>" [--admin] [--password-stdin]
      Creates an account. Without --password-stdin a password is generated and printed.
  user password <username> --password-stdin
      Sets an account's password (read from standard input).
  token create <username> [--name "<label>"]
      Creates an API token for the account and prints it (only its hash is stored).
  demo
      Loads the demo conference and its demo accounts.
  backup <file>
      Writes a consistent copy of the database to <file> (which must not exist).
  audit verify [--head <file>]
      Checks the audit record from the first entry (hash chain and keyed MACs) and names the first entry that
      does not match. With --head, also checks that the record still holds everything that head saw.
  audit head
      Prints where the audit record stands (entries, latest entry and its hash, time), signed with the audit
      key: keep it away from this machine, and check against it later with audit verify --head.
`;

class UsageError extends Error {}

/** The operator at the console acts with an administrator's rights; the audit record names them `cli`. */
const CLI_ACTOR: Actor = { id: 'cli', username: 'cli', fullName: 'command line', isAdmin: true };

function check<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new UsageError(`${what}: ${result.error.issues[0]?.message ?? 'invalid'}`);
  return result.data;
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new UsageError('--password-stdin: pipe the password in, e.g. `echo "$PW" | npm run quorum -- …`');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

async function run(s: Services, engine: Pick<Engine, 'backup'>, args: string[]): Promise<string> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      name: { type: 'string' },
      admin: { type: 'boolean', default: false },
      'password-stdin': { type: 'boolean', default: false },
      head: { type: 'string' },
    },
  });
  const [command, sub, ...rest] = positionals;
  // `user`, `token` and `audit` take a sub-command; `demo` and `backup` do not.
  const key = command === 'user' || command === 'token' || command === 'audit' ? `${command} ${sub ?? ''}`.trim() : (command ?? '');
  if (values.head !== undefined && key !== 'audit verify') throw new UsageError('--head belongs to audit verify');
  switch (key) {
    case 'user add': {
      if (rest.length !== 1) throw new UsageError('user add: give exactly one username');
      const username = check(usernameSchema, rest[0], 'username');
      const fullName = check(fullNameSchema, values.name, '--name (the full name) is required and');
      const password = values['password-stdin'] ? check(passwordSchema, await readStdin(), 'password') : undefined;
      const created = await createAccount(s, null, { username, fullName, password, isAdmin: values.admin });
      return `Created ${created.user.isAdmin ? 'administrator' : 'account'} ${created.user.username} (${created.user.fullName}).` +
        (created.password ? `\nPassword: ${created.password}` : '');
    }
    case 'user password': {
      if (rest.length !== 1) throw new UsageError('user password: give exactly one username');
      if (!values['password-stdin']) throw new UsageError('user password: --password-stdin is required');
      const user = await s.users.byUsername(check(usernameSchema, rest[0], 'username'));
      if (!user) throw new AppError('not_found', 'username');
      const password = check(passwordSchema, await readStdin(), 'password');
      // Acting as the system: the account's own sessions end, as for an administrator's reset.
      await updateAccount(s, CLI_ACTOR, user.id, { password });
      return `Password of ${user.username} changed; their sessions were ended.`;
    }
    case 'token create': {
      if (rest.length !== 1) throw new UsageError('token create: give exactly one username');
      const user = await s.users.byUsername(check(usernameSchema, rest[0], 'username'));
      if (!user) throw new AppError('not_found', 'username');
      if (user.disabled) throw new UsageError(`token create: ${user.username} is disabled`);
      const token = await s.uow.run(async (tx) => {
        const t = await tx.credentials.createToken(user.id, values.name ?? 'command line');
        await tx.audit.append({ actorId: null, meetingId: null, action: 'token.created', payload: { tokenId: t.id, userId: user.id, via: 'cli' } });
        return t;
      });
      return token.secret;
    }
    case 'demo': {
      if (sub !== undefined) throw new UsageError('demo: takes no arguments');
      // The demo's documents are built with the editor's schema (TipTap): loaded only for this command.
      const { loadDemo } = await import('./demo/load.ts');
      const demo = await loadDemo(s, null);
      return [`Demo conference loaded (meeting ${demo.meetingId}). Demo accounts:`, ...demo.accounts.map((a) => `  ${a.username.padEnd(10)} ${a.password}  ${a.fullName} (${a.role})`)].join('\n');
    }
    case 'backup': {
      const file = sub;
      if (!file || rest.length > 0) throw new UsageError('backup: give exactly one file name');
      if (fs.existsSync(file)) throw new UsageError(`backup: ${file} already exists; choose a new file name`);
      await engine.backup(file);
      return `Backup written to ${file}.`;
    }
    case 'audit verify': {
      if (rest.length > 0) throw new UsageError('audit verify: takes no arguments besides --head <file>');
      const head = values.head === undefined ? null : readHead(values.head);
      // The head compared first, then the chain up to the newest entry there is after it: entries appended
      // meanwhile (the server keeps running) come after that, so the chain checked holds what was compared.
      const { result, mismatch } = await s.uow.run(async (tx) => {
        const mismatch = head && (await tx.audit.checkHead(head));
        return { result: await tx.audit.verify(), mismatch };
      });
      if (result.firstBad) {
        const bad = result.firstBad;
        throw new Error(
          `the audit record does not verify at entry #${bad.seq} (${bad.action}, ${bad.at}): its content, its link ` +
            `to the entry before it or its keyed MAC was changed. The ${result.checked} entries before it are intact.`,
        );
      }
      if (head && mismatch) throw new Error(headMismatchMessage(head, mismatch, values.head!));
      return `The audit record is intact: ${result.checked} entries checked.` +
        (head ? `\nIt still holds all ${head.count} entries of the head exported at ${head.exportedAt} (up to entry #${head.seq}).` : '');
    }
    case 'audit head': {
      if (rest.length > 0) throw new UsageError('audit head: takes no arguments');
      // The head first, then the chain up to it: the head vouches only for entries that were checked.
      const { result, head } = await s.uow.run(async (tx) => {
        const head = await tx.audit.head();
        return { result: await tx.audit.verify(head.seq), head };
      });
      if (result.firstBad) {
        throw new Error(`the audit record does not verify at entry #${result.firstBad.seq}: no head is exported for a record that is not intact (see audit verify).`);
      }
      return JSON.stringify(head, null, 2);
    }
    default:
      throw new UsageError(command ? `unknown command: ${key}` : 'no command given');
  }
}

function readHead(file: string): AuditHead {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`cannot read the head file ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  const head = parseAuditHead(text);
  if (!head) throw new Error(`${file} is not an audit head printed by \`audit head\``);
  return head;
}

function headMismatchMessage(head: AuditHead, mismatch: HeadMismatch, file: string): string {
  const exported = `the head in ${file} (exported at ${head.exportedAt}: ${head.count} entries, up to entry #${head.seq})`;
  switch (mismatch.kind) {
    case 'signature':
      return `${exported} is not signed with this installation's audit key: the file was changed, or the key was replaced.`;
    case 'truncated':
      return (
        `the audit record was cut short: it now has ${mismatch.count} entries, up to entry #${mismatch.lastSeq}, ` +
        `where ${exported} saw more. Entries were deleted after that head was exported.`
      );
    case 'rewritten':
      return `the audit record was rewritten: entry #${head.seq} no longer has the hash of ${exported}.`;
  }
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.length === 0 || args[0] === 'help' || args.includes('--help')) {
    process.stdout.write(USAGE);
    return args.length === 0 ? 2 : 0;
  }
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    return 2;
  }
  let auditKey;
  try {
    auditKey = loadAuditKey(config);
  } catch (err) {
    process.stderr.write(`Error: ${(err as Error).message}\n`);
    return 1;
  }
  // With several processes, what a command commits that every process must act on (a password reset ends the
  // person's sessions: their open sync sockets are closed) is told to the running servers over the bus, as a
  // server process tells the others.
  const log: Logger = { debug() {}, info() {}, warn() {}, error: (obj, msg) => process.stderr.write(`${msg} ${JSON.stringify(obj)}\n`) };
  let bus: RedisBus | null = null;
  let shared: SharedEvents | null = null;
  if (config.REDIS_URL) {
    try {
      bus = await RedisBus.connect(config.REDIS_URL, { prefix: config.REDIS_PREFIX, log });
      shared = await shareEvents(bus, async () => {}, log);
    } catch (err) {
      process.stderr.write(`Error: ${(err as Error).message}\n`);
      await bus?.close();
      return 1;
    }
  }
  const engine = await openEngine(config.DATABASE_URL ? { databaseUrl: config.DATABASE_URL } : { dataDir: config.dataDir });
  const s = createServices(engine, {
    sessionTtlMs: config.SESSION_TTL_HOURS * 3600_000,
    auditKey,
    ...(shared ? { deliver: async (events) => shared.publish(events) } : {}),
  });
  try {
    // A key made just now keys the entries written before it (AU4).
    await s.uow.run((tx) => tx.audit.keyExisting());
    process.stdout.write(`${await run(s, engine, args)}\n`);
    return 0;
  } catch (err) {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`Error: ${(err as Error).message}\n\n${USAGE}`);
      return 2;
    }
    if (err instanceof AppError) {
      process.stderr.write(`Error: ${err.detail?.en ?? ERRORS[err.code].en}${err.field ? ` (${err.field})` : ''}\n`);
      return 1;
    }
    process.stderr.write(`Error: ${(err as Error).message}\n`);
    return 1;
  } finally {
    await engine.close();
    // Closing waits for what was published (the bus's connection sends in order, and quits last).
    await shared?.stop();
    await bus?.close();
  }
}

process.exitCode = await main();
