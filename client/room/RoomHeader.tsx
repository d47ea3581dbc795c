import type { MeetingView } from '../../shared/api.ts';
import { useI18n } from '../i18n.tsx';
import { LiveIndicator } from '../live/LiveIndicator.tsx';
import { StatusBadge } from '../meetings/StatusBadge.tsx';
import { auditPath, screenPath, settingsPath } from '../routes.ts';
import { Link } from '../ui/Link.tsx';
import { formatWhen } from '../ui/when.ts';

interface Props {
  meeting: MeetingView;
  /**
   * A document is open: the header keeps to one line (the title cut short, whole on hover) so that the page
   * starts near the top of a laptop's screen. The time and place step aside then (the overview shows them).
   */
  compact: boolean;
}

export function RoomHeader({ meeting, compact }: Props) {
  const { t, lang } = useI18n();
  const { permissions } = meeting;
  const when = formatWhen(meeting.startsAt, lang);
  return (
    <header className="room-header" data-compact={compact} data-testid="room-header">
      <div className="room-heading">
        <Link href="/" className="back-link">
          {t('room.backToMeetings')}
        </Link>
        <h1 className="room-title" data-testid="room-title" title={compact ? meeting.title : undefined}>
          {meeting.title}
        </h1>
        <p className="room-meta">
          <StatusBadge status={meeting.status} />
          <span className="room-when" data-testid="room-when">
            {when}
          </span>
          <span className="room-place">{meeting.place}</span>
          {meeting.myRole && <span className="role-tag">{t(`role.${meeting.myRole}`)}</span>}
        </p>
      </div>
      <div className="room-header-end">
        <LiveIndicator />
        {permissions.presentScreen && (
          // A window of its own, to drag onto the projector's screen while the room stays on the laptop's.
          <a
            href={screenPath(meeting.id)}
            target="_blank"
            rel="noopener"
            className="secondary-button room-screen-link"
            data-testid="open-screen"
            title={t('room.screenHint')}
          >
            {t('room.screen')}
          </a>
        )}
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
