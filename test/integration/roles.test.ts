import { describe, expect, it } from 'vitest';
import type { DocumentDetail, ImportResult, MemberView } from '../../shared/api.ts';
import { adopt, requestFinalisation } from '../helpers/finalise.ts';
import { serversForEachTest } from '../helpers/servers.ts';
import { votingMeeting } from '../helpers/votes.ts';

const server = serversForEachTest();

describe('the roles hold against the people they constrain', () => {
  it('[RL5] a secretary cannot make herself chair, touch the chair’s role, or confirm her own request for finalisation', async () => {
    const { url } = await server();
    const m = await votingMeeting(url);
    await adopt(m);
    const members = `/api/meetings/${m.meetingId}/members`;
    const ha = m.people.ha!.userId;
    expect((await requestFinalisation(m.as.ha!, m.documentId)).status).toBe(200);

    const selfPromotion = await m.as.ha!.patch(`${members}/${ha}`, { role: 'chair' });
    expect(selfPromotion.status).toBe(403);
    expect(selfPromotion.body.code).toBe('own_role');
    const promoteOther = await m.as.ha!.patch(`${members}/${m.people.dung!.userId}`, { role: 'chair' });
    expect(promoteOther.body.code).toBe('chair_reserved');
    const demoteChair = await m.as.ha!.patch(`${members}/${m.people.kien!.userId}`, { role: 'delegate' });
    expect(demoteChair.body.code).toBe('chair_reserved');
    expect((await m.as.ha!.delete(`${members}/${m.people.kien!.userId}`)).body.code).toBe('chair_reserved');
    expect((await m.as.ha!.post(members, { userId: m.people.khoi!.userId, role: 'chair', unit: '' })).body.code).toBe('chair_reserved');

    // Even made chair by an administrator, she does not confirm what she asked for.
    expect((await m.admin.patch(`${members}/${ha}`, { role: 'chair' })).status).toBe(200);
    const ownConfirmation = await m.as.ha!.post<DocumentDetail>(`/api/documents/${m.documentId}/finalisation/confirm`);
    expect(ownConfirmation.status).toBe(409);
    expect(ownConfirmation.body).toMatchObject({ code: 'confirm_own_request' });
    const roster = (await m.as.kien!.get<{ members: MemberView[] }>(members)).body.members;
    expect(roster.find((p) => p.userId === m.people.kien!.userId)!.role).toBe('chair');
    // Another chair confirms it.
    const confirmed = await m.as.kien!.post<DocumentDetail>(`/api/documents/${m.documentId}/finalisation/confirm`);
    expect(confirmed.body.finalisation).toMatchObject({ status: 'final', requestedBy: { id: ha }, confirmedBy: { id: m.people.kien!.userId } });
  });

  it('[RL4] a roster import meets the same rules: no chair granted by a secretary, nothing of one’s own; a role change only when accepted', async () => {
    const { url } = await server();
    const m = await votingMeeting(url);
    const csv = [
      'Trần Thu Hà,ha,chủ tọa,',
      'Cung Hồng Kiên,kien,đại biểu,',
      'Lê Văn Dũng,dung,khách mời,',
      'Hoàng Văn Nam,nam-moi,chủ tọa,',
      'Phạm Thị Lan,lan,đại biểu,Phòng Quang học',
    ].join('\n');
    const path = `/api/meetings/${m.meetingId}/members/import`;
    const preview = (await m.as.ha!.post<ImportResult>(path, { csv, dryRun: true })).body;
    expect(preview.rows.map((r) => [r.username, r.action])).toEqual([
      ['ha', null],
      ['kien', null],
      ['dung', 'update'],
      ['nam-moi', null],
      ['lan', 'update'],
    ]);
    expect(preview.rows[3]!.error!.message).toContain('chair’s role');
    expect(preview.rows[2]!.confirm!.role).toEqual({ from: 'delegate', to: 'observer' });
    const decisions = [{ ...preview.rows[2]!.confirm!, accept: false }];
    const done = (await m.as.ha!.post<ImportResult>(path, { csv, dryRun: false, decisions })).body;
    expect(done.applied).toBe(1);
    const roster = (await m.as.kien!.get<{ members: MemberView[] }>(`/api/meetings/${m.meetingId}/members`)).body.members;
    const roleOf = (who: string) => roster.find((p) => p.userId === m.people[who]!.userId)!.role;
    expect([roleOf('ha'), roleOf('kien'), roleOf('dung')]).toEqual(['secretary', 'chair', 'delegate']);
    expect(roster.find((p) => p.userId === m.people.lan!.userId)!.unit).toBe('Phòng Quang học');
    // A chair's own import may add a chair.
    const byChair = (await m.as.kien!.post<ImportResult>(path, { csv: 'Hoàng Văn Nam,nam-moi,chủ tọa,', dryRun: true })).body;
    expect(byChair.rows[0]!.action).toBe('create');
  });
});
