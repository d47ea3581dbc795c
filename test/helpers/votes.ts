import type { MotionView } from '../../shared/api.ts';
import type { Role } from '../../shared/meeting.ts';
import { ApiClient, seedMeeting, setupAdmin, tokenFor, type SeededPerson } from './api.ts';
import { stockClientsForEachTest, whenSynced, type StockClient } from './clients.ts';

/** A chair, a secretary, five delegates and an observer: 7 voting members, quorum (2/3) at 5 present. */
export const VOTERS: { username: string; fullName: string; role: Role }[] = [
  { username: 'kien', fullName: 'Cung Hồng Kiên', role: 'chair' },
  { username: 'ha', fullName: 'Trần Thu Hà', role: 'secretary' },
  { username: 'dung', fullName: 'Lê Văn Dũng', role: 'delegate' },
  { username: 'lan', fullName: 'Phạm Thị Lan', role: 'delegate' },
  { username: 'minh', fullName: 'Đỗ Quang Minh', role: 'delegate' },
  { username: 'hoa', fullName: 'Vũ Thị Hoa', role: 'delegate' },
  { username: 'tuan', fullName: 'Ngô Anh Tuấn', role: 'delegate' },
  { username: 'khoi', fullName: 'Giang Mạnh Khôi', role: 'observer' },
];

export interface VotingMeeting {
  admin: ApiClient;
  meetingId: string;
  documentId: string;
  people: Record<string, SeededPerson>;
  /** Each person signed in. */
  as: Record<string, ApiClient>;
}

/** The meeting in session with its resolution drafted, everyone signed in, and `present` checked in. */
export async function votingMeeting(url: string, present: string[] = ['kien', 'ha', 'dung', 'lan', 'minh']): Promise<VotingMeeting> {
  const admin = await setupAdmin(url);
  const seeded = await seedMeeting(admin, { people: VOTERS, document: 'NQ', inSession: true });
  const as: Record<string, ApiClient> = {};
  for (const [username, person] of Object.entries(seeded.people)) {
    const client = new ApiClient(url);
    await client.signIn(username, person.password);
    as[username] = client;
  }
  for (const username of present) {
    const res = await as[username]!.post(`/api/meetings/${seeded.meeting.id}/attendance`, { status: 'present' });
    if (res.status !== 200) throw new Error(`check-in of ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return { admin, meetingId: seeded.meeting.id, documentId: seeded.documentId!, people: seeded.people, as };
}

/** A motion created by the chair; throws unless it was created. */
export async function motion(m: VotingMeeting, fields: Record<string, unknown> = {}): Promise<MotionView> {
  const res = await m.as.kien!.post<MotionView>(`/api/meetings/${m.meetingId}/motions`, {
    title: 'Thông qua Nghị quyết Hội nghị',
    documentId: m.documentId,
    ...fields,
  });
  if (res.status !== 201) throw new Error(`create motion: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Opens a motion as the chair; throws unless it opened. */
export async function open(m: VotingMeeting, motionId: string): Promise<MotionView> {
  const res = await m.as.kien!.post<MotionView>(`/api/motions/${motionId}/open`);
  if (res.status !== 200) throw new Error(`open: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * For a test file: a member's stock client on the meeting's document, signed in by their token and synced, each
 * destroyed after its test.
 */
export function memberClientsForEachTest(): (url: string, m: VotingMeeting, who: string) => Promise<StockClient> {
  const tracked = stockClientsForEachTest();
  return async (url, m, who) => {
    const c = tracked(url, m.documentId, { token: await tokenFor(m.admin, m.people[who]!.userId, who) });
    await whenSynced(c);
    return c;
  };
}
