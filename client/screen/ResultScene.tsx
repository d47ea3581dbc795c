import type { MotionView } from '../../shared/api.ts';
import { formatVoteResult } from '../../shared/vote-result.ts';
import { useI18n } from '../i18n.tsx';
import { motionFigures } from '../motions/figures.ts';
import type { SettledText } from './scene.ts';
import { SettledTextPanel } from './SettledTextPanel.tsx';
import { amendmentChange, TextChangePanel } from './TextPanel.tsx';

/**
 * The result of the vote just closed, as the chair declares it: the outcome in a word, the counts with the
 * percentages the rule decided on, and the minutes' sentence (`shared/vote-result.ts`), in the screen's language.
 * When it adopted a text, the text beside it.
 */
export function ResultScene({ motion, settled }: { motion: MotionView; settled: SettledText | null }) {
  const { t, lang } = useI18n();
  const figures = motion.outcome === 'void' ? null : motionFigures(motion, lang);
  return (
    <div className="screen-scene screen-result" data-testid="screen-result" data-motion-id={motion.id} data-outcome={motion.outcome}>
      <div className="screen-main">
        <p className="screen-label">
          {t('result.label')} · {t('motion.number', { number: motion.number })}
        </p>
        <h2 className="screen-title" data-testid="screen-motion-title">
          {motion.title}
        </h2>
        <p className="screen-outcome" data-testid="screen-outcome">
          {t(`screen.outcome.${motion.outcome ?? 'void'}`)}
        </p>
        {figures && (
          <ul className="screen-figures" data-testid="screen-figures">
            {figures.rows.map((row) => (
              <li key={row.choice} className="screen-figure" data-choice={row.choice} data-testid={`screen-count-${row.choice}`}>
                <span className="screen-figure-label">{t(`choice.${row.choice}`)}</span>
                <span className="screen-figure-count">{row.count}</span>
                {row.percent !== null && <span className="screen-figure-percent">{row.percent}</span>}
              </li>
            ))}
          </ul>
        )}
        <p className="screen-sentence" data-testid="screen-result-sentence">
          {formatVoteResult(motion, lang)}
        </p>
      </div>
      {motion.amendment ? (
        <TextChangePanel title={motion.title} {...amendmentChange(motion.amendment)} testId="screen-amendment" />
      ) : (
        settled && <SettledTextPanel settled={settled} />
      )}
    </div>
  );
}
