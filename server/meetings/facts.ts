import type { MemberView } from '../../shared/api.ts';
import { computeQuorum } from '../../shared/meeting.ts';
import { hallClock, meetingFactTexts, type MeetingFactTexts } from '../../shared/meeting-facts.ts';
import { presentMeetingInfo, type MeetingRow, type Meetings } from './repo.ts';

/**
 * The meeting's facts as the minutes word them, from the database: the roster (in its order) for chairs and
 * secretaries, attendance as the quorum counts it, and the closing time from the audit record's `meeting.closed`.
 */
export async function meetingFactsOf(
  meetings: Meetings,
  row: MeetingRow,
  given?: readonly MemberView[],
): Promise<MeetingFactTexts> {
  const members = given ?? (await meetings.members(row.id));
  const info = presentMeetingInfo(row);
  const quorum = computeQuorum(members, info.quorumRule);
  const closedAt = row.status === 'closed' ? await meetings.closedAt(row.id) : null;
  return meetingFactTexts({
    startsAt: info.startsAt,
    endsAt: closedAt ? hallClock(closedAt) : null,
    chairs: members.filter((m) => m.role === 'chair').map((m) => m.fullName),
    secretaries: members.filter((m) => m.role === 'secretary').map((m) => m.fullName),
    attendance: { present: quorum.present, total: quorum.total },
  });
}
