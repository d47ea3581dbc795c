import type { MeetingSummary } from '../../shared/api.ts';
import { useI18n } from '../i18n.tsx';
import { meetingPath } from '../routes.ts';
import { Link } from '../ui/Link.tsx';
import { formatWhen } from '../ui/when.ts';
import { StatusBadge } from './StatusBadge.tsx';

export function MeetingCard({ meeting }: { meeting: MeetingSummary }) {
  const { t, lang } = useI18n();
  return (
    <Link href={meetingPath(meeting.id)} className="meeting-card" data-testid="meeting-card" data-meeting-id={meeting.id}>
      <span className="meeting-card-top">
        <StatusBadge status={meeting.status} />
        {meeting.myRole && (
          <span className="role-tag" data-testid="my-role">
            {t(`role.${meeting.myRole}`)}
          </span>
        )}
      </span>
      <span className="meeting-card-title" data-testid="meeting-title">
        {meeting.title}
      </span>
      <span className="meeting-card-meta">
        <span data-testid="meeting-when">{formatWhen(meeting.startsAt, lang)}</span>
        <span>{meeting.place}</span>
        <span>{t('meetings.memberCount', { count: meeting.memberCount })}</span>
      </span>
    </Link>
  );
}
