import { useState } from 'react';
import type { DocumentRestore } from '../../shared/api.ts';
import { useI18n } from '../i18n.tsx';
import { meetingPath } from '../routes.ts';
import { Link } from '../ui/Link.tsx';
import { formatInstant } from '../ui/when.ts';
import { restoreNoticeShown, versionAddress } from './restoreNotice.ts';
import { DismissButton } from '../ui/DismissButton.tsx';

/** Restores put away on this device, for as long as the page is open. */
const dismissedHere = new Set<string>();

interface Props {
  meetingId: string;
  documentId: string;
  /** The document's latest restore, from the live list (or its detail). */
  restore: DocumentRestore | null;
}

/**
 * Who restored which version of the document, and when, with a link to the version keeping the text it replaced
 * (opened in the versions viewer). No undo: restoring that version is the way back, for someone who may.
 */
export function RestoreNotice({ meetingId, documentId, restore }: Props) {
  const { t, lang } = useI18n();
  const [seenOnOpening] = useState(restore);
  const [openedAt] = useState(() => Date.now());
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(() => new Set(dismissedHere));
  if (!restore || !restoreNoticeShown(restore, seenOnOpening, openedAt, dismissed)) return null;
  const dismiss = () => {
    dismissedHere.add(restore.replacedVersionId);
    setDismissed(new Set(dismissedHere));
  };
  return (
    <div className="notice restore-notice" role="status" data-testid="restore-notice" data-replaced-id={restore.replacedVersionId}>
      <p>
        {t('restore.notice', { name: restore.by?.fullName ?? '—', label: restore.label, when: formatInstant(restore.at, lang) })}{' '}
        <Link href={versionAddress(meetingPath(meetingId, documentId), restore.replacedVersionId)} data-testid="restore-notice-replaced">
          {t('restore.replaced')}
        </Link>
      </p>
      <DismissButton label={t('restore.dismiss')} testId="restore-notice-dismiss" onClick={dismiss} />
    </div>
  );
}
