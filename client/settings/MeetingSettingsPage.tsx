import type { MeetingView } from '../../shared/api.ts';
import { useI18n } from '../i18n.tsx';
import { MessagePage } from '../MessagePage.tsx';
import { useLiveMeeting } from '../room/useLiveMeeting.ts';
import { meetingPath } from '../routes.ts';
import { useSignedIn } from '../session/SessionProvider.tsx';
import { ErrorText } from '../ui/ErrorText.tsx';
import { Link } from '../ui/Link.tsx';
import { Loading } from '../ui/Loading.tsx';
import { useDocumentTitle } from '../ui/useDocumentTitle.ts';
import { DetailsForm } from './DetailsForm.tsx';
import { RosterSection } from './roster/RosterSection.tsx';
import { StatusSection } from './StatusSection.tsx';

/** For the chair, the secretary and administrators: the meeting's facts, its status, and its roster. */
export function MeetingSettingsPage({ meetingId }: { meetingId: string }) {
  const { t } = useI18n();
  const session = useSignedIn();
  // Live too: two secretaries setting up the roster at once each see the other's additions.
  const { meeting, error } = useLiveMeeting(meetingId, session.user.id);
  useDocumentTitle(meeting ? `${t('settings.title')} — ${meeting.title}` : null);

  if (error?.status === 404) {
    return <MessagePage testId="not-found" title="notFound.title" body="meeting.notFoundBody" />;
  }
  if (!meeting) {
    return error ? (
      <main className="page">
        <ErrorText error={error} />
      </main>
    ) : (
      <Loading />
    );
  }
  if (!meeting.permissions.update && !meeting.permissions.manageRoster) {
    return <MessagePage testId="forbidden" title="settings.forbiddenTitle" body="settings.forbiddenBody" />;
  }
  return <Settings meeting={meeting} />;
}

function Settings({ meeting }: { meeting: MeetingView }) {
  const { t } = useI18n();
  return (
    <main className="page settings" data-testid="meeting-settings">
      <Link href={meetingPath(meeting.id)} className="back-link">
        {t('settings.backToRoom')}
      </Link>
      <h1 className="page-title">
        {t('settings.title')} <span className="page-subtitle">{meeting.title}</span>
      </h1>
      {meeting.permissions.update && <StatusSection meeting={meeting} />}
      {meeting.permissions.update && <DetailsForm key={meeting.id} meeting={meeting} />}
      {meeting.permissions.manageRoster && <RosterSection meeting={meeting} />}
    </main>
  );
}
