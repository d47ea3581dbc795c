import type { FastifyRequest } from 'fastify';

/**
 * Route config for `@fastify/rate-limit`: at most `max` requests a minute from one person, counted for each route on
 * its own, after authentication (so it counts the person, not the address: a hall behind one address is not one
 * person). For routes whose every call costs real work: version saves, exports, the audit record's full check.
 */
export function perPersonPerMinute(max: number) {
  return {
    rateLimit: {
      max,
      timeWindow: 60_000,
      hook: 'preHandler' as const,
      keyGenerator: (req: FastifyRequest) => req.actor?.id ?? req.ip,
      // Not the global limit's exemption of reads: an export is a read, and this limit is for it.
      allowList: () => false,
    },
  };
}
