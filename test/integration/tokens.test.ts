import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { CreatedToken, TokenView } from '../../shared/api.ts';
import { CloseCode } from '../../shared/protocol.ts';
import { ApiClient, seedMeeting, setupAdmin } from '../helpers/api.ts';
import { openRawSocket } from '../helpers/raw-socket.ts';
import { serversForEachTest } from '../helpers/servers.ts';

const server = serversForEachTest();

async function delegate(url: string) {
  const admin = await setupAdmin(url);
  const seeded = await seedMeeting(admin, { inSession: true });
  const dung = new ApiClient(url);
  await dung.signIn('dung', seeded.people.dung!.password);
  return { admin, dung, ...seeded };
}

function asToken(url: string, secret: string): ApiClient {
  const c = new ApiClient(url);
  c.bearer = secret;
  c.origin = null;
  return c;
}

describe('API tokens', () => {
  it('[H16] a token may expire: it says when, works until then, and not after (HTTP and socket)', async () => {
    const { url, sql: q } = await server();
    const { dung, documentId } = await delegate(url);
    const created = (await dung.post<CreatedToken>('/api/tokens', { name: 'Tập lệnh điểm danh', expiresInDays: 30 })).body;
    const expiresAt = Date.parse(created.token.expiresAt!);
    expect(expiresAt - Date.now()).toBeGreaterThan(29 * 86_400_000);
    expect(expiresAt - Date.now()).toBeLessThanOrEqual(30 * 86_400_000);
    const lasting = (await dung.post<CreatedToken>('/api/tokens', { name: 'Không hạn' })).body;
    expect(lasting.token.expiresAt).toBeNull();
    expect((await asToken(url, created.secret).get('/api/session')).status).toBe(200);

    await sql`UPDATE api_tokens SET expires_at = ${Date.now() - 1000} WHERE id = ${created.token.id}`.execute(q);
    expect((await asToken(url, created.secret).get('/api/session')).status).toBe(401);
    const socket = await openRawSocket(url, documentId!, { token: created.secret });
    expect(await socket.closed).toBe(CloseCode.Unauthenticated);
    expect((await asToken(url, lasting.secret).get('/api/session')).status).toBe(200);
  });

  it('[H17] a token cannot create tokens', async () => {
    const { url } = await server();
    const { dung } = await delegate(url);
    const created = (await dung.post<CreatedToken>('/api/tokens', { name: 'Chương trình' })).body;
    const refused = await asToken(url, created.secret).post('/api/tokens', { name: 'Con của token' });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('token_cannot_create_tokens');
    expect((await dung.get<TokenView[]>('/api/tokens')).body).toHaveLength(1);
  });

  it('[H18] an administrator’s password reset ends the account’s tokens and their sockets; one’s own change ends them unless kept', async () => {
    const { url } = await server();
    const { admin, dung, documentId, people } = await delegate(url);
    const first = (await dung.post<CreatedToken>('/api/tokens', { name: 'Một' })).body;
    const socket = await openRawSocket(url, documentId!, { token: first.secret });
    expect((await admin.patch(`/api/users/${people.dung!.userId}`, { password: 'mat-khau-moi-1' })).status).toBe(200);
    expect((await asToken(url, first.secret).get('/api/session')).status).toBe(401);
    expect(await socket.closed).toBe(CloseCode.Unauthenticated);

    await dung.signIn('dung', 'mat-khau-moi-1');
    const kept = (await dung.post<CreatedToken>('/api/tokens', { name: 'Giữ lại' })).body;
    const change = { password: 'mat-khau-moi-2', currentPassword: 'mat-khau-moi-1', keepTokens: true };
    expect((await dung.patch(`/api/users/${people.dung!.userId}`, change)).status).toBe(200);
    expect((await asToken(url, kept.secret).get('/api/session')).status).toBe(200);
    const ended = { password: 'mat-khau-moi-3', currentPassword: 'mat-khau-moi-2' };
    expect((await dung.patch(`/api/users/${people.dung!.userId}`, ended)).status).toBe(200);
    expect((await asToken(url, kept.secret).get('/api/session')).status).toBe(401);
  });

  it('[H18] guesses of one’s current password are limited like sign-in attempts', async () => {
    const { url } = await server({ SIGNIN_ATTEMPTS_PER_MINUTE: 3 });
    const { dung, people } = await delegate(url);
    const path = `/api/users/${people.dung!.userId}`;
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await dung.patch(path, { password: 'doan-mat-khau', currentPassword: `sai-${i}` })).status);
    expect(statuses).toEqual([403, 403, 403, 429]);
    // Renaming oneself (no password involved) is not held back.
    expect((await dung.patch(path, { fullName: 'Lê Văn Dũng' })).status).toBe(200);
  });
});
