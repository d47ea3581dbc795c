import type { Editor } from '@tiptap/core';
import type { DocumentDetail, DocumentView, MeetingPermissions } from '../../shared/api.ts';
import type { MeetingFactTexts } from '../../shared/meeting-facts.ts';
import type { MeetingStatus } from '../../shared/meeting.ts';
import { useId, useState } from 'react';
import { useI18n } from '../i18n.tsx';
import { DisclosureButton } from '../ui/DisclosureButton.tsx';
import { ExportLinks } from './ExportLinks.tsx';
import { FinalisationActions } from './FinalisationActions.tsx';
import { FinalisationStatus } from './FinalisationStatus.tsx';
import { finalisationOffer, finalisationStatus, isFinalisable } from './rules.ts';

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
 *
 * One line (SC2): the state, the number once issued, the exports; the rest (who asked, the next step, the
 * hash) opens from "Chi tiết". The rest stays mounted while folded, so a review of the blanks in progress is
 * kept, and the button is marked when a step waits for this person.
 */
export function FinalisationBar({ document, meetingStatus, permissions, onChanged, editor, facts }: Props) {
  const { t } = useI18n();
  const [expanded, setExpanded] = useState(false);
  const detailId = useId();
  const status = finalisationStatus(document);
  const final = status === 'final';
  const finalisable = isFinalisable(document.kind);
  const offer = finalisationOffer(document, meetingStatus, permissions);
  const yourStep = offer.confirm || offer.withdraw || offer.request?.allowed === true;
  return (
    <section
      className="finalisation-bar"
      data-testid="finalisation-bar"
      data-status={document.finalisation?.status ?? 'none'}
      data-expanded={expanded}
      aria-label={t('finalise.heading')}
    >
      <div className="finalisation-line" data-testid="finalisation-summary">
        {finalisable && (
          <span className="finalisation-badge" data-status={status} title={t(`finalise.status.${status}`)}>
            {t(`finalise.status.${status}`)}
          </span>
        )}
        {document.finalisation?.number && <strong className="finalisation-line-number">{document.finalisation.number}</strong>}
        <ExportLinks documentId={document.id} />
        <DisclosureButton
          expanded={expanded}
          onToggle={() => setExpanded((open) => !open)}
          controls={detailId}
          label={t('finalise.heading')}
          testId="finalisation-toggle"
          attention={yourStep}
        />
      </div>
      <div className="finalisation-detail" id={detailId} hidden={!expanded}>
        {finalisable && (
          <div className="finalisation-main">
            <FinalisationStatus finalisation={document.finalisation} />
            <FinalisationActions
              // A new state of the request is a new question: a refusal shown for the old one no longer holds.
              key={`${document.finalisation?.status ?? 'none'}:${document.lock?.reason ?? ''}`}
              documentId={document.id}
              title={document.title}
              offer={offer}
              onChanged={onChanged}
              editor={editor}
              facts={facts}
            />
          </div>
        )}
        {/* Until a document is issued the server marks its exports "DỰ THẢO": said before anyone prints one. */}
        {!final && <p className="small muted finalisation-note">{t('export.draftNote')}</p>}
      </div>
    </section>
  );
}
