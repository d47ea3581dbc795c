import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Bus } from '../../server/cluster/bus.ts';

/**
 * Buses for tests of several processes' rooms in one test process (the real bus implementations are in
 * `server/cluster/`). `BusHub` is one in-memory pub/sub that several "processes" join, with the faults a real bus
 * has made controllable: a message lost, messages held back (and then delivered late, or lost), the connection
 * coming back. `redisTestBus` is a minimal bus over real Redis, for the tests that mean to cross it.
 */
export interface HubMessage {
  from: string;
  channel: string;
  message: Buffer;
}

export class BusHub {
  private readonly subscribers = new Map<string, Set<{ processId: string; handler: (message: Buffer) => void }>>();
  private readonly reconnectHandlers = new Map<string, (() => void)[]>();
  /** Messages held back, in order, for `release` or `discard`. */
  private held: { to: string; message: HubMessage; deliver: () => void }[] = [];
  /** Decides, per message and receiving process, whether it is lost (`drop`) or held back (`hold`). */
  filter: (message: HubMessage, to: string) => 'deliver' | 'drop' | 'hold' = () => 'deliver';
  /** Every message published, in order. */
  readonly published: HubMessage[] = [];
  /** How long each delivery takes (ms); 0 is the next turn of the event loop. Different delays reorder messages. */
  delay: () => number = () => 0;

  join(processId = `p-${randomBytes(4).toString('hex')}`): Bus & { processId: string } {
    const { subscribers, reconnectHandlers } = this;
    const published = (sent: HubMessage) => this.published.push(sent);
    const fate = (sent: HubMessage, to: string) => this.filter(sent, to);
    const hold = (entry: { to: string; message: HubMessage; deliver: () => void }) => this.held.push(entry);
    const delay = () => this.delay();
    return {
      processId,
      async publish(channel, message) {
        const sent: HubMessage = { from: processId, channel, message: Buffer.from(message) };
        published(sent);
        for (const sub of [...(subscribers.get(channel) ?? [])]) {
          const deliver = () => {
            const ms = delay();
            if (ms > 0) setTimeout(() => sub.handler(sent.message), ms);
            else setImmediate(() => sub.handler(sent.message));
          };
          const decided = fate(sent, sub.processId);
          if (decided === 'deliver') deliver();
          else if (decided === 'hold') hold({ to: sub.processId, message: sent, deliver });
        }
      },
      async subscribe(channel, handler) {
        const sub = { processId, handler };
        let set = subscribers.get(channel);
        if (!set) subscribers.set(channel, (set = new Set()));
        set.add(sub);
        return async () => void set.delete(sub);
      },
      onReconnect(handler) {
        reconnectHandlers.set(processId, [...(reconnectHandlers.get(processId) ?? []), handler]);
      },
      healthy: () => true,
      close: async () => {},
    };
  }

  /** Delivers the messages held back, in the order they were sent. */
  release(): void {
    const held = this.held;
    this.held = [];
    for (const h of held) h.deliver();
  }

  /** Forgets the messages held back: lost, as with a Redis restart. */
  discard(): number {
    const n = this.held.length;
    this.held = [];
    return n;
  }

  /** The bus connection of `processId` came back (after losing whatever was sent meanwhile). */
  reconnect(processId: string): void {
    for (const handler of this.reconnectHandlers.get(processId) ?? []) handler();
  }
}

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Whether Redis answers at REDIS_URL; under CI=true it must. */
export async function redisAvailable(suite: string): Promise<boolean> {
  const probe = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await probe.connect();
    await probe.ping();
    return true;
  } catch (err) {
    if (process.env.CI) throw new Error(`CI=true and Redis is not reachable at ${REDIS_URL}: ${String(err)}`);
    console.warn(`Skipping ${suite} over Redis: not reachable at ${REDIS_URL} (${String(err)}).`);
    return false;
  } finally {
    probe.disconnect();
  }
}

/**
 * A minimal bus over real Redis pub/sub (one connection to publish, one to listen), with channels under a prefix of
 * its own so that tests running at once never hear each other.
 */
export async function redisTestBus(prefix: string, processId = `p-${randomBytes(4).toString('hex')}`): Promise<Bus> {
  const pub = new Redis(REDIS_URL);
  const sub = new Redis(REDIS_URL);
  const handlers = new Map<string, Set<(message: Buffer) => void>>();
  const reconnect: (() => void)[] = [];
  let ready = false;
  sub.on('ready', () => {
    if (ready) for (const h of reconnect) h();
    ready = true;
  });
  sub.on('messageBuffer', (channel: Buffer, message: Buffer) => {
    for (const h of handlers.get(channel.toString().slice(prefix.length)) ?? []) h(message);
  });
  await Promise.all([pub.ping(), sub.ping()]);
  return {
    processId,
    async publish(channel, message) {
      await pub.publish(prefix + channel, message);
    },
    async subscribe(channel, handler) {
      let set = handlers.get(channel);
      if (!set) {
        handlers.set(channel, (set = new Set()));
        await sub.subscribe(prefix + channel);
      }
      set.add(handler);
      return async () => {
        set.delete(handler);
        if (set.size === 0 && handlers.get(channel) === set) {
          handlers.delete(channel);
          await sub.unsubscribe(prefix + channel);
        }
      };
    },
    onReconnect(handler) {
      reconnect.push(handler);
    },
    healthy: () => pub.status === 'ready' && sub.status === 'ready',
    async close() {
      pub.disconnect();
      sub.disconnect();
    },
  };
}
