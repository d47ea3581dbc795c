import type { FastifyInstance } from 'fastify';
import type { Bus } from '../../cluster/bus.ts';
import type { RoomStats } from '../../collab/rooms.ts';
import { errorBody } from '../errors.ts';

export interface HealthOptions {
  /** A trivial query through the engine: resolves when the database answers. */
  ping: () => Promise<unknown>;
  /** The bus between processes; null when this process is the only one (`redis: "none"`). */
  bus: Bus | null;
  stats: () => RoomStats;
  /** A database slower than this counts as down: a check that hangs tells a load balancer nothing. */
  timeoutMs: number;
}

/**
 * `GET /healthz`, for a load balancer or an orchestrator: 200 when this process can do its work, 503 with the
 * code of what it cannot reach (the database first: without it nothing works; without Redis, this process's
 * clients miss what the other processes do). The same answer serves liveness and readiness: a process that
 * answers 503 is running, and comes back to 200 by itself once what it lacks is back.
 */
export function healthRoutes(app: FastifyInstance, options: HealthOptions): void {
  app.get('/healthz', async (req, reply) => {
    const database = (await answersWithin(options.ping, options.timeoutMs)) ? 'ok' : 'unavailable';
    const redis = options.bus === null ? 'none' : options.bus.healthy() ? 'ok' : 'unavailable';
    const state = { database, redis, ...options.stats() };
    if (database === 'ok' && redis !== 'unavailable') return { status: 'ok', ...state };
    const code = database !== 'ok' ? 'database_unavailable' : 'redis_unavailable';
    return reply.code(503).send({ status: 'unavailable', ...errorBody(req, code), ...state });
  });
}

async function answersWithin(work: () => Promise<unknown>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  try {
    return await Promise.race([work().then(() => true, () => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
