import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  createTokenRequest,
  createUserRequest,
  updateUserRequest,
  type CreatedToken,
  type TokenView,
  type UserView,
} from '../../../shared/api.ts';
import { createAccount, updateAccount } from '../../accounts/commands.ts';
import { tokenCredential, type ApiToken } from '../../accounts/sessions.ts';
import { presentUser } from '../../accounts/users.ts';
import type { Services } from '../../services.ts';
import { requireActor, sessionSecretOf } from '../auth.ts';
import { fail } from '../../errors.ts';
import { parse } from '../errors.ts';
import { authorize } from '../guard.ts';

function presentToken(row: ApiToken): TokenView {
  return {
    id: row.id,
    userId: row.userId,
    name: row.name,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    expiresAt: row.expiresAt === null ? null : new Date(row.expiresAt).toISOString(),
  };
}

const listUsersQuery = z.object({ q: z.string().trim().max(100).optional() });
const tokensQuery = z.object({ userId: z.string().optional() });
const idParams = z.object({ id: z.string().min(1) });

export function userRoutes(app: FastifyInstance, s: Services, options: { passwordAttemptsPerMinute: number }): void {
  app.get('/api/users', async (req): Promise<UserView[]> => {
    const actor = requireActor(req);
    const { q } = parse(listUsersQuery, req.query);
    if (q === undefined) {
      authorize(actor, { type: 'account.manage' });
      return (await s.users.list()).map(presentUser);
    }
    const managesAnyMeeting = (await s.meetings.list(actor.id)).some((m) => m.myRole === 'chair' || m.myRole === 'secretary');
    authorize(actor, { type: 'user.search', managesAnyMeeting });
    return (await s.users.search(q)).map(presentUser);
  });

  app.post('/api/users', async (req, reply) => {
    const actor = requireActor(req);
    authorize(actor, { type: 'account.manage' });
    const { row: _row, ...created } = await createAccount(s, actor, parse(createUserRequest, req.body));
    return reply.code(201).send(created);
  });

  app.patch(
    '/api/users/:id',
    {
      config: {
        // Guessing one's current password (on a laptop left signed in) is slowed like guessing it at sign-in.
        rateLimit: {
          max: options.passwordAttemptsPerMinute,
          timeWindow: 60_000,
          hook: 'preHandler',
          keyGenerator: (req: FastifyRequest) => `password|${req.ip}|${req.actor?.id ?? ''}`,
          allowList: (req: FastifyRequest) => (req.body as { currentPassword?: unknown } | undefined)?.currentPassword === undefined,
        },
      },
    },
    async (req): Promise<UserView> => {
      const actor = requireActor(req);
      const { id } = parse(idParams, req.params);
      return updateAccount(s, actor, id, parse(updateUserRequest, req.body), sessionSecretOf(req));
    },
  );

  app.get('/api/tokens', async (req): Promise<TokenView[]> => {
    const actor = requireActor(req);
    const userId = parse(tokensQuery, req.query).userId ?? actor.id;
    authorize(actor, { type: 'token.manage', ownerId: userId });
    return (await s.credentials.tokens(userId)).map(presentToken);
  });

  app.post('/api/tokens', async (req, reply) => {
    const actor = requireActor(req);
    // A token is a credential for programs; one that leaked must not be able to mint more that outlive its revocation.
    if (req.authVia === 'token') fail('token_cannot_create_tokens');
    const input = parse(createTokenRequest, req.body);
    const userId = input.userId ?? actor.id;
    authorize(actor, { type: 'token.manage', ownerId: userId });
    if (!await s.users.byId(userId)) fail('not_found', 'userId');
    const expiresAt = input.expiresInDays === undefined ? null : Date.now() + input.expiresInDays * 86_400_000;
    const created = await s.uow.run(async (tx) => {
      const t = await tx.credentials.createToken(userId, input.name, expiresAt);
      await tx.audit.append({
        actorId: actor.id,
        meetingId: null,
        action: 'token.created',
        payload: { tokenId: t.id, userId, name: input.name, expiresAt: expiresAt === null ? null : new Date(expiresAt).toISOString() },
      });
      return t;
    });
    const body: CreatedToken = { token: presentToken((await s.credentials.token(created.id))!), secret: created.secret };
    return reply.code(201).send(body);
  });

  app.delete('/api/tokens/:id', async (req, reply) => {
    const actor = requireActor(req);
    const { id } = parse(idParams, req.params);
    const token = await s.credentials.token(id);
    // Someone else's token is as unknown to the caller as one that does not exist.
    if (!token || !(actor.isAdmin || token.userId === actor.id)) fail('not_found');
    await s.uow.run(async (tx) => {
      await tx.credentials.revokeToken(id);
      await tx.audit.append({ actorId: actor.id, meetingId: null, action: 'token.revoked', payload: { tokenId: id, userId: token.userId } });
    });
    s.closeSockets({ credential: tokenCredential(id) }, 'signedOut');
    return reply.code(204).send();
  });
}
