import { sql, type Kysely, type Selectable } from 'kysely';
import type { Schema, UsersTable } from '../db/schema.ts';
import { newId, newSecret, nowIso } from '../ids.ts';
import { hashSecret } from './passwords.ts';
import { userOf, type User } from './users.ts';

/** An API token as its owner and administrators see it (never its secret, which only its hash in the database matches). */
export interface ApiToken {
  id: string;
  userId: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  /** Milliseconds since the epoch; null for a token that works until revoked. */
  expiresAt: number | null;
}

/**
 * Server-side sessions and API tokens. The browser holds a random secret; the database holds its SHA-256, so a
 * stolen database copy does not sign anyone in.
 */
export class Credentials {
  constructor(
    private readonly db: Kysely<Schema>,
    private readonly sessionTtlMs: number,
  ) {}

  async createSession(userId: string): Promise<string> {
    const secret = newSecret();
    await this.db
      .insertInto('sessions')
      .values({ token_hash: hashSecret(secret), user_id: userId, created_at: nowIso(), expires_at: Date.now() + this.sessionTtlMs })
      .execute();
    return secret;
  }

  /** The account of a live session, sliding its expiry forward; undefined when expired, unknown or disabled. */
  async sessionUser(secret: string): Promise<User | undefined> {
    const hash = hashSecret(secret);
    // Every request asks this: written with `sql` rather than the builder, which costs more than the query.
    const found = await sql<Selectable<UsersTable> & { session_expires: number }>`
      SELECT u.*, s.expires_at AS session_expires FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.token_hash = ${hash}`.execute(this.db);
    const row = found.rows[0];
    if (!row) return undefined;
    const now = Date.now();
    if (row.session_expires < now || row.disabled === 1) {
      await this.db.deleteFrom('sessions').where('token_hash', '=', hash).execute();
      return undefined;
    }
    // Written at most once a minute per session, not on every request.
    if (row.session_expires - now < this.sessionTtlMs - 60_000) {
      await this.db.updateTable('sessions').set({ expires_at: now + this.sessionTtlMs }).where('token_hash', '=', hash).execute();
    }
    return userOf(row);
  }

  async endSession(secret: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('token_hash', '=', hashSecret(secret)).execute();
  }

  /** Ends every session of the account, except the one whose secret is `keep` (the person's own, current one). */
  async endSessionsOf(userId: string, keep?: string): Promise<void> {
    await this.db
      .deleteFrom('sessions')
      .where('user_id', '=', userId)
      .where('token_hash', '!=', keep ? hashSecret(keep) : '')
      .execute();
  }

  /** `expiresAt`: milliseconds since the epoch, or null for a token that works until revoked. */
  async createToken(userId: string, name: string, expiresAt: number | null = null): Promise<{ id: string; secret: string; createdAt: string }> {
    const id = newId('t');
    const secret = newSecret('qrm_');
    const createdAt = nowIso();
    await this.db
      .insertInto('api_tokens')
      .values({ id, user_id: userId, name, token_hash: hashSecret(secret), created_at: createdAt, expires_at: expiresAt })
      .execute();
    return { id, secret, createdAt };
  }

  /** The account of a live token, noting when it was last used (at most once a minute); undefined when expired, unknown or disabled. */
  async tokenUser(secret: string): Promise<{ user: User; tokenId: string } | undefined> {
    const found = await sql<Selectable<UsersTable> & { token_id: string; token_used: string | null }>`
      SELECT u.*, t.id AS token_id, t.last_used_at AS token_used FROM api_tokens t JOIN users u ON u.id = t.user_id
      WHERE t.token_hash = ${hashSecret(secret)} AND (t.expires_at IS NULL OR t.expires_at > ${Date.now()})`.execute(this.db);
    const row = found.rows[0];
    if (!row || row.disabled === 1) return undefined;
    const now = new Date();
    if (!row.token_used || now.getTime() - Date.parse(row.token_used) > 60_000) {
      await this.db.updateTable('api_tokens').set({ last_used_at: now.toISOString() }).where('id', '=', row.token_id).execute();
    }
    return { user: userOf(row), tokenId: row.token_id };
  }

  async tokens(userId: string): Promise<ApiToken[]> {
    const rows = await this.db.selectFrom('api_tokens').select(TOKEN_COLUMNS).where('user_id', '=', userId).orderBy('created_at').orderBy('id').execute();
    return rows.map(tokenOf);
  }

  async token(id: string): Promise<ApiToken | undefined> {
    const row = await this.db.selectFrom('api_tokens').select(TOKEN_COLUMNS).where('id', '=', id).executeTakeFirst();
    return row && tokenOf(row);
  }

  async revokeToken(id: string): Promise<void> {
    await this.db.deleteFrom('api_tokens').where('id', '=', id).execute();
  }

  /** Every token of the account, when its password is reset: a token is no older secret than the password. */
  async revokeTokensOf(userId: string): Promise<number> {
    const result = await this.db.deleteFrom('api_tokens').where('user_id', '=', userId).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Expired sessions are deleted when seen; this sweeps the ones never seen again. */
  async sweepExpired(): Promise<void> {
    await this.db.deleteFrom('sessions').where('expires_at', '<', Date.now()).execute();
  }
}

const TOKEN_COLUMNS = ['id', 'user_id', 'name', 'created_at', 'last_used_at', 'expires_at'] as const;

function tokenOf(row: { id: string; user_id: string; name: string; created_at: string; last_used_at: string | null; expires_at: number | null }): ApiToken {
  return { id: row.id, userId: row.user_id, name: row.name, createdAt: row.created_at, lastUsedAt: row.last_used_at, expiresAt: row.expires_at };
}

/** How a sync connection names the credential that admitted it (see collab/connection.ts Principal). */
export function sessionCredential(secret: string): string {
  return `session:${hashSecret(secret)}`;
}

export function tokenCredential(tokenId: string): string {
  return `token:${tokenId}`;
}
