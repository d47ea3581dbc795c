import { useState } from 'react';
import { isValidDocumentId } from '../../shared/protocol.ts';
import { useI18n } from '../i18n.tsx';
import { loadName, loadOrPickColor, saveName, type Identity } from '../identity.ts';
import { MessagePage } from '../MessagePage.tsx';
import { CloseNoticeBanner } from './CloseNoticeBanner.tsx';
import { DocumentEditor } from './DocumentEditor.tsx';
import { ConnectionStatus } from './ConnectionStatus.tsx';
import { NameForm } from './NameForm.tsx';
import { Presence } from './Presence.tsx';
import { useCollabDocument } from './useCollabDocument.ts';

export function DocumentPage({ documentId }: { documentId: string }) {
  // Checked before connecting: the server would refuse the id anyway, and a page that connects only to be
  // thrown out would flash "connecting" for nothing.
  if (!isValidDocumentId(documentId)) {
    return <MessagePage testId="invalid-document" title="doc.invalidIdTitle" body="doc.invalidIdBody" />;
  }
  return <NamedDocument documentId={documentId} />;
}

function NamedDocument({ documentId }: { documentId: string }) {
  const [name, setName] = useState(loadName);
  const [color] = useState(loadOrPickColor);

  const rename = (next: string) => {
    saveName(next);
    setName(next);
  };

  if (name === null) {
    return (
      <main className="centered">
        <div className="card">
          <NameForm withIntro onSave={rename} />
        </div>
      </main>
    );
  }
  return <DocumentWorkspace key={documentId} documentId={documentId} identity={{ name, color }} onRename={rename} />;
}

interface WorkspaceProps {
  documentId: string;
  identity: Identity;
  onRename(name: string): void;
}

function DocumentWorkspace({ documentId, identity, onRename }: WorkspaceProps) {
  const { t } = useI18n();
  const doc = useCollabDocument(documentId, identity);

  if (doc.refused) {
    return <MessagePage testId="invalid-document" title="doc.invalidIdTitle" body="close.invalidDocumentId" />;
  }

  const status = <ConnectionStatus connection={doc.connection} savedLocally={doc.savedLocally} />;
  const notice = doc.notice && <CloseNoticeBanner notice={doc.notice} onDismiss={doc.dismissNotice} />;
  if (!doc.session) {
    return (
      <div className="workspace">
        <div className="doc-bar">{status}</div>
        <p className="muted centered-text">{t('doc.loading')}</p>
      </div>
    );
  }
  return (
    <DocumentEditor
      key={doc.session.ydoc.guid}
      session={doc.session}
      identity={identity}
      status={status}
      notice={notice}
      aside={<Presence provider={doc.session.provider} name={identity.name} onRename={onRename} />}
    />
  );
}
