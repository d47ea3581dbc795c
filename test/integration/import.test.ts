import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditView, ImportChange, ImportRefusal, ImportResult, MemberView, UserView } from '../../shared/api.ts';
import { ApiClient, seedMeeting, setupAdmin } from '../helpers/api.ts';
import { serversForEachTest } from '../helpers/servers.ts';
import { motion, open, votingMeeting } from '../helpers/votes.ts';

const server = serversForEachTest();

const PEOPLE = [
  { username: 'kien', fullName: 'Cung Hồng Kiên', role: 'chair' as const },
  { username: 'ha', fullName: 'Trần Thu Hà', role: 'secretary' as const },
  { username: 'hung', fullName: 'Nguyễn Văn Hùng', role: 'delegate' as const },
  { username: 'dung', fullName: 'Lê Văn Dũng', role: 'delegate' as const },
];

/** A meeting in session, its chair and secretary signed in, and what a test reads back to see what changed. */
async function meetingWithRoster(url: string) {
  const admin = await setupAdmin(url);
  const { meeting, people } = await seedMeeting(admin, { people: PEOPLE, document: null, inSession: true });
  const ha = new ApiClient(url);
  await ha.signIn('ha', people.ha!.password);
  const path = `/api/meetings/${meeting.id}/members/import`;
  const roster = async () =>
    Object.fromEntries(
      ((await admin.get<{ members: MemberView[] }>(`/api/meetings/${meeting.id}/members`)).body.members).map((m) => [
        m.fullName,
        `${m.role}|${m.unit}`,
      ]),
    );
  const usernames = async () => (await admin.get<UserView[]>('/api/users')).body.map((u) => u.username).sort();
  const auditLength = async () => (await admin.get<AuditView>(`/api/meetings/${meeting.id}/audit`)).body.entries.length;
  const preview = async (csv: string, who = ha) => {
    const res = await who.post<ImportResult>(path, { csv, dryRun: true });
    expect(res.status).toBe(200);
    return res.body;
  };
  const apply = (csv: string, decisions: (ImportChange & { accept: boolean })[] = [], who = ha) =>
    who.post<ImportResult & ImportRefusal>(path, { csv, dryRun: false, decisions });
  return { admin, ha, meeting, people, roster, usernames, auditLength, preview, apply };
}

describe('a roster import never changes a person silently', () => {
  it('[RI3] [RI5] a CSV with a name conflict changes nothing unless confirmed; declined, the rest goes in; accepted, it applies to the account, whose name stays', async () => {
    const { url } = await server();
    const m = await meetingWithRoster(url);
    // The tester's row: Hùng's username, someone else's name, an observer's role.
    const csv = ['Họ và tên,Tên đăng nhập,Vai trò,Đơn vị', 'Phạm Thị Hồng,hung,Khách mời,Công đoàn', 'Vũ Quang Huy,huy,Đại biểu,Phòng Laser'].join('\n');
    const conflict: ImportChange = {
      username: 'hung',
      name: { account: 'Nguyễn Văn Hùng', row: 'Phạm Thị Hồng' },
      role: { from: 'delegate', to: 'observer' },
    };
    const preview = await m.preview(csv);
    expect(preview.blocked).toBeNull();
    expect(preview.rows.map((r) => [r.line, r.username, r.action, r.confirm])).toEqual([
      [2, 'hung', 'update', conflict],
      [3, 'huy', 'create', null],
    ]);

    const before = { roster: await m.roster(), usernames: await m.usernames(), audit: await m.auditLength() };
    // Not confirmed: nothing at all, not even the valid new account; the answer lists what lacked a decision.
    const refused = await m.apply(csv);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('import_unconfirmed');
    expect(refused.body.unconfirmed).toEqual([conflict]);
    expect(refused.body.rows.map((r) => r.confirm)).toEqual([conflict, null]);
    // A decision about another change (the name alone, not the role) does not cover this one.
    const partial = await m.apply(csv, [{ ...conflict, role: null, accept: true }]);
    expect(partial.body.code).toBe('import_unconfirmed');
    expect({ roster: await m.roster(), usernames: await m.usernames(), audit: await m.auditLength() }).toEqual(before);
    expect(before.roster['Nguyễn Văn Hùng']).toBe('delegate|');

    // Declined: Hùng is untouched, Huy is added.
    const declined = await m.apply(csv, [{ ...conflict, accept: false }]);
    expect(declined.status).toBe(200);
    expect(declined.body.applied).toBe(1);
    expect(declined.body.passwords.map((p) => [p.username, p.fullName])).toEqual([['huy', 'Vũ Quang Huy']]);
    expect(await m.roster()).toMatchObject({ 'Nguyễn Văn Hùng': 'delegate|', 'Vũ Quang Huy': 'delegate|Phòng Laser' });

    // Accepted: the row applies to the account `hung`; the account keeps its own full name.
    const accepted = await m.apply(csv, [{ ...conflict, accept: true }]);
    expect(accepted.status).toBe(200);
    expect(accepted.body.rows.map((r) => r.action)).toEqual(['update', 'unchanged']);
    expect(accepted.body.applied).toBe(1);
    expect(accepted.body.passwords).toEqual([]);
    const roster = await m.roster();
    expect(roster['Nguyễn Văn Hùng']).toBe('observer|Công đoàn');
    expect(roster['Phạm Thị Hồng']).toBeUndefined();
    const entries = (await m.admin.get<AuditView>(`/api/meetings/${m.meeting.id}/audit`)).body.entries;
    expect(entries.at(-1)).toMatchObject({
      action: 'member.imported',
      payload: { role: 'observer', roleFrom: 'delegate', nameInFile: 'Phạm Thị Hồng', unit: 'Công đoàn' },
    });
  });

  it('[RI3] names are compared composed, whatever the case and spacing; diacritics count', async () => {
    const { url } = await server();
    const m = await meetingWithRoster(url);
    const decomposed = 'NGUYÊ\u0303N  va\u0306n   hu\u0300ng';
    const preview = await m.preview([`${decomposed},hung,Đại biểu,Phòng A`, 'Le Van Dung,dung,Đại biểu,'].join('\n'));
    expect(preview.rows.map((r) => [r.action, r.unitFrom, r.confirm?.name ?? null])).toEqual([
      ['update', '', null],
      ['unchanged', null, { account: 'Lê Văn Dũng', row: 'Le Van Dung' }],
    ]);
  });

  it('[RI4] a role change of someone on the roster needs a tick bound to that change; a unit alone is a plain update', async () => {
    const { url } = await server();
    const m = await meetingWithRoster(url);
    const csv = 'Lê Văn Dũng,dung,Khách mời,Phòng Quang học';
    const change: ImportChange = { username: 'dung', name: null, role: { from: 'delegate', to: 'observer' } };
    expect((await m.preview(csv)).rows.map((r) => [r.action, r.unitFrom, r.confirm])).toEqual([['update', '', change]]);
    expect((await m.apply(csv)).body.unconfirmed).toEqual([change]);
    expect((await m.roster())['Lê Văn Dũng']).toBe('delegate|');

    // The roster changes between the preview and the import: the tick given to "delegate → observer" does not
    // cover "secretary → observer".
    expect((await m.admin.patch(`/api/meetings/${m.meeting.id}/members/${m.people.dung!.userId}`, { role: 'secretary' })).status).toBe(200);
    const stale = await m.apply(csv, [{ ...change, accept: true }]);
    expect(stale.status).toBe(409);
    expect(stale.body.unconfirmed).toEqual([{ ...change, role: { from: 'secretary', to: 'observer' } }]);
    expect((await m.roster())['Lê Văn Dũng']).toBe('secretary|');

    const done = await m.apply(csv, [{ ...change, role: { from: 'secretary', to: 'observer' }, accept: true }]);
    expect(done.status).toBe(200);
    expect((await m.roster())['Lê Văn Dũng']).toBe('observer|Phòng Quang học');

    // The unit alone needs no tick.
    const unitOnly = 'Lê Văn Dũng,dung,Khách mời,Công đoàn';
    expect((await m.preview(unitOnly)).rows.map((r) => [r.action, r.unitFrom, r.confirm])).toEqual([['update', 'Phòng Quang học', null]]);
    expect((await m.apply(unitOnly)).body.applied).toBe(1);
    expect((await m.roster())['Lê Văn Dũng']).toBe('observer|Công đoàn');
  });

  it('[RI4] ticked role changes still meet RL1–RL3, checked row after row: demoting both chairs changes nothing', async () => {
    const { url } = await server();
    const m = await meetingWithRoster(url);
    const secretaryRows = (await m.preview('Cung Hồng Kiên,kien,Đại biểu,\nTrần Thu Hà,ha,Đại biểu,')).rows;
    expect(secretaryRows.map((r) => [r.action, r.error?.message ?? null])).toEqual([
      [null, expect.stringContaining('chair’s role')],
      [null, expect.stringContaining('Nobody changes their own role')],
    ]);

    await m.admin.patch(`/api/meetings/${m.meeting.id}/members/${m.people.hung!.userId}`, { role: 'chair' });
    const csv = 'Cung Hồng Kiên,kien,Đại biểu,\nNguyễn Văn Hùng,hung,Đại biểu,\nLê Văn Dũng,dung,Khách mời,';
    const preview = await m.preview(csv, m.admin);
    expect(preview.rows.map((r) => r.confirm?.role)).toEqual([
      { from: 'chair', to: 'delegate' },
      { from: 'chair', to: 'delegate' },
      { from: 'delegate', to: 'observer' },
    ]);
    const all = preview.rows.map((r) => ({ ...r.confirm!, accept: true }));
    const refused = await m.apply(csv, all, m.admin);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('last_chair');
    expect(await m.roster()).toMatchObject({ 'Cung Hồng Kiên': 'chair|', 'Nguyễn Văn Hùng': 'chair|', 'Lê Văn Dũng': 'delegate|' });
    // One of them declined, the rest goes in.
    const done = await m.apply(csv, all.map((d) => (d.username === 'hung' ? { ...d, accept: false } : d)), m.admin);
    expect(done.body.applied).toBe(2);
    expect(await m.roster()).toMatchObject({ 'Cung Hồng Kiên': 'delegate|', 'Nguyễn Văn Hùng': 'chair|', 'Lê Văn Dũng': 'observer|' });
  });

  it('[RI6] nothing changes while a vote is open: the preview says why, the import is refused', async () => {
    const { url } = await server();
    const m = await votingMeeting(url);
    const vote = await motion(m);
    await open(m, vote.id);
    const path = `/api/meetings/${m.meetingId}/members/import`;
    const csv = 'Vũ Quang Huy,huy,Đại biểu,\nLê Văn Dũng,dung,Đại biểu,Phòng A';
    m.as.ha!.lang = 'vi';
    const preview = (await m.as.ha!.post<ImportResult>(path, { csv, dryRun: true })).body;
    expect(preview.blocked).toEqual({ code: 'import_vote_open', message: expect.stringContaining('Đang có biểu quyết') });
    expect(preview.rows.map((r) => r.action)).toEqual(['create', 'update']);
    const applied = await m.as.ha!.post(path, { csv, dryRun: false });
    expect(applied.status).toBe(409);
    expect(applied.body.code).toBe('import_vote_open');
    const roster = (await m.as.ha!.get<{ members: MemberView[] }>(`/api/meetings/${m.meetingId}/members`)).body.members;
    expect(roster.map((p) => p.fullName)).not.toContain('Vũ Quang Huy');
    expect(roster.find((p) => p.fullName === 'Lê Văn Dũng')!.unit).toBe('');
    expect((await m.admin.get<UserView[]>('/api/users')).body.map((u) => u.username)).not.toContain('huy');
  });

  it('[RI1] `;` with a byte-order mark and Windows line ends, and tab-separated text, import the same way', async () => {
    const { url } = await server();
    const m = await meetingWithRoster(url);
    const semicolons = '\uFEFFHọ và tên;Tên đăng nhập;Vai trò;Đơn vị\r\nĐỗ Thị Hương;huong;Đại biểu;Phòng Kế hoạch, Tài chính\r\n\r\n;;;\r\n';
    const tabs = 'Vũ Quang Huy\thuy\tThư ký\tPhòng Laser\r\nBùi Thị Ngọc Anh\tanh\tKhach moi\t';
    expect((await m.preview(semicolons)).rows.map((r) => [r.line, r.fullName, r.username, r.role, r.unit, r.action])).toEqual([
      [2, 'Đỗ Thị Hương', 'huong', 'Đại biểu', 'Phòng Kế hoạch, Tài chính', 'create'],
    ]);
    expect((await m.apply(semicolons)).body.applied).toBe(1);
    expect((await m.apply(tabs)).body.applied).toBe(2);
    expect(await m.roster()).toMatchObject({
      'Đỗ Thị Hương': 'delegate|Phòng Kế hoạch, Tài chính',
      'Vũ Quang Huy': 'secretary|Phòng Laser',
      'Bùi Thị Ngọc Anh': 'observer|',
    });
  });

  it('[RI2] an empty username gets one made from the full name, unique against the accounts and the file', async () => {
    const { url } = await server();
    const m = await meetingWithRoster(url);
    // An account "hungnv" exists (not on this meeting) and the file names "hungnv2" further down.
    await m.admin.post('/api/users', { username: 'hungnv', fullName: 'Nguyễn Văn Hưng', password: 'mat-khau-hungnv' });
    const csv = [
      'Nguyễn Văn Hùng;;Đại biểu;Phòng A',
      'Nguyễn Văn Hùng;;Đại biểu;Phòng B',
      'Đặng Đình Đức;;Khách mời;',
      'Ngô Văn Hùng;hungnv2;Đại biểu;Phòng C',
    ].join('\n');
    const preview = await m.preview(csv);
    expect(preview.rows.map((r) => [r.username, r.generatedUsername, r.action])).toEqual([
      ['hungnv3', true, 'create'],
      ['hungnv4', true, 'create'],
      ['ducdd', true, 'create'],
      ['hungnv2', false, 'create'],
    ]);
    const done = (await m.apply(csv)).body;
    expect(done.passwords.map((p) => p.username)).toEqual(['hungnv3', 'hungnv4', 'ducdd', 'hungnv2']);
    await new ApiClient(url).signIn('hungnv3', done.passwords[0]!.password);
    // Imported again, the made-up rows are new people again (nothing links them to the accounts just made);
    // the named one is already there.
    expect((await m.preview(csv)).rows.map((r) => r.username)).toEqual(['hungnv5', 'hungnv6', 'ducdd2', 'hungnv2']);
  });

  it('[RI7] new accounts’ passwords are in the answer only, stored hashed; existing accounts keep theirs', async () => {
    const { url, dataDir } = await server();
    const m = await meetingWithRoster(url);
    const done = (await m.apply('Vũ Quang Huy,huy,Đại biểu,\nLê Văn Dũng,dung,Đại biểu,Phòng A\nPhạm Thị Lan,,Đại biểu,')).body;
    expect(done.passwords.map((p) => [p.username, p.fullName])).toEqual([
      ['huy', 'Vũ Quang Huy'],
      ['lanpt', 'Phạm Thị Lan'],
    ]);
    await new ApiClient(url).signIn('dung', m.people.dung!.password);
    for (const { username, password } of done.passwords) await new ApiClient(url).signIn(username, password);
    // Not a preview, not a later answer, not a file of the server holds them.
    expect(JSON.stringify((await m.preview('Vũ Quang Huy,huy,Đại biểu,')).rows)).not.toContain(done.passwords[0]!.password);
    const files = fs.readdirSync(dataDir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const bytes = fs.readFileSync(path.join(file.parentPath, file.name)).toString('latin1');
      for (const { password } of done.passwords) expect(bytes).not.toContain(password);
    }
  });
});
