import { describe, expect, it } from 'vitest';
import { ApiClient, ADMIN, seedMeeting, setupAdmin, tokenFor } from '../helpers/api.ts';
import { serversForEachTest } from '../helpers/servers.ts';

const server = serversForEachTest();

describe('accounts, sessions and tokens over HTTP', () => {
  it('[H1] every API route but sign-in and first run answers 401 unauthenticated without a session', async () => {
    const { url } = await server();
    await setupAdmin(url);
    const anon = new ApiClient(url);
    const routes: [string, string][] = [
      ['GET', '/api/session'],
      ['GET', '/api/meetings'],
      ['POST', '/api/meetings'],
      ['GET', '/api/meetings/m_x'],
      ['PATCH', '/api/meetings/m_x'],
      ['GET', '/api/meetings/m_x/members'],
      ['POST', '/api/meetings/m_x/members'],
      ['POST', '/api/meetings/m_x/attendance'],
      ['GET', '/api/meetings/m_x/documents'],
      ['POST', '/api/meetings/m_x/documents'],
      ['GET', '/api/documents/d_x'],
      ['GET', '/api/users'],
      ['POST', '/api/users'],
      ['GET', '/api/tokens'],
      ['POST', '/api/demo'],
    ];
    for (const [method, path] of routes) {
      const res = await anon.request(method, path, method === 'GET' ? undefined : {});
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(res.body.code).toBe('unauthenticated');
    }
    expect((await anon.get('/api/setup')).body).toEqual({ needsSetup: false });
  });

  it('[H2] the first run creates one administrator, signed in; a second first run is refused', async () => {
    const { url } = await server();
    const anon = new ApiClient(url);
    expect((await anon.get('/api/setup')).body).toEqual({ needsSetup: true });
    const admin = await setupAdmin(url);
    const me = await admin.get('/api/session');
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ username: ADMIN.username, isAdmin: true });
    expect(me.body.permissions).toEqual({ manageAccounts: true, createMeetings: true });
    const again = await anon.post('/api/setup', { username: 'other', fullName: 'Người Khác', password: 'mat-khau-dai', loadDemo: false });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('setup_done');
  });

  it('[H3] a wrong password, an unknown user and a disabled account all get 401 invalid_credentials, in the caller’s language', async () => {
    const { url } = await server();
    const admin = await setupAdmin(url);
    const created = await admin.post('/api/users', { username: 'lan', fullName: 'Phạm Thị Lan', password: 'mat-khau-lan' });
    expect(created.status).toBe(201);
    const guest = new ApiClient(url);
    guest.lang = 'vi';
    for (const [username, password] of [['lan', 'sai-mat-khau'], ['khong-co', 'mat-khau-lan']]) {
      const res = await guest.post('/api/session', { username, password });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ code: 'invalid_credentials', message: 'Tên đăng nhập hoặc mật khẩu không đúng.' });
    }
    await guest.signIn('lan', 'mat-khau-lan');
    expect((await guest.get('/api/session')).status).toBe(200);
    // Disabling the account ends the session it has and refuses new ones.
    expect((await admin.patch(`/api/users/${created.body.user.id}`, { disabled: true })).status).toBe(200);
    expect((await guest.get('/api/session')).status).toBe(401);
    guest.lang = 'en';
    const refused = await guest.post('/api/session', { username: 'lan', password: 'mat-khau-lan' });
    expect(refused.body).toEqual({ code: 'invalid_credentials', message: 'Wrong username or password.' });
  });

  it('[H4] the session cookie is HttpOnly and SameSite=Lax, and signing out ends the session on the server', async () => {
    const { url } = await server();
    const admin = await setupAdmin(url);
    const person = new ApiClient(url);
    const res = await person.post('/api/session', { username: ADMIN.username, password: ADMIN.password });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^quorum_session=[A-Za-z0-9_-]{40,};/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const stolen = person.cookie;
    expect((await person.delete('/api/session')).status).toBe(204);
    const replay = new ApiClient(url);
    replay.cookie = stolen;
    expect((await replay.get('/api/session')).status).toBe(401);
    expect((await admin.get('/api/session')).status).toBe(200);
  });

  it('[H5] a state-changing request from another origin, or carrying the cookie without an Origin, gets 403 origin_mismatch', async () => {
    const { url } = await server();
    const admin = await setupAdmin(url);
    admin.origin = 'http://evil.example';
    const foreign = await admin.post('/api/users', { username: 'x1', fullName: 'X', password: 'mat-khau-x1' });
    expect(foreign.status).toBe(403);
    expect(foreign.body.code).toBe('origin_mismatch');
    admin.origin = null;
    const bare = await admin.post('/api/users', { username: 'x2', fullName: 'X', password: 'mat-khau-x2' });
    expect(bare.status).toBe(403);
    expect(bare.body.code).toBe('origin_mismatch');
    // Reading is not state-changing, and a bearer token cannot be sent by another site's page.
    expect((await admin.get('/api/users')).status).toBe(200);
    admin.origin = new URL(url).origin;
    const token = await tokenFor(admin, (await admin.get('/api/session')).body.user.id);
    const program = new ApiClient(url);
    program.origin = null;
    program.bearer = token;
    expect((await program.post('/api/users', { username: 'x3', fullName: 'X', password: 'mat-khau-x3' })).status).toBe(201);
    expect((await admin.get('/api/users')).body.map((u: { username: string }) => u.username)).toEqual(['admin', 'x3']);
  });

  it('[H6] sign-in attempts over the limit get 429 rate_limited, per address and username', async () => {
    const { url } = await server({ SIGNIN_ATTEMPTS_PER_MINUTE: 3 });
    await setupAdmin(url);
    const guesser = new ApiClient(url);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await guesser.post('/api/session', { username: 'admin', password: `doan-${i}` })).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    const limited = await guesser.post('/api/session', { username: 'admin', password: ADMIN.password });
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Someone else signing in from the same address (a hall behind one NAT) is not held back.
    expect((await guesser.post('/api/session', { username: 'other', password: 'whatever' })).status).toBe(401);
  });

  it('[H7] an API token works as a bearer until revoked; only its owner or an administrator sees or revokes it', async () => {
    const { url } = await server();
    const admin = await setupAdmin(url);
    const { people } = await seedMeeting(admin, { document: null });
    const dung = new ApiClient(url);
    await dung.signIn('dung', people.dung!.password);
    const created = await dung.post('/api/tokens', { name: 'máy đọc biên bản' });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^qrm_/);
    const program = new ApiClient(url);
    program.bearer = created.body.secret;
    expect((await program.get('/api/session')).body.user.username).toBe('dung');
    // Another member may neither list nor revoke it; it does not exist for them.
    const ha = new ApiClient(url);
    await ha.signIn('ha', people.ha!.password);
    expect((await ha.get(`/api/tokens?userId=${people.dung!.userId}`)).status).toBe(403);
    expect((await ha.delete(`/api/tokens/${created.body.token.id}`)).status).toBe(404);
    expect((await admin.get(`/api/tokens?userId=${people.dung!.userId}`)).body).toHaveLength(1);
    expect((await dung.delete(`/api/tokens/${created.body.token.id}`)).status).toBe(204);
    expect((await program.get('/api/session')).status).toBe(401);
  });

  it('[H8] a body that fails validation gets 400 invalid_request naming the field', async () => {
    const { url } = await server();
    const admin = await setupAdmin(url);
    const res = await admin.post('/api/users', { username: 'Có Dấu', fullName: 'X', password: 'mat-khau-dai' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'invalid_request', field: 'username' });
    const short = await admin.post('/api/users', { username: 'ngan', fullName: 'X', password: 'ngan' });
    expect(short.body).toMatchObject({ code: 'invalid_request', field: 'password' });
    const taken = await admin.post('/api/users', { username: 'ADMIN', fullName: 'X', password: 'mat-khau-dai' });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('username_taken');
  });

  it('[H15] people change their own name and password, the password only with the current one; nothing else of theirs', async () => {
    const { url } = await server();
    const admin = await setupAdmin(url);
    const { people } = await seedMeeting(admin, { document: null });
    const dung = new ApiClient(url);
    const me = (await dung.signIn('dung', people.dung!.password)).user;
    const elsewhere = new ApiClient(url);
    await elsewhere.signIn('dung', people.dung!.password);
    const path = `/api/users/${me.id}`;
    const wrong = await dung.patch(path, { password: 'mat-khau-moi-cua-dung', currentPassword: 'doan-bua' });
    expect(wrong.status).toBe(403);
    expect(wrong.body).toMatchObject({ code: 'wrong_password', field: 'currentPassword' });
    expect((await dung.patch(path, { password: 'mat-khau-moi-cua-dung' })).body.code).toBe('wrong_password');
    const ok = await dung.patch(path, { fullName: 'Lê Văn Dũng (Phòng Quang học)', password: 'mat-khau-moi-cua-dung', currentPassword: people.dung!.password });
    expect(ok.status).toBe(200);
    expect(ok.body.fullName).toBe('Lê Văn Dũng (Phòng Quang học)');
    // Signed in where they changed it; signed out everywhere else (a session taken with the old password ends).
    expect((await dung.get('/api/session')).status).toBe(200);
    expect((await elsewhere.get('/api/session')).status).toBe(401);
    await new ApiClient(url).signIn('dung', 'mat-khau-moi-cua-dung');
    expect((await dung.patch(path, { isAdmin: true })).status).toBe(403);
    expect((await dung.patch(`/api/users/${people.ha!.userId}`, { fullName: 'X' })).status).toBe(404);
  });
});
