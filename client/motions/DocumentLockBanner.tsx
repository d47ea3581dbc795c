import type { DocumentLock, MotionView } from '../../shared/api.ts';
import { useI18n } from '../i18n.tsx';

interface Props {
  lock: DocumentLock;
  motions: readonly MotionView[];
}

/**
 * Why the editor does not take typing: the text is being voted on exactly as it stands (the server drops any
 * edit until the vote closes), or it was adopted and is final. Said above the page, where the eye goes first.
 */
export function DocumentLockBanner({ lock, motions }: Props) {
  const { t } = useI18n();
  const motion = motions.find((each) => each.id === lock.motionId);
  const number = motion?.number;
  return (
    <div className="lock-banner" role="status" data-testid="document-lock" data-reason={lock.reason}>
      <svg className="lock-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
        <rect x="5" y="11" width="14" height="9" rx="1.5" fill="currentColor" />
        <path d="M8 11V8a4 4 0 0 1 8 0v3" fill="none" stroke="currentColor" strokeWidth="2" />
      </svg>
      <div>
        <p className="lock-title">
          {lock.reason === 'vote'
            ? t('lock.vote')
            : number !== undefined
              ? t('lock.adopted', { number })
              : t('lock.adoptedUnnumbered')}
        </p>
        <p className="small">
          {number !== undefined
            ? t('lock.motion', { number, title: lock.motionTitle })
            : lock.motionTitle}
        </p>
      </div>
    </div>
  );
}
