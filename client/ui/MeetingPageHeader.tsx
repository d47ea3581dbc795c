import type { MessageKey } from '../../shared/i18n.ts';
import { useI18n } from '../i18n.tsx';
import { meetingPath } from '../routes.ts';
import { Link } from './Link.tsx';

/** The head of a page that belongs to a meeting (its settings, its audit record): the way back, and what it is. */
export function MeetingPageHeader({ meeting, title }: { meeting: { id: string; title: string }; title: MessageKey }) {
  const { t } = useI18n();
  return (
    <>
      <Link href={meetingPath(meeting.id)} className="back-link">
        {t('settings.backToRoom')}
      </Link>
      <h1 className="page-title">
        {t(title)} <span className="page-subtitle">{meeting.title}</span>
      </h1>
    </>
  );
}
