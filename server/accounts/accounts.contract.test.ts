import { sql } from 'kysely';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { disposeEngines, testEngines } from '../../test/helpers/engines.ts';
import type { Engine } from '../db/engine.ts';
import { AppError } from '../errors.ts';
import { hashSecret } from './passwords.ts';
import { Credentials } from './sessions.ts';
import { Users, type User } from './users.ts';

const TTL = 3600_000;

afterAll(disposeEngines);

function units(engine: Engine) {
  return engine.unitOfWork((db) => ({ users: new Users(db, engine.dialect), credentials: new Credentials(db, TTL) }), async () => {});
}

describe.each(await testEngines('the accounts contract'))('accounts on $name', (kind) => {
  let engine: Engine;
  let users: Users;
  let credentials: Credentials;
  beforeEach(async () => {
    engine = await kind.open();
    users = new Users(engine.db, engine.dialect);
    credentials = new Credentials(engine.db, TTL);
  });
  afterEach(async () => {
    await engine.close();
  });

  const add = (username: string, fullName = username, more: { isAdmin?: boolean; isDemo?: boolean } = {}) =>
    users.insert({ username, fullName, passwordHash: `hash-${username}`, ...more });

  it('[D10] an account reads back as a User: camelCase, booleans, the username lower-case and found in any case', async () => {
    const made = await add('An.NV', 'Nguyễn Văn An', { isAdmin: true });
    const expected: User = {
      id: made.id,
      username: 'an.nv',
      fullName: 'Nguyễn Văn An',
      passwordHash: 'hash-An.NV',
      isAdmin: true,
      isDemo: false,
      disabled: false,
      createdAt: made.createdAt,
    };
    expect(made).toEqual(expected);
    expect(await users.byId(made.id)).toEqual(expected);
    expect(await users.byUsername('AN.nv')).toEqual(expected);
    expect(await users.byUsername('an')).toBeUndefined();
    expect(await users.byId('u_none')).toBeUndefined();
    expect(await users.count()).toBe(1);
  });

  it('[D10] changes: name, admin, disabled; a new password ends a demo account\'s demo status; listed by username', async () => {
    const b = await add('binh', 'Trần Thị Bình', { isDemo: true });
    const a = await add('an', 'An', { isDemo: true });
    await users.update(b.id, {});
    await users.update(b.id, { fullName: 'Trần Bình', isAdmin: true, disabled: true });
    expect(await users.byId(b.id)).toMatchObject({ fullName: 'Trần Bình', isAdmin: true, disabled: true, isDemo: true });
    expect((await users.demoUsers()).map((u) => u.username)).toEqual(['an']);
    await users.update(a.id, { passwordHash: 'new' });
    expect(await users.byId(a.id)).toMatchObject({ passwordHash: 'new', isDemo: false });
    expect(await users.demoUsers()).toEqual([]);
    expect((await users.list()).map((u) => u.username)).toEqual(['an', 'binh']);
  });

  it('[D11] a username already taken, in any case, is refused with username_taken, also when two take it at once', async () => {
    await add('an');
    await expect(add('AN')).rejects.toMatchObject({ code: 'username_taken', field: 'username' });
    const uow = units(engine);
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => uow.run((tx) => tx.users.insert({ username: 'chi', fullName: `Chi ${i}`, passwordHash: 'x' }))),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((r) => r.status === 'rejected')) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(AppError);
    expect(await users.count()).toBe(2);
  });

  it('[D11] first-run forms submitted at once make one administrator', async () => {
    const uow = units(engine);
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        uow.run(async (tx) => {
          if ((await tx.users.countForSetup()) > 0) throw new Error('setup done');
          return tx.users.insert({ username: `admin${i}`, fullName: 'Admin', passwordHash: 'x', isAdmin: true });
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await users.count()).toBe(1);
  });

  it('[D12] search finds enabled accounts by name or username: ASCII letters in any case, others as typed, wildcards literal; the same on both engines', async () => {
    await add('an.nv', 'Nguyễn Văn An');
    await add('do.tb', 'ĐỖ Thị Bình');
    await add('pct_50', 'Phần trăm 50% chi');
    await add('back', 'Dấu \\ ngược');
    const off = await add('tat', 'Nguyễn Tắt');
    await users.update(off.id, { disabled: true });
    const names = async (q: string, limit?: number) => (await users.search(q, limit)).map((u) => u.username);
    expect(await names('NGUY')).toEqual(['an.nv']);
    expect(await names('nguyễn')).toEqual(['an.nv']);
    expect(await names('NGUYễN văn')).toEqual(['an.nv']);
    expect(await names('NGUYỄN')).toEqual([]);
    // Non-ASCII letters are not folded (SQLite's LIKE folds ASCII only, and PostgreSQL is made to match it).
    expect(await names('ễn vĂn')).toEqual([]);
    expect(await names('đỗ')).toEqual([]);
    expect(await names('ĐỖ')).toEqual(['do.tb']);
    expect(await names('%')).toEqual(['pct_50']);
    expect(await names('_')).toEqual(['pct_50']);
    expect(await names('\\')).toEqual(['back']);
    expect(await names('.')).toEqual(['an.nv', 'do.tb']);
    expect(await names('')).toEqual(['an.nv', 'back', 'do.tb', 'pct_50']);
    expect(await names('', 2)).toEqual(['an.nv', 'back']);
  });

  it('[D13] a session reads its account while it lives; its expiry slides at most once a minute; an expired one is deleted', async () => {
    const u = await add('an');
    const secret = await credentials.createSession(u.id);
    const stored = await engine.db.selectFrom('sessions').selectAll().executeTakeFirstOrThrow();
    expect(stored.token_hash).toBe(hashSecret(secret));
    expect(stored.token_hash).not.toBe(secret);
    expect(await credentials.sessionUser(secret)).toEqual(u);
    expect(await credentials.sessionUser('other')).toBeUndefined();

    const expiry = async () => (await engine.db.selectFrom('sessions').select('expires_at').executeTakeFirstOrThrow()).expires_at;
    const recent = Date.now() + TTL - 30_000;
    await sql`UPDATE sessions SET expires_at = ${recent}`.execute(engine.db);
    await credentials.sessionUser(secret);
    expect(await expiry()).toBe(recent);
    await sql`UPDATE sessions SET expires_at = ${Date.now() + TTL - 120_000}`.execute(engine.db);
    const before = Date.now();
    await credentials.sessionUser(secret);
    expect(await expiry()).toBeGreaterThanOrEqual(before + TTL);

    await sql`UPDATE sessions SET expires_at = ${Date.now() - 1}`.execute(engine.db);
    expect(await credentials.sessionUser(secret)).toBeUndefined();
    expect(await engine.db.selectFrom('sessions').selectAll().execute()).toEqual([]);
  });

  it('[D13] a disabled account\'s session ends; sessions end one, all but one, or all of an account; expired ones are swept', async () => {
    const u = await add('an');
    const v = await add('binh');
    const s1 = await credentials.createSession(u.id);
    await users.update(u.id, { disabled: true });
    expect(await credentials.sessionUser(s1)).toBeUndefined();
    await users.update(u.id, { disabled: false });
    expect(await credentials.sessionUser(s1)).toBeUndefined();

    const [a, b, c] = [await credentials.createSession(u.id), await credentials.createSession(u.id), await credentials.createSession(u.id)];
    const other = await credentials.createSession(v.id);
    await credentials.endSession(a);
    expect(await credentials.sessionUser(a)).toBeUndefined();
    await credentials.endSessionsOf(u.id, b);
    expect(await credentials.sessionUser(b)).toMatchObject({ id: u.id });
    expect(await credentials.sessionUser(c)).toBeUndefined();
    await credentials.endSessionsOf(u.id);
    expect(await credentials.sessionUser(b)).toBeUndefined();

    const stale = await credentials.createSession(v.id);
    await sql`UPDATE sessions SET expires_at = ${Date.now() - 1} WHERE token_hash = ${hashSecret(stale)}`.execute(engine.db);
    await credentials.sweepExpired();
    expect((await engine.db.selectFrom('sessions').select('token_hash').execute()).map((r) => r.token_hash)).toEqual([hashSecret(other)]);
  });

  it('[D14] an API token reads its account until it expires or is revoked; its last use is noted at most once a minute', async () => {
    const u = await add('an');
    const t = await credentials.createToken(u.id, 'Báo cáo');
    expect(t.secret.startsWith('qrm_')).toBe(true);
    expect(await credentials.token(t.id)).toEqual({ id: t.id, userId: u.id, name: 'Báo cáo', createdAt: t.createdAt, lastUsedAt: null, expiresAt: null });
    expect(await credentials.tokenUser(t.secret)).toEqual({ user: u, tokenId: t.id });
    const used = (await credentials.token(t.id))!.lastUsedAt;
    expect(used).not.toBeNull();
    await credentials.tokenUser(t.secret);
    expect((await credentials.token(t.id))!.lastUsedAt).toBe(used);
    await sql`UPDATE api_tokens SET last_used_at = ${new Date(Date.now() - 120_000).toISOString()}`.execute(engine.db);
    await credentials.tokenUser(t.secret);
    expect(Date.parse((await credentials.token(t.id))!.lastUsedAt!)).toBeGreaterThan(Date.now() - 60_000);

    const expiring = await credentials.createToken(u.id, 'ngắn', Date.now() + 60_000);
    expect(await credentials.tokenUser(expiring.secret)).toMatchObject({ tokenId: expiring.id });
    await sql`UPDATE api_tokens SET expires_at = ${Date.now() - 1} WHERE id = ${expiring.id}`.execute(engine.db);
    expect(await credentials.tokenUser(expiring.secret)).toBeUndefined();
    expect((await credentials.tokens(u.id)).map((x) => [x.name, x.expiresAt !== null])).toEqual([
      ['Báo cáo', false],
      ['ngắn', true],
    ]);

    await users.update(u.id, { disabled: true });
    expect(await credentials.tokenUser(t.secret)).toBeUndefined();
    await users.update(u.id, { disabled: false });
    await credentials.revokeToken(t.id);
    expect(await credentials.tokenUser(t.secret)).toBeUndefined();
    expect(await credentials.token(t.id)).toBeUndefined();
    await credentials.createToken(u.id, 'thứ ba');
    expect(await credentials.revokeTokensOf(u.id)).toBe(2);
    expect(await credentials.tokens(u.id)).toEqual([]);
  });
});
