import { useI18n } from '../i18n.tsx';
import { MessagePage } from '../MessagePage.tsx';
import { useMeetingPage } from '../room/useMeetingPage.tsx';
import { MeetingPageHeader } from '../ui/MeetingPageHeader.tsx';
import { useDocumentTitle } from '../ui/useDocumentTitle.ts';
import { AuditPanel } from './AuditPanel.tsx';

/** The meeting's record of what happened, for those who answer for it: the chair, the secretary, administrators. */
export function AuditPage({ meetingId }: { meetingId: string }) {
  const { t } = useI18n();
  const page = useMeetingPage(meetingId);
  useDocumentTitle(page.meeting ? `${t('audit.title')} — ${page.meeting.title}` : null);

  if (!page.ready) return page.fallback;
  const { meeting } = page;
  if (!meeting.permissions.viewAudit) {
    return <MessagePage testId="forbidden" title="audit.forbiddenTitle" body="audit.forbiddenBody" />;
  }
  return (
    <main className="page audit-page" data-testid="audit-page">
      <MeetingPageHeader meeting={meeting} title="audit.title" />
      <AuditPanel meeting={meeting} />
    </main>
  );
}
