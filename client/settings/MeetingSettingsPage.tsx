import type { MeetingView } from '../../shared/api.ts';
import { useI18n } from '../i18n.tsx';
import { MessagePage } from '../MessagePage.tsx';
import { useMeetingPage } from '../room/useMeetingPage.tsx';
import { MeetingPageHeader } from '../ui/MeetingPageHeader.tsx';
import { useDocumentTitle } from '../ui/useDocumentTitle.ts';
import { CommentsSetting } from './CommentsSetting.tsx';
import { DetailsForm } from './DetailsForm.tsx';
import { RosterSection } from './roster/RosterSection.tsx';
import { StatusSection } from './StatusSection.tsx';

/** For the chair, the secretary and administrators: the meeting's facts, its status, and its roster. */
export function MeetingSettingsPage({ meetingId }: { meetingId: string }) {
  const { t } = useI18n();
  // Live too: two secretaries setting up the roster at once each see the other's additions.
  const page = useMeetingPage(meetingId);
  useDocumentTitle(page.meeting ? `${t('settings.title')} — ${page.meeting.title}` : null);

  if (!page.ready) return page.fallback;
  const { meeting } = page;
  if (!meeting.permissions.update && !meeting.permissions.manageRoster) {
    return <MessagePage testId="forbidden" title="settings.forbiddenTitle" body="settings.forbiddenBody" />;
  }
  return <Settings meeting={meeting} />;
}

function Settings({ meeting }: { meeting: MeetingView }) {
  return (
    <main className="page settings" data-testid="meeting-settings">
      <MeetingPageHeader meeting={meeting} title="settings.title" />
      {meeting.permissions.update && <StatusSection meeting={meeting} />}
      {meeting.permissions.update && <DetailsForm key={meeting.id} meeting={meeting} />}
      {meeting.permissions.update && <CommentsSetting meeting={meeting} />}
      {meeting.permissions.manageRoster && <RosterSection meeting={meeting} />}
    </main>
  );
}
