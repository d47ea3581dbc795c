import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { silentLogger, type Logger } from '../collab/peer.ts';
import type { Bus } from './bus.ts';

type Handler = (message: Buffer) => void;

export interface RedisBusOptions {
  /**
   * Every channel's name on Redis starts with this: installations (or test runs) sharing one Redis never hear each
   * other. Callers name channels without it.
   */
  prefix?: string;
  log?: Logger;
  /** How long `connect` waits for Redis before the server refuses to start. */
  connectTimeoutMs?: number;
}

/** Between attempts to reach Redis again: soon after a blip, every 2 s while it stays away. */
const retryDelay = (attempt: number) => Math.min(attempt * 100, 2000);

/**
 * The bus between the processes of one installation, on Redis pub/sub (`REDIS_URL`).
 *
 * Two connections, because a connection that has subscribed can do nothing but listen: one publishes, one listens.
 * Pub/sub keeps nothing, so a message is heard by the processes listening when it is sent: while this process's
 * listening connection is down it misses messages, and once it is back (re-subscribed to every channel it had) it
 * calls the `onReconnect` handlers, which catch up from the database. Messages published while the publishing
 * connection is down wait in ioredis's queue and go out, in order, once it is back (a command may then be sent
 * twice: subscribers must take a message again without harm). Publishing never fails because Redis is away; it
 * waits for it.
 */
export class RedisBus implements Bus {
  private readonly handlers = new Map<string, Set<Handler>>();
  private readonly reconnectHandlers: (() => void)[] = [];
  private readonly prefix: string;
  private readonly log: Logger;
  private closed = false;
  /** Set after a reconnect until every channel is subscribed again: messages may still be missed meanwhile. */
  private resubscribing = false;

  private constructor(
    readonly processId: string,
    private readonly pub: Redis,
    private readonly sub: Redis,
    options: RedisBusOptions,
  ) {
    this.prefix = options.prefix ?? 'quorum:';
    this.log = options.log ?? silentLogger;
  }

  /** Connects both connections; rejects (and leaves nothing open) when Redis does not answer in time. */
  static async connect(url: string, options: RedisBusOptions = {}): Promise<RedisBus> {
    const log = options.log ?? silentLogger;
    const processId = randomBytes(8).toString('hex');
    const connection = (role: 'pub' | 'sub') =>
      new Redis(url, {
        // Named so that an operator (and the tests) can tell the connections apart in CLIENT LIST.
        connectionName: `quorum:${processId}:${role}`,
        retryStrategy: retryDelay,
        // Commands wait for the connection however long Redis is away, rather than failing after 20 attempts:
        // a publish is news of something already committed, better late than lost.
        maxRetriesPerRequest: null,
        // This bus subscribes again itself, and only then says it is back: ioredis's own resubscription is sent
        // after its "ready", so a catch-up started on "ready" could miss what was published before it took effect.
        autoResubscribe: false,
        lazyConnect: true,
      });
    const pub = connection('pub');
    const sub = connection('sub');
    const bus = new RedisBus(processId, pub, sub, options);
    const timeoutMs = options.connectTimeoutMs ?? 10_000;
    try {
      await Promise.all([ready(pub, timeoutMs), ready(sub, timeoutMs)]);
    } catch (err) {
      pub.disconnect();
      sub.disconnect();
      throw new Error(`Redis at ${redactedUrl(url)} did not answer within ${timeoutMs} ms: ${(err as Error).message}`);
    }
    bus.watch(pub, 'pub');
    bus.watch(sub, 'sub');
    sub.on('messageBuffer', (channel: Buffer, message: Buffer) => bus.dispatch(channel.toString(), message));
    sub.on('ready', () => void bus.resubscribe());
    log.info({ processId }, 'connected to Redis');
    return bus;
  }

  async publish(channel: string, message: Buffer): Promise<void> {
    if (this.closed) throw new Error('bus closed');
    await this.pub.publish(this.prefix + channel, message);
  }

  async subscribe(channel: string, handler: Handler): Promise<() => Promise<void>> {
    if (this.closed) throw new Error('bus closed');
    let handlers = this.handlers.get(channel);
    if (!handlers) this.handlers.set(channel, (handlers = new Set()));
    const own: Handler = (message) => handler(message);
    handlers.add(own);
    // Sent even when the channel is already subscribed: resolving once Redis confirms it is what the caller waits for.
    // Commands on one connection keep their order, so Redis ends as the last change to `handlers` left it.
    await this.sub.subscribe(this.prefix + channel);
    return async () => {
      handlers.delete(own);
      if (handlers.size > 0 || this.handlers.get(channel) !== handlers) return;
      this.handlers.delete(channel);
      if (!this.closed) await this.sub.unsubscribe(this.prefix + channel);
    };
  }

  onReconnect(handler: () => void): void {
    this.reconnectHandlers.push(handler);
  }

  healthy(): boolean {
    return !this.closed && !this.resubscribing && this.pub.status === 'ready' && this.sub.status === 'ready';
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.handlers.clear();
    await Promise.all([quit(this.pub), quit(this.sub)]);
  }

  private dispatch(prefixed: string, message: Buffer): void {
    if (!prefixed.startsWith(this.prefix)) return;
    const channel = prefixed.slice(this.prefix.length);
    for (const handler of this.handlers.get(channel) ?? []) {
      try {
        handler(message);
      } catch (err) {
        this.log.error({ channel, err: String(err) }, 'a bus subscriber failed');
      }
    }
  }

  /** After the listening connection came back: subscribes to every channel again, then tells the handlers. */
  private async resubscribe(): Promise<void> {
    if (this.closed) return;
    this.resubscribing = true;
    try {
      const channels = [...this.handlers.keys()].map((c) => this.prefix + c);
      if (channels.length > 0) await this.sub.subscribe(...channels);
    } catch (err) {
      // The connection went again; its next "ready" starts over.
      this.log.warn({ err: String(err) }, 'could not subscribe again after reconnecting to Redis');
      return;
    }
    if (this.closed) return;
    this.resubscribing = false;
    this.log.warn({ processId: this.processId }, 'reconnected to Redis; catching up from the database');
    for (const handler of this.reconnectHandlers) {
      try {
        handler();
      } catch (err) {
        this.log.error({ err: String(err) }, 'a bus reconnect handler failed');
      }
    }
  }

  /** Logs a connection's loss once, not every retry, and its return. */
  private watch(connection: Redis, role: 'pub' | 'sub'): void {
    let lost = false;
    connection.on('error', (err: Error) => {
      if (!lost && !this.closed) this.log.error({ role, err: err.message }, 'Redis connection error');
      lost = true;
    });
    connection.on('close', () => {
      if (!lost && !this.closed) this.log.error({ role }, 'lost the connection to Redis; retrying');
      lost = true;
      // Until the listening connection has subscribed again, this process may be missing messages.
      if (role === 'sub') this.resubscribing = true;
    });
    connection.on('ready', () => {
      if (lost && !this.closed && role === 'pub') this.log.warn({ role }, 'reconnected to Redis');
      lost = false;
    });
  }
}

/** Resolves when the connection is ready; rejects with its last error after `timeoutMs`. */
function ready(connection: Redis, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let lastError: Error | null = null;
    const onError = (err: Error) => (lastError = err);
    const timer = setTimeout(() => {
      connection.off('error', onError);
      reject(lastError ?? new Error('timed out'));
    }, timeoutMs);
    connection.on('error', onError);
    connection.once('ready', () => {
      clearTimeout(timer);
      connection.off('error', onError);
      resolve();
    });
    // Rejected when the first attempt fails; the retries go on, and the timer decides.
    connection.connect().catch(() => {});
  });
}

/** QUIT when connected (Redis answers, so nothing in flight is cut), else just drop the connection. */
async function quit(connection: Redis): Promise<void> {
  if (connection.status !== 'ready') {
    connection.disconnect();
    return;
  }
  const timer = setTimeout(() => connection.disconnect(), 2000);
  try {
    await connection.quit();
  } catch {
    connection.disconnect();
  } finally {
    clearTimeout(timer);
  }
}

/** The URL without its password, for messages and logs (Redis's and PostgreSQL's alike). */
export function redactedUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'REDIS_URL';
  }
}
