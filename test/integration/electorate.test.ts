import { describe, expect, it } from 'vitest';
import type { MotionView } from '../../shared/api.ts';
import { serversForEachTest } from '../helpers/servers.ts';
import { motion, open, votingMeeting } from '../helpers/votes.ts';

const server = serversForEachTest();

describe('the base a vote is decided on', () => {
  it('[V11] marking people absent while a vote is open does not move its base: those present when it opened, plus latecomers who vote', async () => {
    const { url } = await server();
    // Five of the seven voting members present: Kiên (chair), Hà (secretary), Dũng, Lan, Minh.
    const m = await votingMeeting(url);
    const draft = await motion(m, { documentId: null, title: 'Thông qua chương trình Hội nghị' });
    await open(m, draft.id);
    const ballot = (who: string, choice: string) => m.as[who]!.post(`/api/motions/${draft.id}/ballots`, { choice });
    expect((await ballot('dung', 'for')).status).toBe(201);
    expect((await ballot('lan', 'for')).status).toBe(201);
    expect((await ballot('kien', 'against')).status).toBe(201);

    // The secretary marks the two who have not voted (herself included) absent: 2 for of 3 would adopt it.
    const attendance = `/api/meetings/${m.meetingId}/attendance`;
    for (const who of ['minh', 'ha']) {
      expect((await m.as.ha!.post(attendance, { userId: m.people[who]!.userId, status: 'absent' })).status).toBe(200);
    }
    const during = (await m.as.kien!.get<MotionView>(`/api/motions/${draft.id}`)).body;
    expect(during).toMatchObject({ present: 5, members: 7, voted: 3 });

    // Someone who arrives after the opening, checks in and votes joins the base.
    await m.as.hoa!.post(attendance, { status: 'present' });
    expect((await ballot('hoa', 'for')).status).toBe(201);
    const closed = (await m.as.kien!.post<MotionView>(`/api/motions/${draft.id}/close`)).body;
    expect(closed).toMatchObject({ present: 6, members: 7, outcome: 'rejected', tally: { for: 3, against: 1, abstain: 0 } });
    expect(closed.decision).toMatchObject({ base: 6, required: 4 });
  });

  it('[V11] a show of hands is checked against those present when it opened', async () => {
    const { url } = await server();
    const m = await votingMeeting(url);
    const draft = await motion(m, { documentId: null, form: 'hands' });
    await open(m, draft.id);
    await m.as.ha!.post(`/api/meetings/${m.meetingId}/attendance`, { userId: m.people.minh!.userId, status: 'absent' });
    const tally = await m.as.ha!.post(`/api/motions/${draft.id}/tally`, { for: 4, against: 1, abstain: 0 });
    expect(tally.status).toBe(200);
  });
});
