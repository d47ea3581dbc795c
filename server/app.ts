import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { CloseCode, COLLAB_PATH } from '../shared/protocol.ts';
import { RoomManager } from './collab/rooms.ts';
import { attachCollabSockets } from './collab/ws-adapter.ts';
import type { Config } from './config.ts';
import { SqliteStore } from './storage/sqlite.ts';
import type { DocumentStore } from './storage/store.ts';

export interface StartOptions {
  /** Built client to serve (index.html and assets); none when null or missing, as in `npm run dev`. */
  clientDir?: string | null;
  /** Storage to use instead of SQLite under `config.dataDir`. */
  store?: DocumentStore;
}

export interface RunningServer {
  url: string;
  port: number;
  app: FastifyInstance;
  rooms: RoomManager;
  /** Persists every document, closes every socket with "server restarting", then stops. Idempotent. */
  close(): Promise<void>;
}

export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const store = options.store ?? SqliteStore.open(config.dataDir);
  const app = Fastify({
    logger: { level: config.LOG_LEVEL },
    bodyLimit: config.MAX_MESSAGE_BYTES,
    forceCloseConnections: true,
  });
  const rooms = new RoomManager(
    store,
    {
      maxBufferedBytes: config.MAX_BUFFERED_BYTES,
      pingIntervalMs: config.PING_INTERVAL_MS,
      unloadDelayMs: config.UNLOAD_DELAY_MS,
      compactAfterUpdates: config.COMPACT_AFTER_UPDATES,
      broadcastWritesPerSecond: config.BROADCAST_WRITES_PER_SECOND,
      maxBroadcastDelayMs: config.MAX_BROADCAST_DELAY_MS,
    },
    app.log,
  );
  const sockets = attachCollabSockets(app.server, rooms, { maxMessageBytes: config.MAX_MESSAGE_BYTES, log: app.log });

  app.get('/healthz', async () => ({ status: 'ok', ...rooms.stats() }));
  if (options.clientDir && fs.existsSync(path.join(options.clientDir, 'index.html'))) {
    await serveClient(app, options.clientDir);
  }

  await app.listen({ port: config.PORT, host: config.HOST });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const shownHost = ['0.0.0.0', '::'].includes(config.HOST) ? 'localhost' : config.HOST;
  const url = `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`;

  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      await rooms.close();
      await sockets.closeAll(CloseCode.ServerRestarting, 'server restarting');
      await app.close();
      await store.close();
    })());

  return { url, port, app, rooms, close };
}

/** The built single-page app: files as they are, and index.html for any other page address. */
async function serveClient(app: FastifyInstance, clientDir: string): Promise<void> {
  await app.register(fastifyStatic, { root: clientDir, wildcard: false, index: ['index.html'] });
  app.setNotFoundHandler((req, reply) => {
    const pathname = req.url.split('?')[0] ?? '/';
    const isPage = req.method === 'GET' && !pathname.startsWith('/api/') && !pathname.startsWith(`${COLLAB_PATH}/`)
      && !path.extname(pathname);
    if (isPage) return reply.type('text/html; charset=utf-8').sendFile('index.html');
    return reply.code(404).send({ code: 'not_found', message: 'Not found' });
  });
}
