import { afterEach, describe, expect, it } from 'vitest';
import { clustersForEachTest } from '../helpers/cluster.ts';
import { OwnRedis } from '../helpers/redis.ts';

const installation = clustersForEachTest();
let redis: OwnRedis | null = null;
afterEach(async () => {
  await redis?.stop();
  redis = null;
});

async function health(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${url}/healthz`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('the health check of each process', () => {
  it('[C14] reports the database and Redis: 200 while both answer, 503 with the code of the one that does not, and 200 again when it is back; requests that need the database meanwhile answer 503 database_unavailable', async () => {
    // A Redis of the test's own, to stop and start without disturbing anyone else's.
    redis = await OwnRedis.start();
    const cluster = await installation({ processes: 3, redisUrl: redis.url });
    for (const url of cluster.urls) {
      expect(await health(url)).toEqual({
        status: 200,
        body: { status: 'ok', database: 'ok', redis: 'ok', rooms: 0, connections: 0, savingPaused: 0, heldBytes: 0 },
      });
    }

    await redis.stop();
    for (const url of cluster.urls) {
      await expect.poll(() => health(url), { timeout: 5000 }).toMatchObject({
        status: 503,
        body: { status: 'unavailable', code: 'redis_unavailable', database: 'ok', redis: 'unavailable' },
      });
    }
    await redis.restart();
    for (const url of cluster.urls) {
      await expect.poll(() => health(url), { timeout: 10_000 }).toMatchObject({ status: 200, body: { status: 'ok', redis: 'ok' } });
    }

    // The database gone (dropped, its connections cut): every process says so, within the check's time-out.
    await cluster.dropDatabase();
    for (const url of cluster.urls) {
      const started = Date.now();
      expect(await health(url)).toMatchObject({
        status: 503,
        body: { status: 'unavailable', code: 'database_unavailable', database: 'unavailable', redis: 'ok' },
      });
      expect(Date.now() - started).toBeLessThan(3000);
      // A request that needs the database is told the same, in words and with a stable code, not a bare 500.
      const setup = await fetch(`${url}/api/setup`, { headers: { 'accept-language': 'en' } });
      expect(setup.status).toBe(503);
      expect(setup.headers.get('retry-after')).toBe('5');
      expect(await setup.json()).toMatchObject({ code: 'database_unavailable', message: expect.stringContaining('database') });
    }
  });
});
