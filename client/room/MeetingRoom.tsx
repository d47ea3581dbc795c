import { useEffect, useState } from 'react';
import { useI18n } from '../i18n.tsx';
// The editor and all around it: downloaded when a document opens, or ahead of that once the room is idle.
import { RoomDocument } from '../lazy.tsx';
import { MotionsPanel } from '../motions/MotionsPanel.tsx';
import { VoteStrip } from '../motions/VoteStrip.tsx';
import { useSignedIn } from '../session/SessionProvider.tsx';
import { ErrorText } from '../ui/ErrorText.tsx';
import { useDocumentTitle } from '../ui/useDocumentTitle.ts';
import { DocumentsPanel } from './DocumentsPanel.tsx';
import { MeetingOverview } from './MeetingOverview.tsx';
import { QuorumPanel } from './QuorumPanel.tsx';
import { RoomHeader } from './RoomHeader.tsx';
import { RoomTabs, type RoomTab } from './RoomTabs.tsx';
import { RosterPanel } from './RosterPanel.tsx';
import { useMeetingPage } from './useMeetingPage.tsx';

interface Props {
  meetingId: string;
  documentId: string | null;
}

/**
 * The meeting room: its documents, the open document's editor, its votes, and attendance with the quorum.
 * On a laptop they are side by side; on a phone they are tabs (the CSS hides the panels of other tabs, so
 * switching never reconnects or rebuilds the editor). An open vote and the last result sit above them all.
 */
export function MeetingRoom({ meetingId, documentId }: Props) {
  const { t } = useI18n();
  const session = useSignedIn();
  const page = useMeetingPage(meetingId);
  const [tab, setTab] = useState<RoomTab>(documentId ? 'editor' : 'documents');
  useDocumentTitle(page.meeting?.title ?? null);

  // Opening a document from the list (or by address) shows it.
  useEffect(() => {
    if (documentId) setTab('editor');
  }, [documentId]);

  if (!page.ready) return page.fallback;
  const { meeting, error, ballots, facts } = page;

  return (
    <main className="room" data-tab={tab} data-testid="meeting-room">
      <RoomHeader meeting={meeting} compact={documentId !== null} />
      <ErrorText error={error} />
      <RoomTabs tab={tab} onChange={setTab} meeting={meeting} />
      <VoteStrip meeting={meeting} ballots={ballots} myUserId={session.user.id} />
      <div className="room-body">
        <div className="room-side">
          {/* Attendance first (SC5): the count, the quorum and one's own check-in, above the lists that grow. */}
          <section className="room-panel" data-panel="attendance" aria-label={t('room.tab.attendance')}>
            <QuorumPanel meeting={meeting} myUserId={session.user.id} />
          </section>
          <section className="room-panel" data-panel="documents" aria-label={t('room.tab.documents')}>
            <DocumentsPanel meeting={meeting} selectedId={documentId} />
          </section>
          <section className="room-panel" data-panel="votes" aria-label={t('room.tab.votes')}>
            <MotionsPanel meeting={meeting} ballots={ballots} />
          </section>
          <section className="room-panel" data-panel="attendance" aria-label={t('roster.heading', { count: meeting.members.length })}>
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
              motions={meeting.motions}
              facts={facts}
              myRole={meeting.myRole}
              permissions={meeting.permissions}
              meetingStatus={meeting.status}
              comments={meeting.comments}
            />
          ) : (
            <MeetingOverview meeting={meeting} />
          )}
        </div>
      </div>
    </main>
  );
}
