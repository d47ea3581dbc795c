import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { actorOf, type Actor } from '../accounts/users.ts';
import { sessionCredential, tokenCredential, type Credentials } from '../accounts/sessions.ts';
import { fail } from '../errors.ts';
import type { OriginPolicy } from './origins.ts';

export const SESSION_COOKIE = 'quorum_session';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in person or the token's owner; null when neither. */
    actor: Actor | null;
    /** How the actor was identified: the cookie needs the Origin check; a bearer token cannot be sent by another site. */
    authVia: 'session' | 'token' | null;
  }
}

export const STATE_CHANGING_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function parseCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeCookieValue(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** A malformed escape (`%E0`) is a value that matches no session, not a crash of the request. */
function decodeCookieValue(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** Who a raw request (HTTP or websocket upgrade) comes from: the session cookie, or a bearer or query token. */
export async function identify(
  credentials: Credentials,
  req: IncomingMessage,
  options: { allowQueryToken: boolean },
): Promise<{ actor: Actor; via: 'session' | 'token'; credential: string } | null> {
  const auth = req.headers.authorization;
  let token: string | undefined;
  if (auth?.startsWith('Bearer ')) token = auth.slice('Bearer '.length).trim();
  else if (options.allowQueryToken) token = new URL(req.url ?? '/', 'http://localhost').searchParams.get('token') ?? undefined;
  if (token) {
    const found = await credentials.tokenUser(token);
    return found ? { actor: actorOf(found.user), via: 'token', credential: tokenCredential(found.tokenId) } : null;
  }
  const secret = parseCookie(req.headers.cookie, SESSION_COOKIE);
  if (!secret) return null;
  const user = await credentials.sessionUser(secret);
  return user ? { actor: actorOf(user), via: 'session', credential: sessionCredential(secret) } : null;
}

export function sessionSecretOf(req: FastifyRequest): string | undefined {
  return parseCookie(req.headers.cookie, SESSION_COOKIE);
}

/** Whether a raw request carries our session cookie (by name, not by a substring of another cookie's name). */
export const hasSessionCookie = (req: IncomingMessage): boolean => parseCookie(req.headers.cookie, SESSION_COOKIE) !== undefined;

/**
 * Identifies every API request and applies the Origin and Host checks before any handler runs. A request with a
 * valid bearer token is not held to the Host check: a page cannot attach a token it does not have, whatever name
 * it was loaded from.
 */
export function registerAuth(app: FastifyInstance, credentials: Credentials, origins: OriginPolicy): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('authVia', null);
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    const who = await identify(credentials, req.raw, { allowQueryToken: false });
    req.actor = who?.actor ?? null;
    req.authVia = who?.via ?? null;
    if (!STATE_CHANGING_METHODS.has(req.method)) return;
    const origin = req.headers.origin;
    if (origin !== undefined) {
      if (!origins.originAllowed(origin)) fail('origin_mismatch');
    } else if (req.authVia !== 'token' && hasSessionCookie(req.raw)) {
      // Browsers send Origin on every cross-site POST; a cookie-carrying request without one is not from our page.
      fail('origin_mismatch');
    }
    if (req.authVia !== 'token' && !origins.hostAllowed(req.raw)) fail('origin_mismatch');
  });
}

export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) fail('unauthenticated');
  return req.actor;
}
