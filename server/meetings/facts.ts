import type { MemberView } from '../../shared/api.ts';
import { computeQuorum } from '../../shared/meeting.ts';
import { hallClock, meetingFactTexts, type MeetingFactTexts } from '../../shared/meeting-facts.ts';
import type { Meeting, Meetings } from './repo.ts';

/**
 * The meeting's facts as the minutes word them, from the database: the roster (in its order) for chairs and
 * secretaries, attendance as the quorum counts it, and the closing time from the audit record's `meeting.closed`.
 */
export async function meetingFactsOf(
  meetings: Meetings,
  meeting: Meeting,
  given?: readonly MemberView[],
): Promise<MeetingFactTexts> {
  const members = given ?? (await meetings.members(meeting.id));
  const quorum = computeQuorum(members, meeting.quorumRule);
  const closedAt = meeting.status === 'closed' ? await meetings.closedAt(meeting.id) : null;
  return meetingFactTexts({
    startsAt: meeting.startsAt,
    endsAt: closedAt ? hallClock(closedAt) : null,
    chairs: members.filter((m) => m.role === 'chair').map((m) => m.fullName),
    secretaries: members.filter((m) => m.role === 'secretary').map((m) => m.fullName),
    attendance: { present: quorum.present, total: quorum.total },
  });
}
