import type { MotionFields } from '../../server/motions/repo.ts';
import { createServices, type Repositories } from '../../server/services.ts';
import { openEngine } from '../../server/db/engine.ts';
import { engineAt } from './database.ts';
import { DEFAULT_QUORUM_RULE } from '../../shared/meeting.ts';
import { MEETING_FIELDS } from './api.ts';

/** Where to seed: by default the data directory's database (`engineAt`); `databaseUrl` names a PostgreSQL database instead. */
export interface SeedTarget {
  databaseUrl?: string;
}

/**
 * Runs `seed` in one unit of work on a data directory's database (before or while a server uses it), with the
 * server's own repositories, and closes the database again.
 */
async function withServices<T>(dataDir: string, target: SeedTarget, seed: (s: Repositories) => Promise<T>): Promise<T> {
  const engine = await openEngine(await engineAt(dataDir, target.databaseUrl));
  try {
    const s = createServices(engine, { sessionTtlMs: 3600_000 });
    return await s.uow.run(seed);
  } finally {
    await engine.close();
  }
}

/** An account that signs in with an API token only (its password hash is not a scrypt hash), and that token. */
async function tokenAccount(s: Repositories, username: string, fullName: string): Promise<{ userId: string; token: string }> {
  const user = await s.users.insert({ username, fullName, passwordHash: '!' });
  return { userId: user.id, token: (await s.credentials.createToken(user.id, 'test')).secret };
}

async function insertMeeting(s: Repositories): Promise<string> {
  return (await s.meetings.insert({ ...MEETING_FIELDS, agenda: [...MEETING_FIELDS.agenda], quorumRule: DEFAULT_QUORUM_RULE }, null)).id;
}

/**
 * For tests about syncing rather than permissions: writes a meeting holding documents with the given ids and a
 * delegate on it, and returns that delegate's API token. The server then admits the token read-write to exactly
 * those documents.
 */
export function seedWriter(
  dataDir: string,
  docIds: readonly string[],
  options: { role?: 'delegate' | 'observer' } & SeedTarget = {},
): Promise<string> {
  return withServices(dataDir, options, async (s) => {
    const writer = await tokenAccount(s, `writer-${Math.random().toString(36).slice(2, 8)}`, 'Người Soạn Thảo');
    const meetingId = await insertMeeting(s);
    await s.meetings.addMember(meetingId, writer.userId, options.role ?? 'delegate', '');
    for (const id of docIds) {
      if (!(await s.meetings.document(id))) await s.meetings.insertDocument(id, meetingId, 'blank', id, null);
    }
    return writer.token;
  });
}

export interface SeededVote {
  meetingId: string;
  /** A draft named motion, not bound to a document, ready for the chair to open. */
  motionId: string;
  chair: { userId: string; token: string };
  delegates: { userId: string; token: string }[];
}

/**
 * For load tests of voting, where creating hundreds of accounts over HTTP (scrypt, on purpose) would take
 * minutes: a meeting in session with a chair and `delegates` delegates, everyone checked in, an API token each,
 * and a draft motion. Written straight into the database, without audit entries.
 */
export function seedVotingMeeting(dataDir: string, delegates: number, target: SeedTarget = {}): Promise<SeededVote> {
  return withServices(dataDir, target, async (s) => {
    const meetingId = await insertMeeting(s);
    await s.meetings.update(meetingId, { status: 'in_session' });
    const chair = await tokenAccount(s, 'chu-toa', 'Cung Hồng Kiên');
    await s.meetings.addMember(meetingId, chair.userId, 'chair', '');
    await s.meetings.setAttendance(meetingId, chair.userId, 'present', '');
    const seeded: SeededVote['delegates'] = [];
    for (let i = 0; i < delegates; i++) {
      const d = await tokenAccount(s, `dai-bieu-${i + 1}`, `Đại Biểu Số ${i + 1}`);
      await s.meetings.addMember(meetingId, d.userId, 'delegate', `Đơn vị ${(i % 20) + 1}`);
      await s.meetings.setAttendance(meetingId, d.userId, 'present', '');
      seeded.push(d);
    }
    const fields: MotionFields = {
      title: 'Thông qua Nghị quyết Hội nghị',
      description: '',
      documentId: null,
      form: 'named',
      rule: 'present_majority',
      quorumRule: { ...DEFAULT_QUORUM_RULE },
      durationSeconds: null,
    };
    const motion = await s.motions.insert(meetingId, fields, null, chair.userId);
    return { meetingId, motionId: motion.id, chair, delegates: seeded };
  });
}
