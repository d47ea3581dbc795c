import { useState } from 'react';
import type { MeetingSummary } from '../../shared/api.ts';
import type { MeetingStatus } from '../../shared/meeting.ts';
import { useApiQuery } from '../api/useApiQuery.ts';
import { useI18n } from '../i18n.tsx';
import { useSignedIn } from '../session/SessionProvider.tsx';
import { ErrorText } from '../ui/ErrorText.tsx';
import { Loading } from '../ui/Loading.tsx';
import { useDocumentTitle } from '../ui/useDocumentTitle.ts';
import { CreateMeetingForm } from './CreateMeetingForm.tsx';
import { MeetingCard } from './MeetingCard.tsx';

/** In session first, then the ones to come (soonest first), then the closed ones (latest first). */
const RANK: Record<MeetingStatus, number> = { in_session: 0, scheduled: 1, closed: 2 };

function byRelevance(a: MeetingSummary, b: MeetingSummary): number {
  if (a.status !== b.status) return RANK[a.status] - RANK[b.status];
  return a.status === 'closed' ? b.startsAt.localeCompare(a.startsAt) : a.startsAt.localeCompare(b.startsAt);
}

export function MeetingsPage() {
  const { t } = useI18n();
  const session = useSignedIn();
  const meetings = useApiQuery<MeetingSummary[]>('/api/meetings', { offline: true });
  const [creating, setCreating] = useState(false);
  useDocumentTitle(t('meetings.title'));

  return (
    <main className="page">
      <div className="page-heading">
        <h1 className="page-title">{t('meetings.title')}</h1>
        {session.permissions.createMeetings && !creating && (
          <button type="button" className="primary-button" data-testid="create-meeting" onClick={() => setCreating(true)}>
            {t('meetings.create')}
          </button>
        )}
      </div>
      {creating && <CreateMeetingForm onCancel={() => setCreating(false)} />}
      <ErrorText error={meetings.error} />
      {meetings.loading && !meetings.data && <Loading />}
      {meetings.data?.length === 0 && (
        <p className="muted empty" data-testid="no-meetings">
          {session.permissions.createMeetings ? t('meetings.emptyAdmin') : t('meetings.empty')}
        </p>
      )}
      {meetings.data && meetings.data.length > 0 && (
        <ul className="meeting-list" data-testid="meeting-list">
          {[...meetings.data].sort(byRelevance).map((meeting) => (
            <li key={meeting.id}>
              <MeetingCard meeting={meeting} />
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
