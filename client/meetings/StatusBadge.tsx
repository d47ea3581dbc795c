import type { MeetingStatus } from '../../shared/meeting.ts';
import { useI18n } from '../i18n.tsx';

export function StatusBadge({ status }: { status: MeetingStatus }) {
  const { t } = useI18n();
  return (
    <span className="status-badge" data-status={status} data-testid="meeting-status">
      {t(`meetingStatus.${status}`)}
    </span>
  );
}
