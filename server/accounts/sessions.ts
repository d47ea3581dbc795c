import type { Db } from '../db/database.ts';
import { newId, newSecret, nowIso } from '../ids.ts';
import { hashSecret } from './passwords.ts';
import type { UserRow } from './users.ts';

/**
 * Server-side sessions and API tokens. The browser holds a random secret; the database holds its SHA-256, so a
 * stolen database copy does not sign anyone in.
 */
export class Credentials {
  constructor(
    private readonly db: Db,
    private readonly sessionTtlMs: number,
  ) {}

  async createSession(userId: string): Promise<string> {
    const secret = newSecret();
    this.db
      .prepare('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)')
      .run(hashSecret(secret), userId, nowIso(), Date.now() + this.sessionTtlMs);
    return secret;
  }

  /** The account of a live session, sliding its expiry forward; undefined when expired, unknown or disabled. */
  async sessionUser(secret: string): Promise<UserRow | undefined> {
    const hash = hashSecret(secret);
    const row = this.db
      .prepare(
        `SELECT u.*, s.expires_at AS session_expires FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = ?`,
      )
      .get(hash) as (UserRow & { session_expires: number }) | undefined;
    if (!row) return undefined;
    const now = Date.now();
    if (row.session_expires < now || row.disabled === 1) {
      this.db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(hash);
      return undefined;
    }
    // Written at most once a minute per session, not on every request.
    if (row.session_expires - now < this.sessionTtlMs - 60_000) {
      this.db.prepare('UPDATE sessions SET expires_at = ? WHERE token_hash = ?').run(now + this.sessionTtlMs, hash);
    }
    const { session_expires: _, ...user } = row;
    return user;
  }

  async endSession(secret: string): Promise<void> {
    this.db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(hashSecret(secret));
  }

  /** Ends every session of the account, except the one whose secret is `keep` (the person's own, current one). */
  async endSessionsOf(userId: string, keep?: string): Promise<void> {
    this.db.prepare('DELETE FROM sessions WHERE user_id = ? AND token_hash != ?').run(userId, keep ? hashSecret(keep) : '');
  }

  /** `expiresAt`: milliseconds since the epoch, or null for a token that works until revoked. */
  async createToken(userId: string, name: string, expiresAt: number | null = null): Promise<{ id: string; secret: string; createdAt: string }> {
    const id = newId('t');
    const secret = newSecret('qrm_');
    const createdAt = nowIso();
    this.db
      .prepare('INSERT INTO api_tokens (id, user_id, name, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(id, userId, name, hashSecret(secret), createdAt, expiresAt);
    return { id, secret, createdAt };
  }

  async tokenUser(secret: string): Promise<{ user: UserRow; tokenId: string } | undefined> {
    const hash = hashSecret(secret);
    const row = this.db
      .prepare(
        `SELECT u.*, t.id AS token_id, t.last_used_at AS token_used FROM api_tokens t JOIN users u ON u.id = t.user_id
         WHERE t.token_hash = ? AND (t.expires_at IS NULL OR t.expires_at > ?)`,
      )
      .get(hash, Date.now()) as (UserRow & { token_id: string; token_used: string | null }) | undefined;
    if (!row || row.disabled === 1) return undefined;
    const now = new Date();
    if (!row.token_used || now.getTime() - Date.parse(row.token_used) > 60_000) {
      this.db.prepare('UPDATE api_tokens SET last_used_at = ? WHERE id = ?').run(now.toISOString(), row.token_id);
    }
    const { token_id: tokenId, token_used: _used, ...user } = row;
    return { user, tokenId };
  }

  async tokens(userId: string): Promise<TokenRow[]> {
    return this.db
      .prepare('SELECT id, user_id, name, created_at, last_used_at, expires_at FROM api_tokens WHERE user_id = ? ORDER BY created_at')
      .all(userId) as TokenRow[];
  }

  async token(id: string): Promise<TokenRow | undefined> {
    return this.db
      .prepare('SELECT id, user_id, name, created_at, last_used_at, expires_at FROM api_tokens WHERE id = ?')
      .get(id) as TokenRow | undefined;
  }

  async revokeToken(id: string): Promise<void> {
    this.db.prepare('DELETE FROM api_tokens WHERE id = ?').run(id);
  }

  /** Every token of the account, when its password is reset: a token is no older secret than the password. */
  async revokeTokensOf(userId: string): Promise<number> {
    return this.db.prepare('DELETE FROM api_tokens WHERE user_id = ?').run(userId).changes;
  }

  /** Expired sessions are deleted when seen; this sweeps the ones never seen again. */
  async sweepExpired(): Promise<void> {
    this.db.prepare('DELETE FROM sessions WHERE expires_at < ?').run(Date.now());
  }
}

/** How a sync connection names the credential that admitted it (see collab/connection.ts Principal). */
export function sessionCredential(secret: string): string {
  return `session:${hashSecret(secret)}`;
}

export function tokenCredential(tokenId: string): string {
  return `token:${tokenId}`;
}

export interface TokenRow {
  id: string;
  user_id: string;
  name: string;
  created_at: string;
  last_used_at: string | null;
  expires_at: number | null;
}
