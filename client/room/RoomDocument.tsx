import { useEffect, useState } from 'react';
import type { DocumentDetail, DocumentView } from '../../shared/api.ts';
import type { Role } from '../../shared/meeting.ts';
import { isValidDocumentId } from '../../shared/protocol.ts';
import { apiPath } from '../api/http.ts';
import { useApiQuery } from '../api/useApiQuery.ts';
import { DocumentWorkspace } from '../document/DocumentWorkspace.tsx';
import { useI18n } from '../i18n.tsx';
import { loadOrPickColor } from '../identity.ts';
import { MessagePage } from '../MessagePage.tsx';
import { meetingPath, navigate } from '../routes.ts';
import { useSignedIn } from '../session/SessionProvider.tsx';
import { ErrorText } from '../ui/ErrorText.tsx';
import { Loading } from '../ui/Loading.tsx';

interface Props {
  meetingId: string;
  documentId: string;
  /** The live list, for the title as it is now. */
  documents: DocumentView[];
  /** When the caller's role changes, their access to the text may too. */
  myRole: Role | null;
}

export function RoomDocument(props: Props) {
  // Checked before asking: the server would refuse the id anyway, and a page that connects only to be thrown
  // out would flash "connecting" for nothing.
  if (!isValidDocumentId(props.documentId)) {
    return <MessagePage embedded testId="invalid-document" title="doc.invalidIdTitle" body="doc.invalidIdBody" />;
  }
  return <CheckedDocument {...props} />;
}

function CheckedDocument({ meetingId, documentId, documents, myRole }: Props) {
  const { t } = useI18n();
  const session = useSignedIn();
  const [color] = useState(loadOrPickColor);
  const detail = useApiQuery<DocumentDetail>(apiPath`/api/documents/${documentId}`, { offline: true });
  const { reload } = detail;

  const [roleSeen, setRoleSeen] = useState(myRole);
  useEffect(() => {
    if (myRole === roleSeen) return;
    setRoleSeen(myRole);
    reload();
  }, [myRole, roleSeen, reload]);

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
  const { access, kind } = detail.data;
  const title = documents.find((doc) => doc.id === documentId)?.title ?? detail.data.title;
  return (
    <div className="room-document">
      <div className="room-doc-heading">
        <span className="kind-tag">{t(`documentKind.short.${kind}`)}</span>
        <h2 className="room-doc-title" data-testid="document-title">
          {title}
        </h2>
      </div>
      {/* Keyed by access: the server decides it when the socket connects, so a change needs a new connection. */}
      <DocumentWorkspace
        key={access}
        documentId={documentId}
        identity={{ name: session.user.fullName, color }}
        readOnly={access === 'read'}
      />
    </div>
  );
}
