import type { MeetingView } from '../../shared/api.ts';
import { useI18n } from '../i18n.tsx';
import { LiveIndicator } from '../live/LiveIndicator.tsx';
import { StatusBadge } from '../meetings/StatusBadge.tsx';
import { auditPath, settingsPath } from '../routes.ts';
import { Link } from '../ui/Link.tsx';
import { formatWhen } from '../ui/when.ts';

export function RoomHeader({ meeting }: { meeting: MeetingView }) {
  const { t, lang } = useI18n();
  const { permissions } = meeting;
  return (
    <header className="room-header">
      <div className="room-heading">
        <Link href="/" className="back-link">
          {t('room.backToMeetings')}
        </Link>
        <h1 className="room-title" data-testid="room-title">
          {meeting.title}
        </h1>
        <p className="room-meta">
          <StatusBadge status={meeting.status} />
          <span data-testid="room-when">{formatWhen(meeting.startsAt, lang)}</span>
          <span>{meeting.place}</span>
          {meeting.myRole && <span className="role-tag">{t(`role.${meeting.myRole}`)}</span>}
        </p>
      </div>
      <div className="room-header-end">
        <LiveIndicator />
        {permissions.viewAudit && (
          <Link href={auditPath(meeting.id)} className="secondary-button" data-testid="open-audit">
            {t('room.audit')}
          </Link>
        )}
        {(permissions.update || permissions.manageRoster) && (
          <Link href={settingsPath(meeting.id)} className="secondary-button" data-testid="open-settings">
            {t('room.settings')}
          </Link>
        )}
      </div>
    </header>
  );
}
