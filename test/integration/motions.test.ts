import { sql } from 'kysely';
import { TEST_ENGINE } from '../helpers/database.ts';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../server/db/database.ts';
import type { MotionDetail, MotionView } from '../../shared/api.ts';
import { serversForEachTest } from '../helpers/servers.ts';
import { motion, open, votingMeeting } from '../helpers/votes.ts';

const server = serversForEachTest();

describe('motions and ballots over HTTP', () => {
  it('[V2] draft → open → closed: only a chair opens and closes, and a closed motion never reopens', async () => {
    const { url } = await server();
    const m = await votingMeeting(url);
    const draft = await motion(m);
    expect(draft).toMatchObject({ number: 1, status: 'draft', outcome: null, form: 'named', rule: 'present_majority' });
    expect(draft.quorumRule).toEqual({ numerator: 2, denominator: 3 });

    for (const who of ['ha', 'dung', 'khoi']) {
      const res = await m.as[who]!.post(`/api/motions/${draft.id}/open`);
      expect(res.status, who).toBe(403);
      expect(res.body.code).toBe('forbidden');
    }
    // An administrator runs the installation, not the meeting.
    expect((await m.admin.post(`/api/motions/${draft.id}/open`)).status).toBe(403);

    const opened = await open(m, draft.id);
    expect(opened).toMatchObject({ status: 'open', members: 7, present: 5, voted: 0, tally: { for: 0, against: 0, abstain: 0 } });
    expect((await m.as.kien!.post(`/api/motions/${draft.id}/open`)).body.code).toBe('motion_not_draft');
    expect((await m.as.ha!.post(`/api/motions/${draft.id}/close`)).status).toBe(403);
    expect((await m.as.dung!.patch(`/api/motions/${draft.id}`, { title: 'Khác' })).status).toBe(403);
    expect((await m.as.kien!.patch(`/api/motions/${draft.id}`, { title: 'Khác' })).body.code).toBe('motion_not_draft');

    const closed = (await m.as.kien!.post<MotionView>(`/api/motions/${draft.id}/close`)).body;
    expect(closed).toMatchObject({ status: 'closed', outcome: 'rejected', present: 5, members: 7 });
    expect(closed.decision).toMatchObject({ outcome: 'rejected', base: 5, required: 3, quorumMet: true });
    expect((await m.as.kien!.post(`/api/motions/${draft.id}/open`)).body.code).toBe('motion_not_draft');
    expect((await m.as.kien!.post(`/api/motions/${draft.id}/close`)).body.code).toBe('motion_not_open');
  });

  it('[V2] a re-vote is a new motion linked to the closed one, made once; an open one cannot be repeated', async () => {
    const { url } = await server();
    const m = await votingMeeting(url);
    const first = await motion(m);
    const early = await m.as.kien!.post(`/api/meetings/${m.meetingId}/motions`, { title: 'Lại', revoteOf: first.id });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('revote_not_closed');
    await open(m, first.id);
    await m.as.kien!.post(`/api/motions/${first.id}/close`);
    const again = await motion(m, { revoteOf: first.id });
    expect(again).toMatchObject({ number: 2, revoteOf: first.id, status: 'draft' });
    const original = (await m.as.dung!.get<MotionView>(`/api/motions/${first.id}`)).body;
    expect(original.revotedBy).toBe(again.id);
    expect((await m.as.kien!.post(`/api/meetings/${m.meetingId}/motions`, { title: 'Lần ba', revoteOf: first.id })).body.code).toBe(
      'already_revoted',
    );
  });

  it('[V2] a vote opens only in session and with the quorum present; the meeting cannot close while a vote is open', async () => {
    const { url } = await server();
    const m = await votingMeeting(url, ['kien', 'ha', 'dung', 'lan']);
    const draft = await motion(m);
    const res = await m.as.kien!.post(`/api/motions/${draft.id}/open`);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('quorum_not_met');
    m.as.kien!.lang = 'vi';
    expect((await m.as.kien!.post(`/api/motions/${draft.id}/open`)).body.message).toContain('Chưa đủ số đại biểu');
    await m.as.minh!.post(`/api/meetings/${m.meetingId}/attendance`, { status: 'present' });
    await open(m, draft.id);
    const early = await m.admin.patch(`/api/meetings/${m.meetingId}`, { status: 'closed' });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('vote_open');
    await m.as.kien!.post(`/api/motions/${draft.id}/close`);
    const later = await motion(m, { documentId: null });
    expect((await m.admin.patch(`/api/meetings/${m.meetingId}`, { status: 'closed' })).status).toBe(200);
    expect((await m.as.kien!.post(`/api/motions/${later.id}/open`)).body.code).toBe('meeting_closed');
  });

  it('[V3] 100 concurrent ballots from one delegate record exactly one', async () => {
    const { url } = await server();
    const m = await votingMeeting(url);
    const draft = await motion(m);
    await open(m, draft.id);
    const choices = ['for', 'against', 'abstain'] as const;
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => m.as.dung!.post(`/api/motions/${draft.id}/ballots`, { choice: choices[i % 3] })),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(99);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'already_voted')).toBe(true);
    const recorded = results.find((r) => r.status === 201)!.body as MotionDetail;
    const detail = (await m.as.kien!.get<MotionDetail>(`/api/motions/${draft.id}`)).body;
    expect(detail.voted).toBe(1);
    expect(detail.ballots).toEqual([{ userId: m.people.dung!.userId, fullName: 'Lê Văn Dũng', choice: recorded.myBallot.choice }]);
    const t = detail.tally!;
    expect(t.for + t.against + t.abstain).toBe(1);
  });

  it('[V3] ballots sent at once are committed together, yet each is judged alone: the absent and the second ballot are refused, the rest recorded', async () => {
    const { url, services } = await server();
    const m = await votingMeeting(url);
    const draft = await motion(m);
    await open(m, draft.id);
    const send = (who: string, choice: string) => m.as[who]!.post(`/api/motions/${draft.id}/ballots`, { choice });
    // hoa never checked in; dung sends twice.
    const [dung, lan, hoa, minh, again] = await Promise.all([
      send('dung', 'for'),
      send('lan', 'against'),
      send('hoa', 'for'),
      send('minh', 'for'),
      send('dung', 'against'),
    ]);
    expect([dung, lan, minh].map((r) => r.status)).toEqual([201, 201, 201]);
    expect([hoa.status, hoa.body.code]).toEqual([409, 'not_present']);
    expect([again.status, again.body.code]).toEqual([409, 'already_voted']);
    const detail = (await m.as.kien!.get<MotionDetail>(`/api/motions/${draft.id}`)).body;
    expect(detail.tally).toEqual({ for: 2, against: 1, abstain: 0 });
    expect(detail.voted).toBe(3);
    const recorded = (await services.audit.entries(m.meetingId)).filter((e) => e.action === 'ballot.recorded');
    expect(recorded).toHaveLength(3);
    expect((await services.audit.verify()).ok).toBe(true);
  });

  it('[V3] ballots before the opening, after the close, from an observer, from an absent delegate, on a show of hands are refused', async () => {
    const { url } = await server();
    const m = await votingMeeting(url);
    const draft = await motion(m);
    const ballot = (who: string, id = draft.id) => m.as[who]!.post(`/api/motions/${id}/ballots`, { choice: 'for' });

    expect((await ballot('dung')).body.code).toBe('motion_not_open');
    await open(m, draft.id);
    const observer = await ballot('khoi');
    expect(observer.status).toBe(403);
    expect(observer.body.code).toBe('not_eligible');
    const absent = await ballot('hoa');
    expect(absent.status).toBe(409);
    expect(absent.body.code).toBe('not_present');
    expect((await m.admin.post(`/api/motions/${draft.id}/ballots`, { choice: 'for' })).body.code).toBe('not_eligible');
    expect((await m.as.dung!.post(`/api/motions/${draft.id}/ballots`, { choice: 'maybe' })).body).toMatchObject({
      code: 'invalid_request',
      field: 'choice',
    });
    expect((await ballot('dung')).status).toBe(201);
    await m.as.kien!.post(`/api/motions/${draft.id}/close`);
    expect((await ballot('lan')).body.code).toBe('motion_not_open');

    const hands = await motion(m, { form: 'hands', documentId: null });
    await open(m, hands.id);
    expect((await ballot('lan', hands.id)).body.code).toBe('wrong_form');
  });

  it('[V3] a vote is decided on those present: four of five for adopts under "more than half of those present"', async () => {
    const { url } = await server();
    const m = await votingMeeting(url);
    const draft = await motion(m);
    await open(m, draft.id);
    for (const [who, choice] of [['kien', 'for'], ['ha', 'for'], ['dung', 'for'], ['lan', 'against']] as const) {
      expect((await m.as[who]!.post(`/api/motions/${draft.id}/ballots`, { choice })).status).toBe(201);
    }
    const live = (await m.as.minh!.get<MotionDetail>(`/api/motions/${draft.id}`)).body;
    expect(live).toMatchObject({ voted: 4, tally: { for: 3, against: 1, abstain: 0 }, myBallot: { voted: false, choice: null } });
    expect(live.ballots.map((b) => [b.fullName, b.choice])).toContainEqual(['Phạm Thị Lan', 'against']);
    const closed = (await m.as.kien!.post<MotionView>(`/api/motions/${draft.id}/close`)).body;
    // 3 of 5 present is more than half: adopted.
    expect(closed.outcome).toBe('adopted');
    expect(closed.decision).toMatchObject({ base: 5, required: 3, participated: 4 });
  });

  it('[V3] people who vote and then leave still count among those present', async () => {
    const { url } = await server();
    const m = await votingMeeting(url, ['kien', 'ha', 'dung', 'lan', 'minh', 'hoa']);
    const draft = await motion(m);
    await open(m, draft.id);
    await m.as.hoa!.post(`/api/motions/${draft.id}/ballots`, { choice: 'for' });
    await m.as.ha!.post(`/api/meetings/${m.meetingId}/attendance`, { userId: m.people.hoa!.userId, status: 'absent' });
    const closed = (await m.as.kien!.post<MotionView>(`/api/motions/${draft.id}/close`)).body;
    expect(closed.present).toBe(6);
  });

  it('[V2] a vote closes by itself at its closing time, and a ballot after that time is refused', async () => {
    const { url, services, sql: q } = await server();
    const m = await votingMeeting(url);
    const draft = await motion(m, { durationSeconds: 10 });
    const opened = await open(m, draft.id);
    expect(Date.parse(opened.closesAt!) - Date.parse(opened.openedAt!)).toBe(10_000);
    // Move the closing time into the past, as if ten seconds had gone by, and let the timer fire.
    await sql`UPDATE motions SET closes_at = ${new Date(Date.now() - 1).toISOString()} WHERE id = ${draft.id}`.execute(q);
    expect((await m.as.dung!.post(`/api/motions/${draft.id}/ballots`, { choice: 'for' })).body.code).toBe('motion_not_open');
    services.motionTimers!.schedule(draft.id, new Date().toISOString());
    await expect.poll(async () => (await m.as.dung!.get<MotionView>(`/api/motions/${draft.id}`)).body.status).toBe('closed');
    const entries = (await services.audit.entries(m.meetingId)).filter((e) => e.action === 'motion.closed');
    expect(entries).toHaveLength(1);
    expect(entries[0]!.actorId).toBeNull();
    expect(entries[0]!.payload).toMatchObject({ byTimer: true });
  });
});

describe('secret ballots and shows of hands', () => {
  it('[V4] a secret ballot records that a person voted and, apart, the count; nothing links the two', async () => {
    const { url, services, dataDir, sql: q } = await server();
    const m = await votingMeeting(url);
    const secret = await motion(m, { form: 'secret' });
    await open(m, secret.id);
    const cast = await m.as.dung!.post<MotionDetail>(`/api/motions/${secret.id}/ballots`, { choice: 'against' });
    expect(cast.status).toBe(201);
    expect(cast.body.myBallot).toEqual({ voted: true, choice: null });
    await m.as.lan!.post(`/api/motions/${secret.id}/ballots`, { choice: 'for' });

    const live = (await m.as.kien!.get<MotionDetail>(`/api/motions/${secret.id}`)).body;
    expect(live.voted).toBe(2);
    expect(live.tally).toBeNull();
    expect(live.ballots.every((b) => b.choice === null)).toBe(true);
    const rows = (await sql<Record<string, unknown>>`SELECT * FROM ballots WHERE motion_id = ${secret.id}`.execute(q)).rows;
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual(['cast_at', 'choice', 'motion_id', 'user_id']);
      expect(row.choice).toBeNull();
      expect(row.cast_at).toBeNull();
    }
    // No row id to order them by, either (SQLite: WITHOUT ROWID).
    if (TEST_ENGINE === 'sqlite') await expect(sql`SELECT rowid FROM ballots`.execute(q)).rejects.toThrow();
    const audit = (await services.audit.entries(m.meetingId)).filter((e) => e.action === 'ballot.recorded');
    expect(audit.map((e) => e.payload)).toEqual([
      { motionId: secret.id, userId: m.people.dung!.userId },
      { motionId: secret.id, userId: m.people.lan!.userId },
    ]);

    if (TEST_ENGINE === 'postgres') {
      // Each ballot's row carries its own transaction id until the close, which writes them all again at once.
      const xmins = sql<{ n: number }>`SELECT count(DISTINCT xmin::text)::int AS n FROM ballots WHERE motion_id = ${secret.id}`;
      expect((await xmins.execute(q)).rows[0]!.n).toBe(2);
      const closed = (await m.as.kien!.post<MotionView>(`/api/motions/${secret.id}/close`)).body;
      expect(closed.tally).toEqual({ for: 1, against: 1, abstain: 0 });
      expect((await xmins.execute(q)).rows[0]!.n).toBe(1);
      return;
    }
    // Until the close, the write-ahead log holds each ballot's transaction: the row (its two ids side by side in
    // the record) beside the count it moved.
    const wal = path.join(dataDir, `${DATABASE_FILE}-wal`);
    const row = `${secret.id}${m.people.dung!.userId}`;
    expect(fs.readFileSync(wal).includes(row)).toBe(true);
    const closed = (await m.as.kien!.post<MotionView>(`/api/motions/${secret.id}/close`)).body;
    expect(closed.tally).toEqual({ for: 1, against: 1, abstain: 0 });
    expect(fs.readFileSync(wal).includes(row)).toBe(false);
  });

  it('[V6] a show of hands is counted by the secretary, never past those present, and must be counted to close', async () => {
    const { url } = await server();
    const m = await votingMeeting(url);
    const hands = await motion(m, { form: 'hands', documentId: null });
    expect((await m.as.ha!.post(`/api/motions/${hands.id}/tally`, { for: 5, against: 0, abstain: 0 })).body.code).toBe(
      'motion_not_open',
    );
    await open(m, hands.id);
    expect(((await m.as.dung!.get<MotionView>(`/api/motions/${hands.id}`)).body).tally).toBeNull();
    expect((await m.as.kien!.post(`/api/motions/${hands.id}/close`)).body.code).toBe('tally_missing');
    expect((await m.as.dung!.post(`/api/motions/${hands.id}/tally`, { for: 1, against: 0, abstain: 0 })).status).toBe(403);
    const tooMany = await m.as.ha!.post(`/api/motions/${hands.id}/tally`, { for: 4, against: 1, abstain: 1 });
    expect(tooMany.status).toBe(409);
    expect(tooMany.body.code).toBe('tally_too_high');
    const counted = await m.as.ha!.post<MotionView>(`/api/motions/${hands.id}/tally`, { for: 4, against: 1, abstain: 0 });
    expect(counted.body).toMatchObject({ voted: 5, tally: { for: 4, against: 1, abstain: 0 } });
    const closed = (await m.as.kien!.post<MotionView>(`/api/motions/${hands.id}/close`)).body;
    expect(closed.outcome).toBe('adopted');
  });

  it('[V11] someone leaving during a show of hands neither voids it nor moves its base', async () => {
    const { url } = await server();
    const m = await votingMeeting(url);
    const hands = await motion(m, { form: 'hands', documentId: null });
    await open(m, hands.id);
    await m.as.ha!.post(`/api/motions/${hands.id}/tally`, { for: 3, against: 0, abstain: 0 });
    await m.as.ha!.post(`/api/meetings/${m.meetingId}/attendance`, { userId: m.people.minh!.userId, status: 'absent' });
    const closed = (await m.as.kien!.post<MotionView>(`/api/motions/${hands.id}/close`)).body;
    expect(closed).toMatchObject({ outcome: 'adopted', present: 5, members: 7 });
  });
});
