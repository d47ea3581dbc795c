import type { MotionView } from '../../shared/api.ts';
import { useI18n } from '../i18n.tsx';

/** The state of a motion at a glance: draft / voting / ended, and once ended its outcome. */
export function MotionBadges({ motion }: { motion: MotionView }) {
  const { t } = useI18n();
  return (
    <span className="motion-badges">
      <span className="motion-status" data-status={motion.status} data-testid="motion-status">
        {t(`motion.status.${motion.status}`)}
      </span>
      {motion.outcome && (
        <span className="motion-outcome" data-outcome={motion.outcome} data-testid="motion-outcome">
          {t(`motion.outcome.${motion.outcome}`)}
        </span>
      )}
    </span>
  );
}
