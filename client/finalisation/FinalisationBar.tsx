import type { Editor } from '@tiptap/core';
import type { DocumentDetail, DocumentView, MeetingPermissions } from '../../shared/api.ts';
import type { MeetingFactTexts } from '../../shared/meeting-facts.ts';
import type { MeetingStatus } from '../../shared/meeting.ts';
import { useI18n } from '../i18n.tsx';
import { ExportLinks } from './ExportLinks.tsx';
import { FinalisationActions } from './FinalisationActions.tsx';
import { FinalisationStatus } from './FinalisationStatus.tsx';
import { finalisationOffer, isFinalisable } from './rules.ts';

interface Props {
  /** As the live meeting list shows it: a request, a confirmation or a decline arrives without a reload. */
  document: DocumentView;
  meetingStatus: MeetingStatus;
  permissions: MeetingPermissions;
  onChanged(detail: DocumentDetail): void;
  /** The editor showing the text, for the list of its placeholders; null while none is. */
  editor: Editor | null;
  /** The meeting's facts the request will write into the text; null when its stored words stand. */
  facts: MeetingFactTexts | null;
}

/**
 * Under the document's title: where its finalisation (ban hành) stands, the caller's next step in it, and the
 * exports of the current text. A blank document is never issued, so it gets the exports only.
 */
export function FinalisationBar({ document, meetingStatus, permissions, onChanged, editor, facts }: Props) {
  const { t } = useI18n();
  const final = document.finalisation?.status === 'final';
  const finalisable = isFinalisable(document.kind);
  return (
    <section
      className="finalisation-bar"
      data-testid="finalisation-bar"
      data-status={document.finalisation?.status ?? 'none'}
      aria-label={t('finalise.heading')}
    >
      {finalisable && (
        <div className="finalisation-main">
          <FinalisationStatus finalisation={document.finalisation} />
          <FinalisationActions
            // A new state of the request is a new question: a refusal shown for the old one no longer holds.
            key={`${document.finalisation?.status ?? 'none'}:${document.lock?.reason ?? ''}`}
            documentId={document.id}
            title={document.title}
            offer={finalisationOffer(document, meetingStatus, permissions)}
            onChanged={onChanged}
            editor={editor}
            facts={facts}
          />
        </div>
      )}
      <ExportLinks documentId={document.id} />
      {/* Until a document is issued the server marks its exports "DỰ THẢO": said before anyone prints one. */}
      {!final && <p className="small muted finalisation-note">{t('export.draftNote')}</p>}
    </section>
  );
}
