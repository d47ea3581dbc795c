import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { setupRequest, signInRequest, type DemoAccount, type SessionView, type SetupStatus } from '../../../shared/api.ts';
import { checkPassword, setupFirstAdmin } from '../../accounts/commands.ts';
import { sessionCredential } from '../../accounts/sessions.ts';
import { presentUser, type User } from '../../accounts/users.ts';
import { DEMO_PASSWORD, loadDemo } from '../../demo/load.ts';
import { can } from '../../policies.ts';
import type { Services } from '../../services.ts';
import { requireActor, SESSION_COOKIE, sessionSecretOf } from '../auth.ts';
import { AppError, fail } from '../../errors.ts';
import { parse } from '../errors.ts';
import { WindowLimiter } from '../window-limiter.ts';
import { authorize } from '../guard.ts';

export interface SessionRouteOptions {
  sessionTtlMs: number;
  signInAttemptsPerMinute: number;
  signInAttemptsPerAddressPerMinute: number;
}

function sessionView(row: User): SessionView {
  const actor = { id: row.id, isAdmin: row.isAdmin };
  return {
    user: presentUser(row),
    permissions: { manageAccounts: can(actor, { type: 'account.manage' }), createMeetings: can(actor, { type: 'meeting.create' }) },
  };
}

async function startSession(s: Services, req: FastifyRequest, reply: FastifyReply, userId: string, ttlMs: number): Promise<void> {
  // Signing in again (perhaps as someone else, on a shared laptop) ends the session the browser had.
  const previous = sessionSecretOf(req);
  if (previous) await s.credentials.endSession(previous);
  const secret = await s.credentials.createSession(userId);
  reply.setCookie(SESSION_COOKIE, secret, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: req.protocol === 'https',
    maxAge: Math.floor(ttlMs / 1000),
  });
}

export function sessionRoutes(app: FastifyInstance, s: Services, options: SessionRouteOptions): void {
  const perAddress = new WindowLimiter(options.signInAttemptsPerAddressPerMinute, 60_000);
  app.get('/api/setup', async (): Promise<SetupStatus> => ({ needsSetup: await s.users.count() === 0 }));

  app.post('/api/setup', async (req, reply) => {
    const input = parse(setupRequest, req.body);
    const admin = await setupFirstAdmin(s, input);
    const demo = input.loadDemo ? await loadDemo(s, admin.id) : null;
    await startSession(s, req, reply, admin.id, options.sessionTtlMs);
    return reply.code(201).send({ user: presentUser(admin), demo });
  });

  app.get('/api/demo-accounts', async (): Promise<DemoAccount[]> => {
    const demoMeeting = (await s.meetings.list(null)).find((m) => m.isDemo);
    const accounts: DemoAccount[] = [];
    for (const u of await s.users.demoUsers()) {
      const role = demoMeeting ? await s.meetings.roleOf(demoMeeting.id, u.id) : null;
      accounts.push({ username: u.username, fullName: u.fullName, role: role ?? 'delegate', password: DEMO_PASSWORD });
    }
    return accounts;
  });

  app.post('/api/demo', async (req, reply) => {
    const actor = requireActor(req);
    authorize(actor, { type: 'account.manage' });
    return reply.code(201).send(await loadDemo(s, actor.id));
  });

  app.post(
    '/api/session',
    {
      // Per address, whatever the usernames: one machine trying hundreds of made-up names is held back before any
      // of them costs a password hash.
      onRequest: async (req: FastifyRequest, reply: FastifyReply) => {
        const wait = perAddress.hit(req.ip);
        if (wait > 0) {
          reply.header('retry-after', String(wait));
          throw new AppError('rate_limited');
        }
      },
      config: {
        rateLimit: {
          max: options.signInAttemptsPerMinute,
          timeWindow: 60_000,
          hook: 'preHandler',
          // Per address and username: guessing one account's password is slowed, a hall of delegates behind
          // one NAT address signing in at once is not.
          keyGenerator: (req: FastifyRequest) => {
            const body = req.body as { username?: unknown } | undefined;
            const username = typeof body?.username === 'string' ? body.username.trim().toLowerCase() : '';
            return `${req.ip}|${username}`;
          },
        },
      },
    },
    async (req, reply) => {
      const input = parse(signInRequest, req.body);
      const row = await checkPassword(s, input.username, input.password);
      await startSession(s, req, reply, row.id, options.sessionTtlMs);
      return sessionView(row);
    },
  );

  app.get('/api/session', async (req) => {
    const actor = requireActor(req);
    return sessionView(await s.users.byId(actor.id) ?? fail('unauthenticated'));
  });

  app.delete('/api/session', async (req, reply) => {
    const secret = sessionSecretOf(req);
    if (secret) {
      await s.credentials.endSession(secret);
      s.closeSockets({ credential: sessionCredential(secret) }, 'signedOut');
    }
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });
}
