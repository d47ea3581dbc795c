import { useEffect } from 'react';
import type { DocumentDetail } from '../../shared/api.ts';
import { isValidDocumentId } from '../../shared/protocol.ts';
import { apiPath } from '../api/http.ts';
import { useApiQuery } from '../api/useApiQuery.ts';
import { MessagePage } from '../MessagePage.tsx';
import { meetingPath, navigate } from '../routes.ts';
import { ErrorText } from '../ui/ErrorText.tsx';
import { Loading } from '../ui/Loading.tsx';

/** `/d/<id>`, the address documents had before they belonged to meetings: on to the document's meeting room. */
export function DocumentRedirect({ documentId }: { documentId: string }) {
  if (!isValidDocumentId(documentId)) {
    return <MessagePage testId="invalid-document" title="doc.invalidIdTitle" body="doc.invalidIdBody" />;
  }
  return <Redirect documentId={documentId} />;
}

function Redirect({ documentId }: { documentId: string }) {
  const detail = useApiQuery<DocumentDetail>(apiPath`/api/documents/${documentId}`, { offline: true });
  const meetingId = detail.data?.meetingId;
  useEffect(() => {
    if (meetingId !== undefined) navigate(meetingPath(meetingId, documentId), { replace: true });
  }, [meetingId, documentId]);

  if (detail.error?.status === 404) {
    return <MessagePage testId="not-found" title="notFound.title" body="doc.notFoundBody" />;
  }
  if (detail.error) {
    return (
      <main className="page">
        <ErrorText error={detail.error} />
      </main>
    );
  }
  return <Loading />;
}
