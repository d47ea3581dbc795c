import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SUGGEST_INSERT } from '../../shared/editor/suggestion-marks.ts';
import { actionWords, detailLabel } from '../../client/motions/auditWords.ts';
import type { MeetingView, MotionElectorateView, MotionView } from '../../shared/api.ts';
import { AUDIT_ACTIONS, isAuditAction } from '../../shared/audit-actions.ts';
import { ERRORS } from '../../shared/errors.ts';
import { t, type MessageKey } from '../../shared/i18n.ts';
import { ApiClient, seedMeeting, setupAdmin } from '../helpers/api.ts';
import { adopt, requestFinalisation } from '../helpers/finalise.ts';
import { serversForEachTest } from '../helpers/servers.ts';
import { VOTERS, motion, open, votingMeeting } from '../helpers/votes.ts';

const server = serversForEachTest();

/** A refusal's status, code and message, asked in both languages. */
async function refusal(client: ApiClient, method: 'POST' | 'PATCH', path: string, body: unknown = {}) {
  const answers = [];
  for (const lang of ['vi', 'en'] as const) {
    client.lang = lang;
    answers.push(await client.request(method, path, body));
  }
  client.lang = 'en';
  const [vi, en] = answers as [(typeof answers)[0], (typeof answers)[0]];
  return { status: vi.status, code: vi.body.code as string, vi: vi.body.message as string, en: en.body.message as string };
}

const expected = (code: keyof typeof ERRORS) => ({ status: ERRORS[code].status, code, vi: ERRORS[code].vi, en: ERRORS[code].en });

describe('what a meeting’s stage refuses, each with its own code', () => {
  it('[V12] before the session a vote is prepared but not opened (meeting_not_started), and nobody checks in (not_in_session)', async () => {
    const { url } = await server();
    const admin = await setupAdmin(url);
    const { meeting, people } = await seedMeeting(admin, { people: VOTERS.slice(0, 3) });
    const kien = new ApiClient(url);
    await kien.signIn('kien', people.kien!.password);
    const draft = await kien.post<MotionView>(`/api/meetings/${meeting.id}/motions`, { title: 'Thông qua chương trình' });
    expect(draft.status).toBe(201);
    expect(await refusal(kien, 'POST', `/api/motions/${draft.body.id}/open`)).toEqual(expected('meeting_not_started'));
    expect(await refusal(kien, 'POST', `/api/meetings/${meeting.id}/attendance`, { status: 'present' })).toEqual(
      expected('not_in_session'),
    );
    const view = (await kien.get<MeetingView>(`/api/meetings/${meeting.id}`)).body;
    expect(view.permissions).toMatchObject({ manageMotions: true, runVotes: false, checkIn: false, markAttendance: false });
  }, 60_000);

  it('[V12] a closed meeting refuses preparing, editing, opening and repeating votes with meeting_closed, check-in with not_in_session, and still takes documents', async () => {
    const { url } = await server();
    const m = await votingMeeting(url);
    const rejected = await motion(m, { documentId: null });
    await open(m, rejected.id);
    expect((await m.as.kien!.post(`/api/motions/${rejected.id}/close`)).body.outcome).toBe('rejected');
    const draft = await motion(m, { documentId: null, title: 'Chưa kịp mở' });
    expect((await m.as.ha!.patch(`/api/meetings/${m.meetingId}`, { status: 'closed' })).status).toBe(200);

    const closed = expected('meeting_closed');
    const kien = m.as.kien!;
    expect(await refusal(kien, 'POST', `/api/motions/${draft.id}/open`)).toEqual(closed);
    expect(await refusal(kien, 'PATCH', `/api/motions/${draft.id}`, { title: 'Sửa' })).toEqual(closed);
    expect(await refusal(m.as.ha!, 'POST', `/api/meetings/${m.meetingId}/motions`, { title: 'Mới' })).toEqual(closed);
    expect(await refusal(kien, 'POST', `/api/meetings/${m.meetingId}/motions`, { title: 'Lại', revoteOf: rejected.id })).toEqual(
      closed,
    );
    // The case that once said "attendance only in session" for a vote: each says its own reason.
    expect(closed.vi).not.toBe(ERRORS.not_in_session.vi);
    expect(await refusal(m.as.hoa!, 'POST', `/api/meetings/${m.meetingId}/attendance`, { status: 'present' })).toEqual(
      expected('not_in_session'),
    );
    expect(
      await refusal(m.as.ha!, 'POST', `/api/meetings/${m.meetingId}/attendance`, { userId: m.people.hoa!.userId, status: 'absent' }),
    ).toEqual(expected('not_in_session'));

    // Minutes written after the close are still made, and can be put forward (FN3).
    const minutes = await m.as.ha!.post(`/api/meetings/${m.meetingId}/documents`, { kind: 'BB' });
    expect(minutes.status).toBe(201);
    expect((await requestFinalisation(m.as.ha!, minutes.body.id)).status).toBe(200);
    // A resolution never adopted cannot be, any more.
    const late = await m.as.ha!.post(`/api/meetings/${m.meetingId}/documents`, { kind: 'NQ' });
    expect(await refusal(m.as.ha!, 'POST', `/api/documents/${late.body.id}/finalisation`)).toEqual(expected('not_finalisable'));

    // What the API offers matches: nothing above that it would refuse.
    const chair = (await kien.get<MeetingView>(`/api/meetings/${m.meetingId}`)).body.permissions;
    expect(chair).toMatchObject({ manageMotions: false, runVotes: false, checkIn: false, markAttendance: false, createDocuments: true });
    const secretary = (await m.as.ha!.get<MeetingView>(`/api/meetings/${m.meetingId}`)).body.permissions;
    expect(secretary).toMatchObject({ manageMotions: false, markAttendance: false, requestFinalisation: true });
  }, 60_000);
});

describe('who has not voted yet', () => {
  it('[V13] the chair reads who was counted present when the vote opened; marking someone absent since moves nothing; nobody else reads it', async () => {
    const { url } = await server();
    const m = await votingMeeting(url);
    const draft = await motion(m);
    const path = `/api/motions/${draft.id}/electorate`;
    expect((await m.as.kien!.get<MotionElectorateView>(path)).body).toEqual({ present: [] });
    await open(m, draft.id);
    const present = ['kien', 'ha', 'dung', 'lan', 'minh'].map((u) => m.people[u]!.userId).sort();
    expect((await m.as.kien!.get<MotionElectorateView>(path)).body.present.sort()).toEqual(present);
    await m.as.ha!.post(`/api/meetings/${m.meetingId}/attendance`, { userId: m.people.minh!.userId, status: 'absent' });
    await m.as.hoa!.post(`/api/meetings/${m.meetingId}/attendance`, { status: 'present' });
    expect((await m.as.kien!.get<MotionElectorateView>(path)).body.present.sort()).toEqual(present);
    for (const who of ['ha', 'dung', 'khoi']) {
      const res = await m.as[who]!.get(path);
      expect(res.status, who).toBe(403);
      expect(res.body.code).toBe('forbidden');
    }
    const outsider = new ApiClient(url);
    await outsider.signIn('admin', 'quan-tri-2023');
    expect((await outsider.get(path)).status).toBe(403);
  }, 60_000);
});

describe('the audit record in words', () => {
  it('[AU5] every action and detail a whole meeting writes is one the list declares, and each reads in words in both languages', async () => {
    const { url, sql: q, rooms } = await server();
    const m = await votingMeeting(url);
    const [kien, ha, dung] = [m.as.kien!, m.as.ha!, m.as.dung!];
    const id = m.meetingId;
    // The roster: added, changed, removed, imported; an account and a token made, changed and revoked.
    const added = await m.admin.post(`/api/meetings/${id}/members`, {
      newUser: { username: 'tam', fullName: 'Hồ Minh Tâm', password: 'tam-mat-khau' },
      role: 'delegate',
      unit: 'Phòng Hành chính',
    });
    const tam = added.body.member.userId as string;
    await m.admin.patch(`/api/meetings/${id}/members/${tam}`, { unit: 'Phòng Kế toán' });
    await m.admin.delete(`/api/meetings/${id}/members/${tam}`);
    await m.admin.post(`/api/meetings/${id}/members/import`, { csv: 'Hồ Minh Tâm,tam,đại biểu,Phòng Kế toán', dryRun: false });
    await ha.post(`/api/meetings/${id}/attendance`, { userId: tam, status: 'present' });
    await m.admin.patch(`/api/users/${tam}`, { fullName: 'Hồ Minh Tâm (Kế toán)' });
    const token = await m.admin.post('/api/tokens', { name: 'Máy chiếu', userId: tam, expiresInDays: 30 });
    expect((await m.admin.delete(`/api/tokens/${token.body.token.id}`)).status).toBe(204);
    await m.admin.patch(`/api/meetings/${id}`, { place: 'Phòng họp tầng 3', observersComment: true });
    // A comment thread through its life (K3): the anchor is a relative position at the text's start.
    const anchor = { start: Buffer.from([1, 0]).toString('base64'), end: Buffer.from([1, 0]).toString('base64') };
    const thread = await dung.post(`/api/documents/${m.documentId}/comments`, { anchor, quote: 'Điều 1', body: 'Góp ý.' });
    expect(thread.status).toBe(201);
    const reply = await kien.post(`/api/comment-threads/${thread.body.id}/replies`, { body: 'Trả lời.' });
    await dung.patch(`/api/comments/${thread.body.comments[0].id}`, { body: 'Góp ý đã sửa.' });
    await dung.request('PUT', `/api/comment-threads/${thread.body.id}/status`, { status: 'resolved' });
    await kien.request('PUT', `/api/comment-threads/${thread.body.id}/status`, { status: 'open' });
    expect((await kien.delete(`/api/comments/${reply.body.comments[1].id}`)).status).toBe(200);
    // Votes of every form; one adopts the resolution, whose text is then saved, restored and finalised.
    const hands = await motion(m, { documentId: null, form: 'hands' });
    await kien.patch(`/api/motions/${hands.id}`, { title: 'Thông qua chương trình' });
    await open(m, hands.id);
    await ha.post(`/api/motions/${hands.id}/tally`, { for: 5, against: 0, abstain: 0 });
    await kien.post(`/api/motions/${hands.id}/close`);
    const saved = await ha.post(`/api/documents/${m.documentId}/versions`, { label: 'Bản góp ý' });
    expect(saved.status).toBe(201);
    expect((await ha.post(`/api/versions/${saved.body.id}/restore`)).status).toBe(200);
    const secret = await motion(m, { form: 'secret' });
    await open(m, secret.id);
    await dung.post(`/api/motions/${secret.id}/ballots`, { choice: 'against' });
    await kien.post(`/api/motions/${secret.id}/close`);
    // Suggestions decided one by one, and amendments set aside, adopted and rejected, before the final vote.
    await rooms.change(m.documentId, (doc) => {
      const fragment = doc.getXmlFragment('default');
      for (const [i, by] of ['kien', 'kien', 'dung', 'dung', 'dung', 'dung'].entries()) {
        const text = new Y.XmlText();
        const p = new Y.XmlElement('paragraph');
        p.insert(0, [text]);
        fragment.insert(fragment.length, [p]);
        text.insert(0, `Đoạn ${i} `);
        text.insert(text.length, 'đề xuất', { [SUGGEST_INSERT]: { id: `s${i}`, by: m.people[by]!.userId, name: by, at: '2026-12-03T08:00:00.000Z' } });
      }
    });
    await ha.post(`/api/documents/${m.documentId}/suggestions/accept`, { ids: ['s0'] });
    await ha.post(`/api/documents/${m.documentId}/suggestions/reject`, { ids: ['s1'] });
    await dung.post(`/api/documents/${m.documentId}/suggestions/withdraw`, { ids: ['s2'] });
    const amendment = async (id: string) => (await ha.post<MotionView>(`/api/meetings/${m.meetingId}/amendments`, { documentId: m.documentId, suggestionIds: [id] })).body;
    const aside = await amendment('s3');
    for (const action of ['postpone', 'resume', 'withdraw']) await kien.post(`/api/motions/${aside.id}/set-aside`, { action });
    const adopted = await amendment('s4');
    await open(m, adopted.id);
    for (const who of ['kien', 'ha', 'dung', 'lan', 'minh']) await m.as[who]!.post(`/api/motions/${adopted.id}/ballots`, { choice: 'for' });
    expect((await kien.post<MotionView>(`/api/motions/${adopted.id}/close`)).body.outcome).toBe('adopted');
    const rejected = await amendment('s5');
    await open(m, rejected.id);
    expect((await kien.post<MotionView>(`/api/motions/${rejected.id}/close`)).body.outcome).toBe('rejected');
    await adopt(m);
    await requestFinalisation(ha, m.documentId);
    await ha.delete(`/api/documents/${m.documentId}/finalisation`);
    await requestFinalisation(ha, m.documentId);
    await kien.delete(`/api/documents/${m.documentId}/finalisation`);
    await requestFinalisation(ha, m.documentId);
    await kien.post(`/api/documents/${m.documentId}/finalisation/confirm`);
    await ha.patch(`/api/meetings/${id}`, { status: 'closed' });
    await m.admin.post('/api/demo');

    const rows = (await sql<{ action: string; payload: string }>`SELECT action, payload FROM audit ORDER BY seq`.execute(q)).rows;
    const written = new Set(rows.map((r) => r.action));
    // Everything but refused edits kept as a draft (a reconnecting offline device: test/integration/refused-edits)
    // and an amendment's outcome asked again after it failed (storage refusing: test/integration/amendment-retry).
    expect([...Object.keys(AUDIT_ACTIONS)].filter((a) => !written.has(a))).toEqual(['document.refused_edits_saved', 'amendment.apply_requested']);
    for (const row of rows) {
      expect(isAuditAction(row.action), row.action).toBe(true);
      if (!isAuditAction(row.action)) continue;
      const declared: readonly string[] = AUDIT_ACTIONS[row.action];
      for (const key of Object.keys(JSON.parse(row.payload) as object)) {
        expect(declared, `${row.action} writes ${key}`).toContain(key);
      }
    }
    for (const lang of ['vi', 'en'] as const) {
      const words = (key: MessageKey, params?: Record<string, string | number>) => t(lang, key, params);
      for (const row of rows) {
        expect(actionWords(row.action, words)).not.toBe(words('audit.action.unknown'));
        for (const key of Object.keys(JSON.parse(row.payload) as object)) {
          expect(detailLabel(key, words), `${lang} ${row.action} ${key}`).not.toBe(words('audit.key.other'));
        }
      }
    }
  }, 60_000);
});
