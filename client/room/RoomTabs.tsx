import type { MeetingView } from '../../shared/api.ts';
import { useI18n } from '../i18n.tsx';

export type RoomTab = 'documents' | 'editor' | 'votes' | 'attendance';

interface Props {
  tab: RoomTab;
  onChange(tab: RoomTab): void;
  meeting: MeetingView;
}

/** Only on a phone (the CSS hides it on wider screens, where every panel is in view at once). */
export function RoomTabs({ tab, onChange, meeting }: Props) {
  const { t } = useI18n();
  const tabs: { id: RoomTab; label: string }[] = [
    { id: 'documents', label: t('room.tab.documentsCount', { count: meeting.documents.length }) },
    { id: 'editor', label: t('room.tab.editor') },
    { id: 'votes', label: t('room.tab.votes') },
    {
      id: 'attendance',
      label: t('room.tab.attendanceCount', { present: meeting.quorum.present, total: meeting.quorum.total }),
    },
  ];
  return (
    <nav className="room-tabs" aria-label={t('room.tabs')}>
      {tabs.map(({ id, label }) => (
        <button
          key={id}
          type="button"
          className="room-tab"
          data-testid={`room-tab-${id}`}
          aria-pressed={tab === id}
          onClick={() => onChange(id)}
        >
          {label}
        </button>
      ))}
    </nav>
  );
}
