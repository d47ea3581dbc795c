import { describe, expect, it } from 'vitest';
import type { ImportResult, MeetingView } from '../../shared/api.ts';
import { ApiClient, MEETING_FIELDS, seedMeeting, setupAdmin } from '../helpers/api.ts';
import { serversForEachTest } from '../helpers/servers.ts';

const server = serversForEachTest();

async function signedIn(url: string, username: string, password: string): Promise<ApiClient> {
  const c = new ApiClient(url);
  await c.signIn(username, password);
  return c;
}

describe('meetings, rosters and attendance over HTTP', () => {
  it('[H9] people outside a meeting get 404 for everything of it; members without the right get 403', async () => {
    const { url } = await server();
    const admin = await setupAdmin(url);
    const a = await seedMeeting(admin);
    const b = await seedMeeting(admin, {
      people: [{ username: 'binh', fullName: 'Ngô Thanh Bình', role: 'chair' }],
    });
    const binh = await signedIn(url, 'binh', b.people.binh!.password);
    const id = a.meeting.id;
    for (const [method, path] of [
      ['GET', `/api/meetings/${id}`],
      ['PATCH', `/api/meetings/${id}`],
      ['GET', `/api/meetings/${id}/members`],
      ['POST', `/api/meetings/${id}/members`],
      ['POST', `/api/meetings/${id}/attendance`],
      ['GET', `/api/meetings/${id}/documents`],
      ['POST', `/api/meetings/${id}/documents`],
      ['GET', `/api/documents/${a.documentId}`],
    ] as const) {
      const res = await binh.request(method, path, method === 'GET' ? undefined : { kind: 'BB', status: 'present' });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body.code).toBe('not_found');
    }
    expect((await binh.get('/api/meetings')).body.map((m: MeetingView) => m.id)).toEqual([b.meeting.id]);

    const dung = await signedIn(url, 'dung', a.people.dung!.password);
    expect((await dung.patch(`/api/meetings/${id}`, { title: 'Đổi tên' })).status).toBe(403);
    expect((await dung.post(`/api/meetings/${id}/documents`, { kind: 'BB' })).status).toBe(403);
    expect((await dung.post(`/api/meetings/${id}/members`, { userId: b.people.binh!.userId, role: 'delegate' })).status).toBe(403);
    expect((await dung.post('/api/meetings', { ...MEETING_FIELDS })).status).toBe(403);
    const view = (await dung.get(`/api/meetings/${id}`)).body as MeetingView;
    expect(view.myRole).toBe('delegate');
    expect(view.permissions).toEqual({
      read: true,
      update: false,
      manageRoster: false,
      markAttendance: false,
      // The meeting has not started: checking in is not possible yet (P3).
      checkIn: false,
      createDocuments: false,
      editDocuments: true,
      manageMotions: false,
      runVotes: false,
      recordTally: false,
      vote: true,
      viewAudit: false,
      requestFinalisation: false,
      confirmFinalisation: false,
      manageChairs: false,
      comment: true,
      moderateComments: false,
      presentScreen: false,
      // The meeting's delegates edit directly (the default), and only the chair and the secretary decide (SG5).
      suggestOnly: false,
      decideSuggestions: false,
    });
    expect((await dung.get(`/api/documents/${a.documentId}`)).body.access).toBe('write');
    const khoi = await signedIn(url, 'khoi', a.people.khoi!.password);
    expect((await khoi.get(`/api/documents/${a.documentId}`)).body.access).toBe('read');
  });

  it('[H10] attendance: only in session; a delegate checks themself in; the secretary marks anyone; quorum follows', async () => {
    const { url } = await server();
    const admin = await setupAdmin(url);
    const { meeting, people } = await seedMeeting(admin, { document: null });
    const id = meeting.id;
    const dung = await signedIn(url, 'dung', people.dung!.password);
    const early = await dung.post(`/api/meetings/${id}/attendance`, { status: 'present' });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('not_in_session');

    const ha = await signedIn(url, 'ha', people.ha!.password);
    expect((await ha.patch(`/api/meetings/${id}`, { status: 'in_session' })).body.status).toBe('in_session');
    // Chair, secretary and delegate count; the observer does not. 2/3 of 3 is 2.
    expect(meeting.quorum).toMatchObject({ present: 0, total: 3, required: 2, met: false });

    const checkedIn = await dung.post(`/api/meetings/${id}/attendance`, { status: 'present' });
    expect(checkedIn.status).toBe(200);
    expect(checkedIn.body.quorum).toMatchObject({ present: 1, total: 3, met: false });
    // A delegate may not mark someone else, nor excuse themself.
    expect((await dung.post(`/api/meetings/${id}/attendance`, { userId: people.kien!.userId, status: 'present' })).status).toBe(403);
    expect((await dung.post(`/api/meetings/${id}/attendance`, { status: 'excused', reason: 'ốm' })).status).toBe(403);
    const khoi = await signedIn(url, 'khoi', people.khoi!.password);
    expect((await khoi.post(`/api/meetings/${id}/attendance`, { status: 'present' })).status).toBe(403);

    const marked = await ha.post(`/api/meetings/${id}/attendance`, { userId: people.kien!.userId, status: 'present' });
    expect(marked.body.quorum).toMatchObject({ present: 2, total: 3, required: 2, met: true });
    const excused = await ha.post(`/api/meetings/${id}/attendance`, { userId: people.ha!.userId, status: 'excused', reason: 'Đi công tác' });
    expect(excused.body.member).toMatchObject({ attendance: 'excused', attendanceReason: 'Đi công tác' });
    expect(excused.body.quorum).toMatchObject({ present: 2, total: 3, met: true });
    const roster = (await dung.get(`/api/meetings/${id}/members`)).body;
    expect(roster.quorum).toEqual(excused.body.quorum);
  });

  it('[H11] the status only moves forward one step: scheduled → in session → closed', async () => {
    const { url } = await server();
    const admin = await setupAdmin(url);
    const { meeting } = await seedMeeting(admin, { document: null });
    const path = `/api/meetings/${meeting.id}`;
    const skip = await admin.patch(path, { status: 'closed' });
    expect(skip.status).toBe(409);
    expect(skip.body.code).toBe('invalid_transition');
    expect((await admin.patch(path, { status: 'in_session' })).status).toBe(200);
    expect((await admin.patch(path, { status: 'closed' })).status).toBe(200);
    expect((await admin.patch(path, { status: 'in_session' })).body.code).toBe('invalid_transition');
  });

  it('[PJ8] the chair and the secretary mark the agenda item under discussion; it stays within the agenda, and the sitting closed clears it, and none is marked outside the sitting', async () => {
    const { url } = await server();
    const admin = await setupAdmin(url);
    const { meeting, people } = await seedMeeting(admin, { document: null, inSession: true });
    const path = `/api/meetings/${meeting.id}`;
    expect(meeting.currentItem).toBeNull();
    const ha = await signedIn(url, 'ha', people.ha!.password);
    const dung = await signedIn(url, 'dung', people.dung!.password);
    const marked = await ha.patch<MeetingView>(path, { currentItem: 1 });
    expect(marked.status).toBe(200);
    expect(marked.body.currentItem).toBe(1);
    expect((await dung.get<MeetingView>(path)).body.currentItem).toBe(1);
    // A delegate cannot move it; an index past the agenda, or not a whole number, is refused.
    expect((await dung.patch(path, { currentItem: 0 })).status).toBe(403);
    for (const wrong of [3, -1, 1.5, '1']) {
      const res = await ha.patch(path, { currentItem: wrong });
      expect(res.status, String(wrong)).toBe(400);
      expect(res.body.code).toBe('invalid_request');
    }
    expect((await ha.get<MeetingView>(path)).body.currentItem).toBe(1);
    // The agenda shortened past it: no item is under discussion. An agenda and its mark together are taken.
    expect((await ha.patch<MeetingView>(path, { agenda: ['Khai mạc'] })).body.currentItem).toBeNull();
    expect((await ha.patch<MeetingView>(path, { agenda: ['Khai mạc', 'Bế mạc'], currentItem: 1 })).body.currentItem).toBe(1);
    expect((await ha.patch<MeetingView>(path, { currentItem: null })).body.currentItem).toBeNull();
    expect((await ha.patch<MeetingView>(path, { currentItem: 0 })).body.currentItem).toBe(0);
    // Closing the sitting clears it, and none can be marked after it (nor before it opens).
    expect((await admin.patch<MeetingView>(path, { status: 'closed' })).body.currentItem).toBeNull();
    expect((await ha.patch(path, { currentItem: 0 })).body.code).toBe('agenda_outside_sitting');
    const later = await seedMeeting(admin, { document: null, people: [{ username: 'tuan', fullName: 'Ngô Anh Tuấn', role: 'chair' }] });
    expect((await admin.patch(`/api/meetings/${later.meeting.id}`, { currentItem: 0 })).body.code).toBe('agenda_outside_sitting');
  });

  it('[H12] a CSV roster import previews each row with its error, then imports only the valid rows', async () => {
    const { url } = await server();
    const admin = await setupAdmin(url);
    const { meeting, people } = await seedMeeting(admin, { document: null });
    const kien = await signedIn(url, 'kien', people.kien!.password);
    const csv = [
      'Họ và tên,Tên đăng nhập,Vai trò,Đơn vị',
      'Vũ Quang Huy,huy,đại biểu,Phòng Laser công nghiệp',
      '"Đỗ Thị Hương",huong,Dai bieu,"Phòng Kế hoạch, Tài chính"',
      ',trong,đại biểu,Phòng X',
      'Hoàng Minh Tuấn,Tuấn Hoàng,đại biểu,Phòng Y',
      'Bùi Thị Ngọc Anh,anh,giám đốc,Phòng Z',
      'Lê Văn Dũng,dung,đại biểu,Phòng Quang học',
      'Vũ Quang Huy,huy,khách mời,',
      'Trần Thu Hà,ha,khách mời,',
    ].join('\n');
    const path = `/api/meetings/${meeting.id}/members/import`;
    const preview = (await kien.post(path, { csv, dryRun: true })).body as ImportResult;
    expect(preview.rows.map((r) => [r.line, r.action, r.error?.code ?? null])).toEqual([
      [2, 'create', null],
      [3, 'create', null],
      [4, null, 'invalid_request'],
      [5, null, 'invalid_request'],
      [6, null, 'invalid_request'],
      [7, 'update', null],
      [8, null, 'invalid_request'],
      // A role change of someone already on the roster is listed for a deliberate decision (RL4, RI4).
      [9, 'update', null],
    ]);
    expect(preview.rows[7]!.confirm).toEqual({ username: 'ha', name: null, role: { from: 'secretary', to: 'observer' } });
    expect(preview.rows[4]!.error!.message).toContain('giám đốc');
    expect(preview.applied).toBe(0);
    expect((await kien.get(`/api/meetings/${meeting.id}/members`)).body.members).toHaveLength(4);

    const done = (await kien.post(path, { csv, dryRun: false, decisions: [{ ...preview.rows[7]!.confirm!, accept: false }] }))
      .body as ImportResult;
    expect(done.applied).toBe(3);
    expect(done.passwords.map((p) => p.username)).toEqual(['huy', 'huong']);
    const huy = new ApiClient(url);
    await huy.signIn('huy', done.passwords[0]!.password);
    const roster = (await kien.get(`/api/meetings/${meeting.id}/members`)).body.members as { fullName: string; role: string; unit: string }[];
    // Sorted by given name (the last word) with Vietnamese collation, where ư comes after u: Huy before Hương.
    expect(roster.map((m) => m.fullName)).toEqual([
      'Lê Văn Dũng',
      'Trần Thu Hà',
      'Vũ Quang Huy',
      'Đỗ Thị Hương',
      'Giang Mạnh Khôi',
      'Cung Hồng Kiên',
    ]);
    expect(roster.find((m) => m.fullName === 'Lê Văn Dũng')).toMatchObject({ role: 'delegate', unit: 'Phòng Quang học' });
    expect(roster.find((m) => m.fullName === 'Trần Thu Hà')!.role).toBe('secretary');
    expect(roster.find((m) => m.fullName === 'Đỗ Thị Hương')!.unit).toBe('Phòng Kế hoạch, Tài chính');
  });

  it('[H13] documents start from their template, listed in the meeting; the only chair cannot be removed or demoted', async () => {
    const { url } = await server();
    const admin = await setupAdmin(url);
    const { meeting, people } = await seedMeeting(admin, { document: null });
    const kien = await signedIn(url, 'kien', people.kien!.password);
    for (const kind of ['BB', 'NQ', 'KH', 'BC', 'blank']) {
      const res = await kien.post(`/api/meetings/${meeting.id}/documents`, { kind });
      expect(res.status, kind).toBe(201);
    }
    const docs = (await kien.get(`/api/meetings/${meeting.id}/documents`)).body as { kind: string; title: string }[];
    expect(docs.map((d) => d.kind)).toEqual(['BB', 'NQ', 'KH', 'BC', 'blank']);
    expect(docs.every((d) => d.title.length > 0)).toBe(true);
    const removed = await kien.delete(`/api/meetings/${meeting.id}/members/${people.kien!.userId}`);
    expect(removed.status).toBe(409);
    expect(removed.body.code).toBe('last_chair');
    // Nobody changes their own role (RL1); an administrator demoting the only chair meets the last-chair rule.
    expect((await kien.patch(`/api/meetings/${meeting.id}/members/${people.kien!.userId}`, { role: 'delegate' })).body.code).toBe('own_role');
    expect((await admin.patch(`/api/meetings/${meeting.id}/members/${people.kien!.userId}`, { role: 'delegate' })).body.code).toBe('last_chair');
    expect((await kien.patch(`/api/meetings/${meeting.id}/members/${people.ha!.userId}`, { role: 'chair' })).status).toBe(200);
    // With a second chair, that chair may demote the first.
    const ha = await signedIn(url, 'ha', people.ha!.password);
    expect((await ha.patch(`/api/meetings/${meeting.id}/members/${people.kien!.userId}`, { role: 'delegate' })).status).toBe(200);
  });

  it('[H14] the demo conference loads once, with its people on the roster and its demo accounts shown', async () => {
    const { url } = await server();
    const admin = await setupAdmin(url, { loadDemo: true });
    const accounts = (await new ApiClient(url).get('/api/demo-accounts')).body as { username: string; role: string; password: string }[];
    expect(accounts.length).toBeGreaterThanOrEqual(8);
    expect(accounts.filter((a) => a.role === 'chair').length).toBeGreaterThanOrEqual(1);
    expect(accounts.filter((a) => a.role === 'secretary').length).toBeGreaterThanOrEqual(1);
    const meetings = (await admin.get('/api/meetings')).body as MeetingView[];
    expect(meetings).toHaveLength(1);
    expect(meetings[0]!.title).toContain('Hội nghị cán bộ viên chức năm 2023');
    const chair = accounts.find((a) => a.role === 'chair')!;
    const person = new ApiClient(url);
    await person.signIn(chair.username, chair.password);
    const view = (await person.get(`/api/meetings/${meetings[0]!.id}`)).body as MeetingView;
    expect(view.members.find((m) => m.role === 'chair')!.fullName).toBe('Cung Hồng Kiên');
    expect(view.documents.map((d) => d.kind).sort()).toEqual(['BB', 'NQ']);
    expect((await admin.post('/api/demo')).body.code).toBe('demo_loaded');
  });
});
