import type { MeetingView } from '../../shared/api.ts';
import { useI18n } from '../i18n.tsx';
import { MemberRow } from './MemberRow.tsx';

interface Props {
  meeting: MeetingView;
  myUserId: string;
}

/** The roster in Vietnamese order (the server and the projection both sort it), with each one's attendance. */
export function RosterPanel({ meeting, myUserId }: Props) {
  const { t } = useI18n();
  // Only in session: the server's permission already says so (P3).
  const canMark = meeting.permissions.markAttendance;
  return (
    <div className="panel">
      <h2 className="side-heading">{t('roster.heading', { count: meeting.members.length })}</h2>
      <ul className="roster" data-testid="roster">
        {meeting.members.map((member) => (
          <MemberRow
            key={member.userId}
            meetingId={meeting.id}
            member={member}
            isMe={member.userId === myUserId}
            canMark={canMark}
          />
        ))}
      </ul>
    </div>
  );
}
