import type { MotionView } from '../../shared/api.ts';
import { useI18n } from '../i18n.tsx';
import { motionFigures, turnout } from './figures.ts';

interface Props {
  motion: MotionView;
  /** Members present now (the meeting's live quorum count), the denominator while the vote is open. */
  presentNow: number;
}

/**
 * "12/47 đã biểu quyết", and the running count where the form shows one (a named vote; a show of hands once
 * recorded). Announced politely to screen readers as it changes; tabular digits keep it from jittering.
 */
export function VoteCount({ motion, presentNow }: Props) {
  const { t, lang } = useI18n();
  const { voted, of } = turnout(motion, presentNow);
  const figures = motion.status === 'open' ? motionFigures(motion, lang) : null;
  const hidden = motion.status === 'open' && motion.form === 'secret';
  return (
    <div className="vote-count" aria-live="polite" aria-atomic="true" data-testid="vote-count">
      <p className="vote-turnout">
        {motion.form === 'hands' && motion.tally === null ? (
          <span data-testid="vote-turnout">{t('motion.handsPending')}</span>
        ) : (
          <>
            <span className="vote-numbers" data-testid="vote-turnout">
              {voted}/{of}
            </span>{' '}
            {t('motion.votedOf')}
          </>
        )}
      </p>
      {figures && (
        <p className="vote-running small" data-testid="vote-running">
          {figures.rows.map((row) => (
            <span key={row.choice} data-choice={row.choice}>
              {t(`choice.${row.choice}`)}: <b>{row.count}</b>
            </span>
          ))}
        </p>
      )}
      {hidden && <p className="muted small">{t('motion.secretHidden')}</p>}
    </div>
  );
}
