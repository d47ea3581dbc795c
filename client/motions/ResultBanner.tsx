import { useState } from 'react';
import type { MotionView } from '../../shared/api.ts';
import { useI18n } from '../i18n.tsx';
import { ResultFigures } from './ResultFigures.tsx';
import { DismissButton } from '../ui/DismissButton.tsx';

/** The most recently closed motion (by closing time, then number), or none. */
export function latestClosed(motions: readonly MotionView[]): MotionView | null {
  let latest: MotionView | null = null;
  for (const motion of motions) {
    if (motion.status !== 'closed' || motion.closedAt === null) continue;
    if (!latest || motion.closedAt > (latest.closedAt ?? '') || (motion.closedAt === latest.closedAt && motion.number > latest.number)) {
      latest = motion;
    }
  }
  return latest;
}

/**
 * The one result the banner shows (RB1–RB3), decided from the meeting's state alone, so someone who joins later
 * sees what everyone else sees: the newest closed motion, once it has its outcome; none once a re-vote of it has
 * been made (its result was set aside), and none once any vote has opened since it closed.
 */
export function bannerMotion(motions: readonly MotionView[]): MotionView | null {
  const latest = latestClosed(motions);
  if (!latest?.outcome || latest.revotedBy !== null) return null;
  const closedAt = latest.closedAt ?? '';
  const openedSince = motions.some((m) => m.id !== latest.id && m.openedAt !== null && m.openedAt >= closedAt);
  return openedSince ? null : latest;
}

/**
 * The result of the last vote, as the chair declares it, for everyone in the room, until the next vote opens.
 * Each person may put it away; the next result brings the banner back.
 */
export function ResultBanner({ motions }: { motions: readonly MotionView[] }) {
  const { t } = useI18n();
  const [dismissed, setDismissed] = useState<string | null>(null);
  const motion = bannerMotion(motions);
  // Announced when a result arrives: the live region exists (empty) before it, so screen readers notice it.
  return (
    <div aria-live="polite" className="result-banner-region">
      {motion?.outcome && dismissed !== motion.id && (
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
            <DismissButton label={t('result.dismiss')} onClick={() => setDismissed(motion.id)} />
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
