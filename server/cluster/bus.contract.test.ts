import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { adminConnection, connectionNames, killConnections, REDIS_URL, redisAvailable, testPrefix } from '../../test/helpers/redis.ts';
import { until } from '../../test/helpers/wait.ts';
import type { Bus } from './bus.ts';
import { LocalBus } from './local-bus.ts';
import { RedisBus } from './redis-bus.ts';

const redis = await redisAvailable('the Redis bus contract');

/** Every bus a test made, closed after it. */
let made: Bus[] = [];
afterEach(async () => {
  await Promise.all(made.map((b) => b.close()));
  made = [];
});

/** Collects what a subscriber hears, as text. */
function listener(): { heard: string[]; handler: (m: Buffer) => void } {
  const heard: string[] = [];
  return { heard, handler: (m) => heard.push(m.toString()) };
}

/** Nothing more arrives within a while that would have been long enough for a delivery. */
async function quietFor(ms = 150): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
}

interface Kind {
  name: string;
  /** A bus for one process; `shared` buses of one kind hear each other where the kind allows it. */
  open(): Promise<Bus>;
}

const kinds: Kind[] = [{ name: 'LocalBus', open: async () => new LocalBus() }];
const prefix = testPrefix();
if (redis) kinds.push({ name: 'RedisBus', open: () => RedisBus.connect(REDIS_URL, { prefix }) });

for (const kind of kinds) {
  describe(kind.name, () => {
    const open = async () => {
      const bus = await kind.open();
      made.push(bus);
      return bus;
    };

    it('[C10] a message reaches every subscriber of its channel, the publisher’s own process included, and no other channel', async () => {
      const bus = await open();
      const [a, b, other] = [listener(), listener(), listener()];
      await bus.subscribe('news', a.handler);
      await bus.subscribe('news', b.handler);
      await bus.subscribe('other', other.handler);
      await bus.publish('news', Buffer.from('phiên họp đã mở'));
      await bus.publish('news', Buffer.from('second'));
      await until(() => a.heard.length === 2 && b.heard.length === 2, 2000, 'both subscribers');
      expect(a.heard).toEqual(['phiên họp đã mở', 'second']);
      expect(b.heard).toEqual(['phiên họp đã mở', 'second']);
      await quietFor();
      expect(other.heard).toEqual([]);
      expect(bus.healthy()).toBe(true);
    });

    it('[C10] an unsubscribed handler hears nothing more; the other subscriptions, even of the same function, still do', async () => {
      const bus = await open();
      const a = listener();
      const first = await bus.subscribe('news', a.handler);
      await bus.subscribe('news', a.handler);
      await bus.publish('news', Buffer.from('1'));
      await until(() => a.heard.length === 2, 2000, 'two subscriptions');
      await first();
      await bus.publish('news', Buffer.from('2'));
      await until(() => a.heard.length === 3, 2000, 'the remaining subscription');
      await quietFor();
      expect(a.heard).toEqual(['1', '1', '2']);
    });

    it('[C10] a message published with a buffer reused afterwards arrives as it was sent', async () => {
      const bus = await open();
      const a = listener();
      await bus.subscribe('news', a.handler);
      const buffer = Buffer.from('trước');
      await bus.publish('news', buffer);
      buffer.fill(0);
      await until(() => a.heard.length === 1, 2000, 'the message');
      expect(a.heard).toEqual(['trước']);
    });

    it('[C12] a closed bus is unhealthy, delivers nothing more and refuses to publish or subscribe', async () => {
      const bus = await open();
      const a = listener();
      await bus.subscribe('news', a.handler);
      await bus.close();
      expect(bus.healthy()).toBe(false);
      await expect(bus.publish('news', Buffer.from('x'))).rejects.toThrow();
      await expect(bus.subscribe('news', () => {})).rejects.toThrow();
      await quietFor();
      expect(a.heard).toEqual([]);
    });
  });
}

describe.runIf(redis)('RedisBus between processes', () => {
  let admin: Redis;
  beforeAll(() => {
    admin = adminConnection();
  });
  afterAll(async () => {
    await admin.quit();
  });
  const open = async (options: { prefix?: string } = {}) => {
    const bus = await RedisBus.connect(REDIS_URL, { prefix: options.prefix ?? prefix });
    made.push(bus);
    return bus;
  };

  it('[C10] a message reaches the subscribers on every process, each process with its own id; another prefix hears nothing', async () => {
    const [one, two, elsewhere] = [await open(), await open(), await open({ prefix: testPrefix() })];
    expect(one.processId).not.toBe(two.processId);
    const [a, b, c] = [listener(), listener(), listener()];
    await one.subscribe('news', a.handler);
    await two.subscribe('news', b.handler);
    await elsewhere.subscribe('news', c.handler);
    await one.publish('news', Buffer.from('từ một'));
    await two.publish('news', Buffer.from('từ hai'));
    await until(() => a.heard.length === 2 && b.heard.length === 2, 2000, 'both processes');
    expect(a.heard).toEqual(['từ một', 'từ hai']);
    expect(b.heard).toEqual(['từ một', 'từ hai']);
    await quietFor();
    expect(c.heard).toEqual([]);
  });

  it('[C10] a channel unsubscribed on one process stays subscribed on the other', async () => {
    const [one, two] = [await open(), await open()];
    const [a, b] = [listener(), listener()];
    const stop = await one.subscribe('news', a.handler);
    await two.subscribe('news', b.handler);
    await stop();
    await two.publish('news', Buffer.from('x'));
    await until(() => b.heard.length === 1, 2000, 'the other process');
    await quietFor();
    expect(a.heard).toEqual([]);
  });

  it('[C11] after its listening connection is cut, the bus is unhealthy until it has subscribed again, then says so and hears again', async () => {
    const [one, two] = [await open(), await open()];
    const a = listener();
    await one.subscribe('news', a.handler);
    await one.subscribe('other', () => {});
    let reconnects = 0;
    one.onReconnect(() => reconnects++);
    let unhealthySeen = false;
    const watch = setInterval(() => (unhealthySeen ||= !one.healthy()), 1);

    expect(await killConnections(admin, `quorum:${one.processId}:sub`)).toBe(1);
    await until(() => reconnects === 1, 5000, 'the reconnect notice');
    clearInterval(watch);
    expect(unhealthySeen).toBe(true);
    expect(one.healthy()).toBe(true);
    // Both channels are subscribed again, on a new connection.
    expect(Number(((await admin.pubsub('NUMSUB', `${prefix}news`)) as [string, number])[1])).toBe(1);
    expect(Number(((await admin.pubsub('NUMSUB', `${prefix}other`)) as [string, number])[1])).toBe(1);
    await two.publish('news', Buffer.from('sau khi nối lại'));
    await until(() => a.heard.length === 1, 2000, 'a message after the reconnect');
    expect(a.heard).toEqual(['sau khi nối lại']);
    expect(reconnects).toBe(1);
  });

  it('[C11] a message published while the publishing connection is cut goes out once it is back', async () => {
    const [one, two] = [await open(), await open()];
    const b = listener();
    await two.subscribe('news', b.handler);
    let reconnects = 0;
    one.onReconnect(() => reconnects++);
    expect(await killConnections(admin, `quorum:${one.processId}:pub`)).toBe(1);
    await one.publish('news', Buffer.from('vẫn đến'));
    await until(() => b.heard.length >= 1, 5000, 'the message');
    expect(b.heard[0]).toBe('vẫn đến');
    // Only the listening connection's loss can lose messages to this process.
    await quietFor();
    expect(reconnects).toBe(0);
  });

  it('[C12] closing ends both connections; connecting to a Redis that does not answer fails in time, naming it', async () => {
    const bus = await open();
    expect((await connectionNames(admin, bus.processId)).sort()).toEqual([`quorum:${bus.processId}:pub`, `quorum:${bus.processId}:sub`]);
    await bus.close();
    await expect.poll(() => connectionNames(admin, bus.processId), { timeout: 2000 }).toEqual([]);

    const started = Date.now();
    await expect(RedisBus.connect('redis://127.0.0.1:1', { connectTimeoutMs: 500 })).rejects.toThrow(/redis:\/\/127\.0\.0\.1:1.*did not answer within 500 ms/);
    expect(Date.now() - started).toBeLessThan(3000);
    const refusal = await RedisBus.connect('redis://quorum:mat-khau@127.0.0.1:1', { connectTimeoutMs: 200 }).catch((err: Error) => err.message);
    expect(refusal).toContain('redis://quorum:***@127.0.0.1:1');
    expect(refusal).not.toContain('mat-khau');
  });
});
