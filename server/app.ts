import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { sql, type Kysely } from 'kysely';
import { meetingIdOfDocument } from '../shared/meeting.ts';
import { CloseCode, COLLAB_PATH } from '../shared/protocol.ts';
import { RoomManager } from './collab/rooms.ts';
import { attachCollabSockets } from './collab/ws-adapter.ts';
import type { Config } from './config.ts';
import { loadAuditKey } from './audit-key.ts';
import { openEngine } from './db/engine.ts';
import type { Schema } from './db/schema.ts';
import { lockDataDir } from './db/process-lock.ts';
import { databaseUnavailable } from './db/kysely.ts';
import { registerAuth, STATE_CHANGING_METHODS } from './http/auth.ts';
import { OriginPolicy } from './http/origins.ts';
import { readClientPage, type ClientPage } from './http/client-page.ts';
import { registerSecurityHeaders } from './http/security-headers.ts';
import { errorBody, handleError } from './http/errors.ts';
import { meetingRoutes } from './http/routes/meetings.ts';
import { sessionRoutes } from './http/routes/session.ts';
import { userRoutes } from './http/routes/users.ts';
import { socketAccess } from './http/socket-access.ts';
import { motionRoutes } from './http/routes/motions.ts';
import { documentRoutes } from './http/routes/documents.ts';
import { commentRoutes } from './http/routes/comments.ts';
import { RefusedEdits } from './documents/refused-edits.ts';
import { roomLockOf } from './documents/lock.ts';
import { MeetingProjection } from './meetings/projection.ts';
import { documentVoteResult } from '../shared/vote-result.ts';
import { fillVoteResults } from './documents/vote-results.ts';
import { settleAmendment } from './motions/amendments.ts';
import { DEFAULT_SETTLE_RETRY, SettleRetry } from './motions/settle-retry.ts';
import { MeetingFactsWriter } from './documents/meeting-facts.ts';
import { meetingFactsOf } from './meetings/facts.ts';
import { closeMotion } from './motions/commands.ts';
import { MotionTimers } from './motions/timers.ts';
import { configurePasswordHashing } from './accounts/passwords.ts';
import { createServices, matches, type Services } from './services.ts';
import { WorkQueue } from './work-queue.ts';
import { deliverEvents } from './events.ts';
import type { DocumentStore } from './storage/store.ts';
import type { Bus } from './cluster/bus.ts';
import { LocalBus } from './cluster/local-bus.ts';
import { RedisBus } from './cluster/redis-bus.ts';
import { shareEvents } from './cluster/shared-events.ts';
import { catchUp, LoadedDocuments } from './cluster/catch-up.ts';
import { healthRoutes } from './http/routes/health.ts';

export interface StartOptions {
  /** Built client to serve (index.html and assets); none when null or missing, as in `npm run dev`. */
  clientDir?: string | null;
  /** Storage to use instead of SQLite under `config.dataDir`. */
  store?: DocumentStore;
  /** Several processes on one PostgreSQL database: the bus their rooms relay stored batches on (`server/cluster/`). */
  bus?: Bus;
}

export interface RunningServer {
  url: string;
  port: number;
  /** The origins state-changing requests and sync sockets are accepted for (PUBLIC_ORIGIN or the listen address's). */
  origins: readonly string[];
  app: FastifyInstance;
  rooms: RoomManager;
  services: Services;
  /** The query layer on the server's database, for tests and benchmarks that look beneath the API. */
  sql: Kysely<Schema>;
  /** How this process and the installation's others tell each other what happened (also `services.bus`). */
  bus: Bus;
  /** Persists every document, closes every socket with "server restarting", then stops. Idempotent. */
  close(): Promise<void>;
}

export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  // Before anything is read or migrated: a second server on the same SQLite files would lose data. PostgreSQL is
  // made for several processes.
  const lock = config.DATABASE_URL ? { release: () => {} } : lockDataDir(config.dataDir);
  // What a start that failed half-way had opened, closed again (last first): a Redis connection left open would
  // keep the process from ending.
  const opened: (() => Promise<void>)[] = [];
  try {
    return await start(config, options, () => lock.release(), opened);
  } catch (err) {
    for (const close of opened.reverse()) await close().catch(() => {});
    lock.release();
    throw err;
  }
}

async function start(config: Config, options: StartOptions, releaseLock: () => void, opened: (() => Promise<void>)[]): Promise<RunningServer> {
  const base = await openEngine(config.DATABASE_URL ? { databaseUrl: config.DATABASE_URL } : { dataDir: config.dataDir });
  opened.push(() => base.close());
  const engine = options.store ? { ...base, store: options.store } : base;
  const store = engine.store;
  const app = Fastify({
    logger: { level: config.LOG_LEVEL },
    bodyLimit: config.MAX_MESSAGE_BYTES,
    forceCloseConnections: true,
    trustProxy: config.TRUST_PROXY,
    // A connection that sends its request slowly, or idles, is not kept for a minute or more: each one held is
    // a socket and memory someone else cannot have. Node checks these every `connectionsCheckingInterval`.
    requestTimeout: config.HTTP_REQUEST_TIMEOUT_MS,
    keepAliveTimeout: config.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    connectionTimeout: config.HTTP_REQUEST_TIMEOUT_MS,
    http: { headersTimeout: config.HTTP_HEADERS_TIMEOUT_MS, connectionsCheckingInterval: 1000 },
  });
  const bus: Bus = config.REDIS_URL
    ? await RedisBus.connect(config.REDIS_URL, { prefix: config.REDIS_PREFIX, log: app.log })
    : new LocalBus(app.log);
  opened.push(() => bus.close());
  // The documents this process has had rooms for, to bring their locks up to date after missed news.
  const loadedDocuments = new LoadedDocuments((docId) => rooms.loadedRoom(docId) !== undefined);
  configurePasswordHashing(config.PASSWORD_HASH_CONCURRENCY, config.PASSWORD_HASH_QUEUE);
  const rooms = new RoomManager(
    store,
    {
      maxBufferedBytes: config.MAX_BUFFERED_BYTES,
      pingIntervalMs: config.PING_INTERVAL_MS,
      unloadDelayMs: config.UNLOAD_DELAY_MS,
      compactAfterUpdates: config.COMPACT_AFTER_UPDATES,
      broadcastWritesPerSecond: config.BROADCAST_WRITES_PER_SECOND,
      maxBroadcastDelayMs: config.MAX_BROADCAST_DELAY_MS,
      // A document with an open vote on it, adopted, or (awaiting) finalised stays locked when its room reloads.
      lockOf: async (docId) => {
        loadedDocuments.loading(docId);
        return roomLockOf((await services.meetings.document(docId))?.lock);
      },
      // The suggestions of an amendment being voted on stay frozen when the room reloads.
      frozenOf: (docId) => services.amendments.frozen(docId),
      onRefusedUpdate: (room, conn, update) => refused.onRefusedUpdate(room, conn, update),
      onDirectEditRefused: (room, conn, update) => refused.onDirectEditRefused(room, conn, update),
      // Nobody is "in" the meeting's live state: presence there would only be someone else's cost.
      presence: (docId) =>
        meetingIdOfDocument(docId) !== null
          ? false
          : { maxStateBytes: config.PRESENCE_MAX_BYTES, perSecond: config.PRESENCE_UPDATES_PER_SECOND },
      // Several processes relay what their rooms stored (REDIS_URL); one process alone needs no relay.
      bus: options.bus ?? (config.REDIS_URL ? bus : undefined),
      // PostgreSQL restarting or out of reach: rooms pause saving and try again rather than drop their clients.
      storageUnavailable: databaseUnavailable,
      savingPausedMaxBytes: config.SAVING_PAUSED_MAX_BYTES,
    },
    app.log,
  );
  const sessionTtlMs = config.SESSION_TTL_HOURS * 3600_000;
  const auditKey = loadAuditKey(config);
  // On an installation that had entries, a new key there is worth a look: was audit.key removed?
  if (auditKey.created) app.log.warn({ dataDir: config.dataDir }, 'created the audit key (audit.key); keep a copy apart from the database');
  const deliverHere = (events: Parameters<typeof deliverEvents>[1]) =>
    deliverEvents(services, events, (err, event) => app.log.error({ event: event.type, err: String(err) }, 'could not deliver an event'));
  const services: Services = createServices(engine, {
    sessionTtlMs,
    // The other processes are told first (without waiting for them): the news reaches their sockets and rooms
    // while this one delivers its own.
    deliver: async (events) => {
      shared.publish(events);
      await deliverHere(events);
    },
    bus,
    auditKey,
    projection: (meetings, motions, comments) =>
      new MeetingProjection(meetings, motions, comments, rooms, app.log, (meetingId) => services.meetingFacts?.changed(meetingId)),
    rooms,
    closeSockets: (match, why) =>
      rooms.closeConnections(
        (principal) => matches(match, principal),
        why === 'access' ? CloseCode.AccessChanged : CloseCode.Unauthenticated,
        why === 'access' ? 'access changed' : 'signed out',
      ),
  });
  // Sockets to close, locks and vote timers reach every process. Heard from before anything is read at start (the
  // timed votes, each room's lock), so that news is either in what is read or heard afterwards.
  const shared = await shareEvents(bus, deliverHere, app.log);
  // Once, before any command: a key made just now keys the entries written before it (AU4).
  await services.uow.run((tx) => tx.audit.keyExisting());
  const refused = new RefusedEdits(services, app.log, {
    maxBytesPerPerson: config.REFUSED_EDITS_MAX_BYTES,
    maxBytesTotal: config.REFUSED_EDITS_MAX_TOTAL_BYTES,
    settleMs: 300,
  });
  services.voteResults = async (motion) => {
    // A locked document is never changed, not even by the server: its text is the one voted on or adopted.
    for (const doc of (await services.meetings.documents(motion.meetingId)).filter((d) => d.lock === null)) {
      await rooms
        .change(doc.id, (ydoc) => fillVoteResults(ydoc, motion.id, documentVoteResult(motion)))
        .catch((err: unknown) => app.log.error({ docId: doc.id, err: String(err) }, 'could not write the vote result'));
    }
  };
  services.meetingFacts = new MeetingFactsWriter({
    // Only minutes hold meeting facts (their template puts them there): a pass never loads every resolution, plan
    // and draft of the meeting into memory because someone checked in.
    documentsOf: async (meetingId) =>
      (await services.meetings.documents(meetingId)).filter((d) => d.kind === 'BB' && d.lock === null).map((d) => d.id),
    factsOf: async (meetingId) => {
      const row = await services.meetings.byId(meetingId);
      return row ? await meetingFactsOf(services.meetings, row) : null;
    },
    change: (docId, fn) => rooms.change(docId, fn),
    log: app.log,
    delayMs: 250,
  });
  const timers = new MotionTimers((motionId) => closeMotion(services, null, motionId), app.log);
  services.motionTimers = timers;
  for (const { id, closesAt } of await services.motions.timed()) timers.schedule(id, closesAt);
  // An amendment's outcome that could not be applied is tried again, with back-off (`settle-retry.ts`).
  const settleRetry = new SettleRetry((motionId) => settleAmendment(services, null, motionId), app.log, {
    ...DEFAULT_SETTLE_RETRY,
    firstDelayMs: config.AMENDMENT_RETRY_FIRST_MS,
  });
  services.settleRetry = settleRetry;
  // Amendments closed while their outcome was not yet applied to the text (a stop in between): applied now.
  for (const motionId of await services.amendments.unsettled()) await settleRetry.attempt(motionId);
  // What this process missed while the bus was away it reads from the database once the bus is back.
  bus.onReconnect(() => {
    void shared.inTurn(() => catchUp(services, timers, loadedDocuments));
  });
  // Filled in once the server listens (PORT=0 picks the port then); nothing is answered before that.
  const origins = new OriginPolicy(config.PUBLIC_ORIGIN, config.ALLOWED_ORIGINS, config.TRUST_PROXY);
  const sockets = attachCollabSockets(app.server, rooms, {
    maxMessageBytes: config.MAX_MESSAGE_BYTES,
    log: app.log,
    access: socketAccess(services, origins, { maxSocketsPerPerson: config.MAX_SOCKETS_PER_PERSON }),
  });

  app.setErrorHandler(handleError);
  await app.register(fastifyCookie);
  // Every state-changing request counts against its person's (or, signed out, its address's) budget: the backstop
  // for each command that writes a row and an audit entry. Routes with a limit of their own keep theirs instead.
  await app.register(fastifyRateLimit, {
    global: true,
    max: config.COMMANDS_PER_MINUTE,
    timeWindow: 60_000,
    hook: 'preHandler',
    keyGenerator: (req) => req.actor?.id ?? req.ip,
    allowList: (req) => !STATE_CHANGING_METHODS.has(req.method),
  });
  const clientPage = readClientPage(options.clientDir);
  await registerSecurityHeaders(app, clientPage?.scriptHashes);
  registerAuth(app, services.credentials, origins);
  sessionRoutes(app, services, {
    sessionTtlMs,
    signInAttemptsPerMinute: config.SIGNIN_ATTEMPTS_PER_MINUTE,
    signInAttemptsPerAddressPerMinute: config.SIGNIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE,
  });
  userRoutes(app, services, { passwordAttemptsPerMinute: config.SIGNIN_ATTEMPTS_PER_MINUTE });
  meetingRoutes(app, services);
  motionRoutes(app, services, { auditChecksPerMinute: config.AUDIT_CHECKS_PER_MINUTE });
  // One queue for every export, with comments or without: each holds the main thread for a while.
  const exports = new WorkQueue(config.EXPORT_CONCURRENCY, config.EXPORT_CONCURRENCY * 4);
  documentRoutes(app, services, {
    versionSavesPerMinute: config.VERSION_SAVES_PER_MINUTE,
    exportsPerMinute: config.EXPORTS_PER_MINUTE,
    exports,
  });
  commentRoutes(app, services, { exportsPerMinute: config.EXPORTS_PER_MINUTE, exports });
  const sweep = setInterval(() => {
    services.credentials.sweepExpired().catch((err: unknown) => app.log.error({ err: String(err) }, 'could not sweep expired sessions'));
  }, 3600_000);
  sweep.unref();

  healthRoutes(app, {
    ping: () => sql`SELECT 1`.execute(engine.db),
    bus: config.REDIS_URL ? bus : null,
    stats: () => rooms.stats(),
    timeoutMs: 2000,
  });
  if (options.clientDir && clientPage) {
    // Once there is an account there always is one (accounts are disabled, never deleted).
    let hasAccounts = false;
    await serveClient(app, options.clientDir, clientPage, async () => !(hasAccounts ||= (await services.users.count()) > 0));
  } else {
    app.setNotFoundHandler((req, reply) => reply.code(404).send(errorBody(req, 'not_found')));
  }

  await app.listen({ port: config.PORT, host: config.HOST });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  origins.listening(config.HOST, port);
  app.log.info({ publicOrigins: origins.origins, allowedOrigins: config.ALLOWED_ORIGINS }, 'state-changing requests and sync sockets are accepted for these origins only');
  const shownHost = ['0.0.0.0', '::'].includes(config.HOST) ? 'localhost' : config.HOST;
  const url = `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`;

  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      // Nothing more from the other processes: no timer set or room relocked while stopping.
      await shared.stop();
      timers.stop();
      settleRetry.stop();
      services.meetingFacts?.stop();
      await rooms.close();
      await sockets.closeAll(CloseCode.ServerRestarting, 'server restarting');
      clearInterval(sweep);
      await app.close();
      // After the rooms: their last writes may still have news to send.
      await bus.close();
      await store.close();
      await engine.close();
      releaseLock();
    })());

  return { url, port, origins: origins.origins, app, rooms, services, sql: engine.db, bus, close };
}

/**
 * The built single-page app: files as they are (their brotli or gzip copy when the browser takes it), and
 * index.html for any other page address. Vite names every asset after its content, so an asset is cached for good;
 * the page, the service worker and the icon keep their names and are checked with the server on every use.
 */
async function serveClient(app: FastifyInstance, clientDir: string, page: ClientPage, needsSetup: () => Promise<boolean>): Promise<void> {
  await app.register(fastifyStatic, {
    root: clientDir,
    wildcard: false,
    // `/` is a page like any other (below): index.html is not always sent as it is.
    index: false,
    preCompressed: true,
    cacheControl: false,
    setHeaders: (res, file) => {
      const hashed = path.relative(clientDir, file).startsWith(`assets${path.sep}`);
      res.setHeader('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      // The same address answers in brotli, gzip or plain by the request's Accept-Encoding: caches must know.
      res.setHeader('vary', 'Accept-Encoding');
    },
  });
  app.setNotFoundHandler(async (req, reply) => {
    const pathname = req.url.split('?')[0] ?? '/';
    const isPage = req.method === 'GET' && !pathname.startsWith('/api/') && !pathname.startsWith(`${COLLAB_PATH}/`)
      && !path.extname(pathname);
    if (!isPage) return reply.code(404).send(errorBody(req, 'not_found'));
    reply.header('cache-control', 'no-cache');
    // Before the first account exists the app shows the first-run form: the page's sign-in form would only flash.
    if (await needsSetup()) return reply.type('text/html; charset=utf-8').send(page.withoutSignIn);
    return reply.type('text/html; charset=utf-8').sendFile('index.html');
  });
}
