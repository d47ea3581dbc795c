import { describe, expect, it } from 'vitest';
import { ApiClient, MEETING_FIELDS, seedMeeting, setupAdmin } from '../helpers/api.ts';
import { serversForEachTest } from '../helpers/servers.ts';

const server = serversForEachTest();

/** Characters that show nothing or move text, each a way to make one name look like another or to break a line. */
const INVISIBLE = {
  newline: 'Cung Hồng\nKiên',
  tab: 'Cung Hồng\tKiên',
  'zero-width space': 'Cung Hồng\u200BKiên',
  'zero-width joiner': 'Cung Hồng Ki\u200Dên',
  'right-to-left override': '\u202ECung Hồng Kiên',
  'left-to-right isolate': 'Cung \u2066Hồng\u2069 Kiên',
  'byte order mark': 'Cung Hồng\uFEFF Kiên',
  'line separator': 'Cung Hồng\u2028Kiên',
  NUL: 'Cung Hồng\u0000Kiên',
};

function expectFieldError(res: { status: number; body: { code?: string; field?: string; message?: string } }, field: string): void {
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  expect(res.body.code).toBe('invalid_request');
  expect(res.body.field).toBe(field);
}

describe('names and one-line text', () => {
  it('[SEC8] a full name is stored composed (NFC), and one with control or format characters is refused with a field error in both languages', async () => {
    const { url } = await server();
    // Decomposed accents, as some Vietnamese keyboards type them.
    const admin = await setupAdmin(url, { fullName: 'Quản Trị Vie\u0302n' });
    const me = (await admin.get('/api/session')).body.user as { id: string; fullName: string };
    expect(me.fullName).toBe('Quản Trị Viên');
    for (const [what, name] of Object.entries(INVISIBLE)) {
      const created = await admin.post('/api/users', { username: 'kien', fullName: name, password: 'mat-khau-kien' });
      expectFieldError(created, 'fullName');
      expect(created.body.message, what).toMatch(/invisible|line breaks/);
      expectFieldError(await admin.patch(`/api/users/${me.id}`, { fullName: name }), 'fullName');
    }
    admin.lang = 'vi';
    const vi = await admin.patch(`/api/users/${me.id}`, { fullName: INVISIBLE['right-to-left override'] });
    expect(vi.body.message).toContain('“fullName”');
    expect(vi.body.message).toContain('ký tự vô hình');
    expect((await admin.get('/api/session')).body.user.fullName).toBe('Quản Trị Viên');
  });

  it('[SEC8] the roster’s new people and its CSV import follow the same rule', async () => {
    const { url } = await server();
    const admin = await setupAdmin(url);
    const { meeting } = await seedMeeting(admin, { document: null });
    const added = await admin.post(`/api/meetings/${meeting.id}/members`, {
      newUser: { username: 'kien', fullName: INVISIBLE['zero-width joiner'] },
      role: 'delegate',
    });
    expectFieldError(added, 'newUser.fullName');
    const unit = await admin.post(`/api/meetings/${meeting.id}/members`, {
      newUser: { username: 'kien', fullName: 'Cung Hồng Kiên' },
      role: 'delegate',
      unit: 'Phòng\u202E Hành chính',
    });
    expectFieldError(unit, 'unit');
    const csv = ['"Cung Hồng\nKiên",kien,đại biểu,', 'Trần Thu\u200BHà,ha,thư ký,', 'Lê Văn Dũng,dung,đại biểu,Phòng\u2066 A'].join('\n');
    const preview = await admin.post(`/api/meetings/${meeting.id}/members/import`, { csv, dryRun: true });
    expect(preview.status).toBe(200);
    const errors = (preview.body.rows as { error: { message: string } | null }[]).map((r) => r.error?.message ?? null);
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatch(/^Full name: .*line breaks/);
    expect(errors[1]).toMatch(/^Full name: .*invisible/);
    expect(errors[2]).toMatch(/^Unit: /);
  });

  it('[SEC8] titles, places, labels, units and token names are one line; a description keeps its line breaks, not the rest', async () => {
    const { url } = await server();
    const admin = await setupAdmin(url);
    const me = (await admin.get('/api/session')).body.user as { id: string };
    expectFieldError(await admin.post('/api/meetings', { ...MEETING_FIELDS, title: 'Hội nghị\tCBVC' }), 'title');
    expectFieldError(await admin.post('/api/meetings', { ...MEETING_FIELDS, place: 'Hội trường\u202E A' }), 'place');
    expectFieldError(await admin.post('/api/meetings', { ...MEETING_FIELDS, agenda: ['Khai mạc\u200B'] }), 'agenda.0');
    expectFieldError(await admin.post('/api/tokens', { name: 'máy\nchủ', userId: me.id }), 'name');
    const { meeting, documentId, people } = await seedMeeting(admin, { document: 'NQ' });
    const ha = new ApiClient(url);
    await ha.signIn('ha', people.ha!.password);
    expectFieldError(await ha.post(`/api/meetings/${meeting.id}/documents`, { kind: 'BB', title: 'Biên bản\n2' }), 'title');
    expectFieldError(await ha.post(`/api/documents/${documentId}/versions`, { label: 'Sau\u2028góp ý' }), 'label');
    const motion = { title: 'Thông qua Nghị quyết', documentId };
    expectFieldError(await ha.post(`/api/meetings/${meeting.id}/motions`, { ...motion, title: 'Thông qua\nNghị quyết' }), 'title');
    expectFieldError(
      await ha.post(`/api/meetings/${meeting.id}/motions`, { ...motion, description: 'Điều 1.\u202E Điều 2.' }),
      'description',
    );
    const created = await ha.post(`/api/meetings/${meeting.id}/motions`, { ...motion, description: 'Điều 1.\r\nĐiều 2.' });
    expect(created.status).toBe(201);
    expect(created.body.description).toBe('Điều 1.\nĐiều 2.');
  });
});

describe('dates', () => {
  it('[SEC9] a meeting’s start is a real date and time: month, day of the month, hour, minute and year are checked, naming the field', async () => {
    const { url } = await server();
    const admin = await setupAdmin(url);
    for (const startsAt of ['0000-13-45T25:61', '2023-13-01T08:00', '2023-02-29T08:00', '2023-04-31T08:00', '2023-12-19T24:00', '2023-12-19T08:60', '1899-12-31T08:00', '2023-12-19 08:00']) {
      const res = await admin.post('/api/meetings', { ...MEETING_FIELDS, startsAt });
      expectFieldError(res, 'startsAt');
      expect(res.body.message, startsAt).toContain('Not a real date and time');
    }
    const leap = await admin.post('/api/meetings', { ...MEETING_FIELDS, startsAt: '2024-02-29T23:59' });
    expect(leap.status).toBe(201);
    expectFieldError(await admin.patch(`/api/meetings/${leap.body.id}`, { startsAt: '2024-02-30T08:00' }), 'startsAt');
    // A meeting that exists gets its documents: the date was the cause of the 500.
    expect((await admin.post(`/api/meetings/${leap.body.id}/documents`, { kind: 'NQ' })).status).toBe(201);
  });
});
