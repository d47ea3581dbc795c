import { useCallback, useEffect, useState } from 'react';
import type { Editor } from '@tiptap/core';
import type { DocumentDetail, DocumentView, MeetingPermissions, MotionView } from '../../shared/api.ts';
import type { CommentsByDocument } from '../../shared/comments.ts';
import { CommentsPanel } from '../comments/CommentsPanel.tsx';
import { CommentsToggle } from '../comments/CommentsToggle.tsx';
import type { MeetingStatus, Role } from '../../shared/meeting.ts';
import { isValidDocumentId } from '../../shared/protocol.ts';
import { apiPath } from '../api/http.ts';
import { useApiQuery } from '../api/useApiQuery.ts';
import { DocumentWorkspace } from '../document/DocumentWorkspace.tsx';
import { AmendmentMaker } from '../document/suggest/AmendmentMaker.tsx';
import { MotionsContext } from '../document/voteResult/MotionsContext.ts';
import { MeetingFactsContext } from '../document/meetingFacts/MeetingFactsContext.ts';
import type { MeetingFactTexts } from '../../shared/meeting-facts.ts';
import { DraftOrigin } from '../finalisation/DraftOrigin.tsx';
import { FinalisationBar } from '../finalisation/FinalisationBar.tsx';
import { RefusedEditsNotice } from '../finalisation/RefusedEditsNotice.tsx';
import { useLocalCopyReset } from '../finalisation/useLocalCopyReset.ts';
import { useI18n } from '../i18n.tsx';
import { caretColor } from '../../shared/presence.ts';
import { MessagePage } from '../MessagePage.tsx';
import { DocumentLockBanner } from '../motions/DocumentLockBanner.tsx';
import { meetingPath, navigate } from '../routes.ts';
import { useSignedIn } from '../session/SessionProvider.tsx';
import { ErrorText } from '../ui/ErrorText.tsx';
import { Loading } from '../ui/Loading.tsx';
import { versionOffer, versionsRefreshKey } from '../versions/versionRules.ts';
import { VersionsLayout } from '../versions/VersionsLayout.tsx';
import { VersionsToggle } from '../versions/VersionsToggle.tsx';
import { RestoreNotice } from '../versions/RestoreNotice.tsx';

interface Props {
  meetingId: string;
  documentId: string;
  /** The live list, for the title as it is now and whether a vote has locked the text. */
  documents: DocumentView[];
  /** The meeting's motions, live: for the lock's wording and the document's vote-result blocks. */
  motions: readonly MotionView[];
  /** The meeting's facts, live: for the document's meeting-fact blocks and the placeholders before issue. */
  facts: MeetingFactTexts | null;
  /** When the caller's role changes, their access to the text may too. */
  myRole: Role | null;
  /** Who may save and restore versions, and submit or confirm the document for issue. */
  permissions: MeetingPermissions;
  /** Minutes may be submitted for issue once the meeting is closed. */
  meetingStatus: MeetingStatus;
  /** The documents' comment state, live: the margin fetches this one's threads again when its revision moves. */
  comments: CommentsByDocument;
}

export function RoomDocument(props: Props) {
  // Checked before asking: the server would refuse the id anyway, and a page that connects only to be thrown
  // out would flash "connecting" for nothing.
  if (!isValidDocumentId(props.documentId)) {
    return <MessagePage embedded testId="invalid-document" title="doc.invalidIdTitle" body="doc.invalidIdBody" />;
  }
  return <CheckedDocument {...props} />;
}

function CheckedDocument({ meetingId, documentId, documents, motions, facts, myRole, permissions, meetingStatus, comments }: Props) {
  const { t } = useI18n();
  const [editor, setEditor] = useState<Editor | null>(null);
  const session = useSignedIn();
  const color = caretColor(session.user.id);
  const [versionsOpen, setVersionsOpen] = useState(false);
  const [commentsOpen, setCommentsOpen] = useState(false);
  const showComments = useCallback(() => setCommentsOpen(true), []);
  const commentState = comments[documentId];
  const detail = useApiQuery<DocumentDetail>(apiPath`/api/documents/${documentId}`, { offline: true });
  const { reload } = detail;

  const [roleSeen, setRoleSeen] = useState(myRole);
  useEffect(() => {
    if (myRole === roleSeen) return;
    setRoleSeen(myRole);
    reload();
  }, [myRole, roleSeen, reload]);

  // The server gives read access to a locked text, so someone who opened it during a vote asks again once it is
  // unlocked. Not when a lock starts: the editor stops taking input at once without a new connection.
  const live = documents.find((doc) => doc.id === documentId);
  const locked = (live?.lock ?? null) !== null;
  const [lockSeen, setLockSeen] = useState(locked);
  const access = detail.data?.access;
  const lockedForGood = live?.lock?.reason === 'final' || live?.lock?.reason === 'adopted';
  const reset = useLocalCopyReset(documentId, documents, session.user.id, lockedForGood);
  // Each time the server kept this device's direct edits as a draft (4423): the copy goes, and the notice says where.
  const [keptCount, setKeptCount] = useState(0);
  const { drop } = reset;
  const onDirectEditsKept = useCallback(() => {
    setKeptCount((n) => n + 1);
    drop();
  }, [drop]);
  useEffect(() => {
    if (locked === lockSeen) return;
    setLockSeen(locked);
    if (!locked && access === 'read') reload();
  }, [locked, lockSeen, access, reload]);

  // A document address under the wrong meeting: go to the right room rather than show it out of place.
  const owner = detail.data?.meetingId;
  useEffect(() => {
    if (owner !== undefined && owner !== meetingId) navigate(meetingPath(owner, documentId), { replace: true });
  }, [owner, meetingId, documentId]);

  if (detail.error?.status === 404) {
    return <MessagePage embedded testId="not-found" title="notFound.title" body="doc.notFoundBody" />;
  }
  if (!detail.data || detail.data.meetingId !== meetingId) {
    return detail.error ? <ErrorText error={detail.error} /> : <Loading />;
  }
  // From the live list: a vote, a request for issue or its confirmation locks the editor without a reload.
  const current: DocumentView = live ?? detail.data;
  const { kind, lock } = current;
  // A locked text says what was voted on or submitted: its blocks show their stored words, not today's facts.
  const liveFacts = lock ? null : facts;
  // The live list brings the new state to every screen at once; the answer is only for a document not (yet) in
  // it. Taking it otherwise would change `access` and reconnect the editor for nothing.
  const keepUnlessLive = (next: DocumentDetail) => {
    if (!live) detail.setData(next);
  };
  return (
    <MotionsContext.Provider value={motions}>
      <MeetingFactsContext.Provider value={liveFacts}>
      <div className="room-document">
        <div className="room-doc-heading">
          <span className="kind-tag">{t(`documentKind.short.${kind}`)}</span>
          <h2 className="room-doc-title" data-testid="document-title" title={current.title}>
            {current.title}
          </h2>
          <CommentsToggle open={commentsOpen} count={commentState?.open ?? 0} onToggle={() => setCommentsOpen((open) => !open)} />
          <VersionsToggle open={versionsOpen} onToggle={() => setVersionsOpen((open) => !open)} />
        </div>
        {lock && <DocumentLockBanner lock={lock} finalisation={current.finalisation} motions={motions} />}
        <RefusedEditsNotice
          meetingId={meetingId}
          documentId={documentId}
          documents={documents}
          userId={session.user.id}
          sealed={lockedForGood}
          keptCount={keptCount}
        />
        <DraftOrigin meetingId={meetingId} document={current} />
        <RestoreNotice meetingId={meetingId} documentId={documentId} restore={current.restore ?? null} />
        <FinalisationBar
          document={current}
          meetingStatus={meetingStatus}
          permissions={permissions}
          onChanged={keepUnlessLive}
          editor={editor}
          facts={liveFacts}
        />
        {permissions.manageMotions && lock === null && (
          <AmendmentMaker meetingId={meetingId} documentId={documentId} editor={editor} motions={motions} />
        )}
        <VersionsLayout
          documentId={documentId}
          open={versionsOpen}
          onClose={() => setVersionsOpen(false)}
          offer={versionOffer(permissions, lock !== null)}
          refreshKey={versionsRefreshKey(current)}
        >
          {/* Keyed by access: the server decides it when the socket connects, so a change needs a new connection. */}
          {reset.resetting ? (
            <Loading />
          ) : (
            <DocumentWorkspace
              key={`${access}:${permissions.suggestOnly}:${reset.generation}`}
              documentId={documentId}
              identity={{ name: session.user.fullName, color }}
              readOnly={access === 'read'}
              locked={lock !== null}
              labelledVoteResult={kind === 'BB'}
              onEditor={setEditor}
              author={{ by: session.user.id, name: session.user.fullName }}
              suggestOnly={permissions.suggestOnly}
              decideSuggestions={permissions.decideSuggestions}
              onDirectEditsKept={onDirectEditsKept}
              side={
                <CommentsPanel
                  documentId={documentId}
                  editor={editor}
                  revision={commentState?.revision ?? 0}
                  myUserId={session.user.id}
                  canComment={permissions.comment}
                  canModerate={permissions.moderateComments}
                  open={commentsOpen}
                  onClose={() => setCommentsOpen(false)}
                  onShow={showComments}
                />
              }
            />
          )}
        </VersionsLayout>
      </div>
      </MeetingFactsContext.Provider>
    </MotionsContext.Provider>
  );
}
