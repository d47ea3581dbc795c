import path from 'node:path';
import { z } from 'zod';
import { normaliseOrigin } from './http/origins.ts';

/** Every setting the server reads, with its environment variable and default (documented in README.md). */
const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Largest websocket message accepted, in bytes. */
  MAX_MESSAGE_BYTES: z.coerce.number().int().min(1024).default(1024 * 1024),
  /** A connection whose unsent data passes this many bytes is closed as a slow reader. */
  MAX_BUFFERED_BYTES: z.coerce.number().int().min(64 * 1024).default(8 * 1024 * 1024),
  /** Interval between pings; a peer that missed one whole interval is closed. */
  PING_INTERVAL_MS: z.coerce.number().int().min(100).default(30_000),
  /** How long a document stays loaded after its last connection leaves. */
  UNLOAD_DELAY_MS: z.coerce.number().int().min(0).default(30_000),
  /** Socket writes per second one document may spend on broadcasts; paces fast updates in big rooms. */
  BROADCAST_WRITES_PER_SECOND: z.coerce.number().int().min(1000).default(30_000),
  /** Longest an update waits to be batched with others, whatever the room's size. */
  MAX_BROADCAST_DELAY_MS: z.coerce.number().int().min(0).max(1000).default(25),
  /** Stored updates after which a document's state is compacted into one snapshot. */
  COMPACT_AFTER_UPDATES: z.coerce.number().int().min(1).default(500),
  /**
   * Bytes of edits one document may hold in memory while its database cannot be reached (saving paused); past them
   * the document is dropped and its clients, who keep their edits, reconnect (4500).
   */
  SAVING_PAUSED_MAX_BYTES: z.coerce.number().int().min(64 * 1024).default(8 * 1024 * 1024),
  /** Sync sockets one person may hold at once, every tab and device together; more are refused (4429). */
  MAX_SOCKETS_PER_PERSON: z.coerce.number().int().min(1).default(20),
  /** Largest presence (caret) state one connection may announce, in bytes; a larger one closes it (4400). */
  PRESENCE_MAX_BYTES: z.coerce.number().int().min(256).default(4096),
  /** Presence changes per second per connection; faster ones are coalesced to this rate. */
  PRESENCE_UPDATES_PER_SECOND: z.coerce.number().min(1).default(20),
  /** Bytes of edits refused by an adopted or final document kept for one person and document, to make their draft. */
  REFUSED_EDITS_MAX_BYTES: z.coerce.number().int().min(64 * 1024).default(4 * 1024 * 1024),
  /**
   * The first wait before trying again to apply an amendment's outcome that failed; each later wait doubles, up to
   * five minutes (`server/motions/settle-retry.ts`).
   */
  AMENDMENT_RETRY_FIRST_MS: z.coerce.number().int().min(10).default(1000),
  /** Bytes of refused edits kept for everyone at once, waiting to become drafts. */
  REFUSED_EDITS_MAX_TOTAL_BYTES: z.coerce.number().int().min(64 * 1024).default(64 * 1024 * 1024),
  /** A session not used for this long ends; each use extends it. */
  SESSION_TTL_HOURS: z.coerce.number().min(0.01).default(168),
  /** Sign-in attempts allowed per minute for one client address and username. */
  SIGNIN_ATTEMPTS_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  /** Sign-in attempts allowed per minute from one client address, whatever the usernames. */
  SIGNIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE: z.coerce.number().int().min(1).default(100),
  /** Password hashes (sign-in, new passwords) computed at once; each takes 32 MiB and ~120 ms of a thread. */
  PASSWORD_HASH_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  /** Password hashes waiting for their turn; beyond these, requests get 503 busy with Retry-After. */
  PASSWORD_HASH_QUEUE: z.coerce.number().int().min(0).default(32),
  /** Time a client has to send a request's headers before its connection is closed. */
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1000).default(10_000),
  /** Time a client has to send a whole request (headers and body). */
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).default(30_000),
  /** How long an idle keep-alive connection stays open between requests. */
  HTTP_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
  /** State-changing requests one person (or one address, signed out) may send per minute, on routes without a limit of their own. */
  COMMANDS_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  /** Views of a meeting's audit record (each checks the whole record) one person may ask for per minute. */
  AUDIT_CHECKS_PER_MINUTE: z.coerce.number().int().min(1).default(12),
  /** Versions one person may save per minute. */
  VERSION_SAVES_PER_MINUTE: z.coerce.number().int().min(1).default(12),
  /** DOCX exports, and print views, one person may ask for per minute (each kind counted on its own). */
  EXPORTS_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  /** Exports computed at once; a few more wait, and beyond those requests get 503 busy with Retry-After. */
  EXPORT_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2),
  /** Other origins (comma-separated, e.g. a dev server) allowed to send state-changing requests. */
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((o) => o.trim()).filter(Boolean)),
  /**
   * The origins (comma-separated) people reach this server at, e.g. `https://hop.example.vn`: state-changing
   * requests and sync sockets addressed to any other name are refused. Empty: the listen address's own.
   */
  PUBLIC_ORIGIN: z
    .string()
    .default('')
    .transform((v, ctx) => {
      const origins: string[] = [];
      for (const item of v.split(',').map((o) => o.trim()).filter(Boolean)) {
        const origin = normaliseOrigin(item);
        if (origin === null) {
          ctx.addIssue({ code: 'custom', message: `“${item}” is not an origin such as https://hop.example.vn (no path)` });
          return z.NEVER;
        }
        origins.push(origin);
      }
      return origins;
    }),
  /** The audit record's key (64 hex characters); unset or empty: DATA_DIR/audit.key, made on first start. */
  AUDIT_KEY: z
    .string()
    .optional()
    .transform((v) => v || undefined)
    .pipe(z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hexadecimal characters (32 bytes)').optional()),
  /**
   * PostgreSQL (`postgres://user@host:5432/db`) for the meeting data and the documents, instead of SQLite under
   * DATA_DIR: for installations that run several processes. Unset or empty: SQLite.
   */
  DATABASE_URL: z
    .string()
    .optional()
    .transform((v) => v || undefined)
    .pipe(z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional()),
  /**
   * Redis (`redis://host:6379`) for the news several processes of one installation tell each other (sockets to
   * close, locks, vote timers, document updates): set on every process of an installation that runs several, with
   * the same DATABASE_URL. Unset or empty: this process is the only one.
   */
  REDIS_URL: z
    .string()
    .optional()
    .transform((v) => v || undefined)
    .pipe(z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL').optional()),
  /** What the names of this installation's channels on Redis start with, so that installations can share one Redis. */
  REDIS_PREFIX: z.string().min(1).default('quorum:'),
  /** Behind a reverse proxy: take the client address and scheme from X-Forwarded-* headers. */
  TRUST_PROXY: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
}).superRefine((config, ctx) => {
  // Several processes need one database they all write: SQLite under DATA_DIR is one process's (its lock
  // refuses a second server), so Redis without PostgreSQL would only pretend to share anything.
  if (config.REDIS_URL !== undefined && config.DATABASE_URL === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['REDIS_URL'],
      message: 'needs DATABASE_URL: several processes share one PostgreSQL database, and SQLite under DATA_DIR serves one process only',
    });
  }
});

export type Config = z.infer<typeof schema> & { dataDir: string };

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid configuration ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.DATA_DIR) };
}

/** Config for tests and benchmarks: defaults plus overrides, never read from the environment. */
export function testConfig(overrides: Partial<Record<keyof z.infer<typeof schema>, string | number>> = {}): Config {
  const env: Record<string, string> = { PORT: '0', LOG_LEVEL: 'silent' };
  for (const [k, v] of Object.entries(overrides)) env[k] = String(v);
  return loadConfig(env);
}
