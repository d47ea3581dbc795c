import type { ReactNode } from 'react';
import type { Editor } from '@tiptap/core';
import { useI18n } from '../i18n.tsx';
import type { Identity } from '../identity.ts';
import { MessagePage } from '../MessagePage.tsx';
import { CloseNoticeBanner } from './CloseNoticeBanner.tsx';
import { ConnectionStatus } from './ConnectionStatus.tsx';
import { DocumentEditor } from './DocumentEditor.tsx';
import { Presence } from './Presence.tsx';
import { SuggestionsPanel } from './suggest/SuggestionsPanel.tsx';
import type { SuggestionAuthor } from './suggest/transform.ts';
import { useCollabDocument, useReportSave } from './useCollabDocument.ts';

interface Props {
  documentId: string;
  identity: Identity;
  /** The server gives this person a read-only connection (an observer): no toolbar, no typing. */
  readOnly: boolean;
  /** A vote on the text is open, or it was adopted: the server drops writes, so the editor takes none. */
  locked?: boolean;
  /** Minutes: "Chèn kết quả biểu quyết" is a labelled button, not an icon alone. */
  labelledVoteResult?: boolean;
  /** Told the editor once it exists (and null when it goes), for what is shown beside it. */
  onEditor?(editor: Editor | null): void;
  /** The person, as their suggestions name them. */
  author?: SuggestionAuthor;
  /** They may only suggest changes (the server enforces it). */
  suggestOnly?: boolean;
  /** They accept and reject suggestions (chair, secretary). */
  decideSuggestions?: boolean;
  /** Shown beside the page under who is in the document (the comments' margin). */
  side?: ReactNode;
  /** The server kept this device's direct edits as the person's draft (4423): its copy is to be dropped. */
  onDirectEditsKept?(): void;
}

/** One document open for editing: its sync connection, the editor, and who else is in it. */
export function DocumentWorkspace({
  documentId,
  identity,
  readOnly,
  locked = false,
  labelledVoteResult = false,
  onEditor,
  author = { by: '', name: identity.name },
  suggestOnly = false,
  decideSuggestions = false,
  side,
  onDirectEditsKept,
}: Props) {
  const { t } = useI18n();
  const doc = useCollabDocument(documentId, identity, onDirectEditsKept);
  // Someone who cannot write has nothing of theirs to save: no save state, here or in the header.
  useReportSave(doc.save, !readOnly && !doc.refused);

  if (doc.refused) {
    return <MessagePage embedded testId="invalid-document" title="doc.invalidIdTitle" body="close.invalidDocumentId" />;
  }

  // A locked document says why in its own banner; "read only" beside it would only repeat it less precisely.
  const status = (
    <ConnectionStatus save={doc.save} savedLocally={doc.savedLocally} readOnly={readOnly && !locked} showSave={!readOnly} />
  );
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
      readOnly={readOnly}
      locked={locked}
      labelledVoteResult={labelledVoteResult}
      author={author}
      suggestOnly={suggestOnly}
      onEditor={onEditor}
      status={status}
      notice={notice}
      aside={
        <>
          <Presence provider={doc.session.provider} />
          <SuggestionsPanel
            ydoc={doc.session.ydoc}
            documentId={documentId}
            userId={author.by}
            canDecide={decideSuggestions}
            readOnly={readOnly || locked}
          />
          {side}
        </>
      }
    />
  );
}
