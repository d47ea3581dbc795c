import { useState } from 'react';
import type { DocumentView } from '../../shared/api.ts';
import { useI18n } from '../i18n.tsx';
import { meetingPath } from '../routes.ts';
import { Link } from '../ui/Link.tsx';
import { markDraft, readMarked, refusedDrafts } from './refusedEdits.ts';
import { DismissButton } from '../ui/DismissButton.tsx';

interface Props {
  meetingId: string;
  documentId: string;
  /** The live list, where the server's draft appears the moment it is made. */
  documents: readonly DocumentView[];
  userId: string;
}

/**
 * In an issued document, for the person whose offline edits to it were refused: where their text went. Nothing
 * they typed is lost, and they should not have to find that out from the documents list.
 */
export function RefusedEditsNotice({ meetingId, documentId, documents, userId }: Props) {
  const { t } = useI18n();
  const [dismissed, setDismissed] = useState(() => readMarked('dismissed'));
  const drafts = refusedDrafts(documents, documentId, userId, dismissed);
  if (drafts.length === 0) return null;
  return (
    <>
      {drafts.map((draft) => (
        <div key={draft.id} className="notice refused-notice" role="alert" data-testid="refused-edits-notice" data-draft-id={draft.id}>
          <p>
            {t('refused.notice')}{' '}
            <Link href={meetingPath(meetingId, draft.id)} data-testid="refused-edits-draft">
              {draft.title}
            </Link>
          </p>
          <DismissButton
            label={t('refused.dismiss')}
            testId="refused-edits-dismiss"
            onClick={() => setDismissed(markDraft('dismissed', draft.id))}
          />
        </div>
      ))}
    </>
  );
}
