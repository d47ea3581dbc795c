import { useEffect, useState } from 'react';
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
  /** The document is locked for good: the edits were refused because it was issued, not because they suggest nothing. */
  sealed: boolean;
  /** How many times this device's direct edits were kept as the draft since the page opened (4423). */
  keptCount: number;
}

/**
 * For the person whose offline edits to a document were refused (it was issued meanwhile, or the meeting came to let
 * them only suggest): where their text went. Nothing they typed is lost, and they should not have to find that out
 * from the documents list. New edits kept in a draft they had dismissed the notice of bring it back.
 */
export function RefusedEditsNotice({ meetingId, documentId, documents, userId, sealed, keptCount }: Props) {
  const { t } = useI18n();
  const [dismissed, setDismissed] = useState(() => readMarked('dismissed'));
  useEffect(() => {
    if (keptCount > 0) setDismissed(new Set());
  }, [keptCount]);
  const drafts = refusedDrafts(documents, documentId, userId, dismissed);
  if (drafts.length === 0) return null;
  return (
    <>
      {drafts.map((draft) => (
        <div key={draft.id} className="notice refused-notice" role="alert" data-testid="refused-edits-notice" data-draft-id={draft.id}>
          <p>
            {t(sealed ? 'refused.notice' : 'refused.suggestOnlyNotice')}{' '}
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
