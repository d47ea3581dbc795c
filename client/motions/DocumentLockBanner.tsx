import type { DocumentLock, FinalisationView, MotionView } from '../../shared/api.ts';
import { lockWords } from '../finalisation/lockWords.ts';
import { useI18n } from '../i18n.tsx';

interface Props {
  lock: DocumentLock;
  /** For the number of an issued document and who asked for it to be issued. */
  finalisation: FinalisationView | null;
  motions: readonly MotionView[];
}

/**
 * Why the editor does not take typing: the text was issued and is locked for good, it waits for a chair to
 * confirm issuing it, it is being voted on exactly as it stands (the server drops any edit until the vote
 * closes), or it was adopted. Said above the page, where the eye goes first.
 */
export function DocumentLockBanner({ lock, finalisation, motions }: Props) {
  const { t } = useI18n();
  const { title, detail } = lockWords(lock, finalisation, motions);
  return (
    <div className="lock-banner" role="status" data-testid="document-lock" data-reason={lock.reason}>
      <svg className="lock-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
        <rect x="5" y="11" width="14" height="9" rx="1.5" fill="currentColor" />
        <path d="M8 11V8a4 4 0 0 1 8 0v3" fill="none" stroke="currentColor" strokeWidth="2" />
      </svg>
      <div>
        <p className="lock-title">{t(title.key, title.params)}</p>
        {detail !== null && <p className="small">{typeof detail === 'string' ? detail : t(detail.key, detail.params)}</p>}
      </div>
    </div>
  );
}
