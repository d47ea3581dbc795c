import { useEffect, useState } from 'react';
import { useI18n } from '../i18n.tsx';
import { MessagePage } from '../MessagePage.tsx';
import { useSignedIn } from '../session/SessionProvider.tsx';
import { ErrorText } from '../ui/ErrorText.tsx';
import { Loading } from '../ui/Loading.tsx';
import { useDocumentTitle } from '../ui/useDocumentTitle.ts';
import { DocumentsPanel } from './DocumentsPanel.tsx';
import { MeetingOverview } from './MeetingOverview.tsx';
import { QuorumPanel } from './QuorumPanel.tsx';
import { RoomDocument } from './RoomDocument.tsx';
import { RoomHeader } from './RoomHeader.tsx';
import { RoomTabs, type RoomTab } from './RoomTabs.tsx';
import { RosterPanel } from './RosterPanel.tsx';
import { useLiveMeeting } from './useLiveMeeting.ts';

interface Props {
  meetingId: string;
  documentId: string | null;
}

/**
 * The meeting room: its documents, the open document's editor, and attendance with the quorum beside it.
 * On a laptop all three are side by side; on a phone they are tabs (the CSS hides the panels of other tabs,
 * so switching never reconnects or rebuilds the editor).
 */
export function MeetingRoom({ meetingId, documentId }: Props) {
  const { t } = useI18n();
  const session = useSignedIn();
  const { meeting, error, live } = useLiveMeeting(meetingId, session.user.id);
  const [tab, setTab] = useState<RoomTab>(documentId ? 'editor' : 'documents');
  useDocumentTitle(meeting?.title ?? null);

  // Opening a document from the list (or by address) shows it.
  useEffect(() => {
    if (documentId) setTab('editor');
  }, [documentId]);

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

  return (
    <main className="room" data-tab={tab} data-testid="meeting-room">
      <RoomHeader meeting={meeting} live={live} />
      <ErrorText error={error} />
      <RoomTabs tab={tab} onChange={setTab} meeting={meeting} />
      <div className="room-body">
        <div className="room-side">
          <section className="room-panel" data-panel="documents" aria-label={t('room.tab.documents')}>
            <DocumentsPanel meeting={meeting} selectedId={documentId} />
          </section>
          <section className="room-panel" data-panel="attendance" aria-label={t('room.tab.attendance')}>
            <QuorumPanel meeting={meeting} myUserId={session.user.id} />
            <RosterPanel meeting={meeting} myUserId={session.user.id} />
          </section>
        </div>
        <div className="room-main room-panel" data-panel="editor">
          {documentId ? (
            <RoomDocument
              key={documentId}
              meetingId={meetingId}
              documentId={documentId}
              documents={meeting.documents}
              myRole={meeting.myRole}
            />
          ) : (
            <MeetingOverview meeting={meeting} />
          )}
        </div>
      </div>
    </main>
  );
}
