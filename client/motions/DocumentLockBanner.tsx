import type { DocumentLock, FinalisationView, MotionView } from '../../shared/api.ts';
import { lockWords } from '../finalisation/lockWords.ts';
import { useId, useState } from 'react';
import { useI18n } from '../i18n.tsx';
import { DisclosureButton } from '../ui/DisclosureButton.tsx';

interface Props {
  lock: DocumentLock;
  /** For the number of an issued document and who asked for it to be issued. */
  finalisation: FinalisationView | null;
  motions: readonly MotionView[];
}

/**
 * Why the editor does not take typing: the text was issued and is locked for good, it waits for a chair to
 * confirm issuing it, it is being voted on exactly as it stands (the server drops any edit until the vote
 * closes), or it was adopted. Said above the page, where the eye goes first: in one line (SC2), the details
 * (which vote, who asked) under "Chi tiết".
 */
export function DocumentLockBanner({ lock, finalisation, motions }: Props) {
  const { t } = useI18n();
  const { title, detail } = lockWords(lock, finalisation, motions);
  const [expanded, setExpanded] = useState(false);
  const detailId = useId();
  const titleText = t(title.key, title.params);
  return (
    <div className="lock-banner" role="status" data-testid="document-lock" data-reason={lock.reason} data-expanded={expanded}>
      <svg className="lock-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
        <rect x="5" y="11" width="14" height="9" rx="1.5" fill="currentColor" />
        <path d="M8 11V8a4 4 0 0 1 8 0v3" fill="none" stroke="currentColor" strokeWidth="2" />
      </svg>
      <div className="lock-words">
        <p className="lock-title" title={titleText}>
          {titleText}
        </p>
        {detail !== null && (
          <p className="small" id={detailId} hidden={!expanded}>
            {typeof detail === 'string' ? detail : t(detail.key, detail.params)}
          </p>
        )}
      </div>
      {detail !== null && (
        <DisclosureButton
          expanded={expanded}
          onToggle={() => setExpanded((open) => !open)}
          controls={detailId}
          label={titleText}
          testId="document-lock-toggle"
        />
      )}
    </div>
  );
}
