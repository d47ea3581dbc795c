import { useState } from 'react';
import type { MotionView } from '../../shared/api.ts';
import { useI18n } from '../i18n.tsx';
import { ResultFigures } from './ResultFigures.tsx';

/** The most recently closed motion, or none. */
export function latestClosed(motions: readonly MotionView[]): MotionView | null {
  let latest: MotionView | null = null;
  for (const motion of motions) {
    if (motion.status !== 'closed' || motion.closedAt === null) continue;
    if (!latest || motion.closedAt > (latest.closedAt ?? '')) latest = motion;
  }
  return latest;
}

/**
 * The result of the last vote, as the chair declares it, for everyone in the room. Each person may put it
 * away; the next result brings the banner back.
 */
export function ResultBanner({ motions }: { motions: readonly MotionView[] }) {
  const { t } = useI18n();
  const [dismissed, setDismissed] = useState<string | null>(null);
  const motion = latestClosed(motions);
  // Announced when a result arrives: the live region exists (empty) before it, so screen readers notice it.
  return (
    <div aria-live="polite" className="result-banner-region">
      {motion && motion.outcome && dismissed !== motion.id && (
        <section
          className="result-banner"
          data-outcome={motion.outcome}
          data-motion-id={motion.id}
          data-testid="result-banner"
          aria-label={t('result.label')}
        >
          <div className="result-banner-head">
            <p className="result-banner-title">
              <span className="motion-number">{t('motion.number', { number: motion.number })}:</span>{' '}
              <span data-testid="result-title">{motion.title}</span>
            </p>
            <p className="result-outcome" data-testid="result-outcome">
              {t(`result.outcome.${motion.outcome}`)}
            </p>
            <button
              type="button"
              className="notice-dismiss"
              aria-label={t('result.dismiss')}
              onClick={() => setDismissed(motion.id)}
            >
              ×
            </button>
          </div>
          {motion.outcome === 'void' ? (
            <p className="small" data-testid="result-void">
              {t('result.voidDetail', { present: motion.present, members: motion.members })}
            </p>
          ) : (
            <ResultFigures motion={motion} />
          )}
        </section>
      )}
    </div>
  );
}
