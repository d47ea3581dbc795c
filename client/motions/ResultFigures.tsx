import type { MotionView } from '../../shared/api.ts';
import { useI18n } from '../i18n.tsx';
import { motionFigures } from './figures.ts';

/** A closed motion's counts with their percentages, and what the percentages are of. */
export function ResultFigures({ motion }: { motion: MotionView }) {
  const { t, lang } = useI18n();
  const figures = motionFigures(motion, lang);
  if (!figures) return null;
  return (
    <>
      <ul className="result-figures" data-testid="result-figures">
        {figures.rows.map((row) => (
          <li key={row.choice} data-choice={row.choice} data-testid={`result-${row.choice}`}>
            <span className="result-label">{t(`choice.${row.choice}`)}</span>{' '}
            <span className="result-count">{row.count}</span>
            {row.percent !== null && (
              <>
                {' '}
                <span className="result-percent">({row.percent})</span>
              </>
            )}
          </li>
        ))}
      </ul>
      {figures.base && (
        <p className="muted small" data-testid="result-base">
          {t(`motion.base.${figures.base.kind}`, { count: figures.base.count })}
          {motion.decision && ` · ${t('motion.required', { count: motion.decision.required })}`}
        </p>
      )}
    </>
  );
}
