import type { MotionView } from '../../shared/api.ts';
import type { QuorumState } from '../../shared/meeting.ts';
import { useI18n } from '../i18n.tsx';
import { motionFigures, turnout } from '../motions/figures.ts';
import { formatSeconds, useCountdown } from '../motions/useCountdown.ts';
import { amendmentChange, TextChangePanel, VersionTextPanel } from './TextPanel.tsx';

interface Props {
  motion: MotionView;
  /** Other votes open at the same time (the chair may open several). */
  alsoOpen: number;
  quorum: QuorumState;
}

/**
 * An open vote on the hall's screen: what is being decided and how the count stands. Only counts: the screen reads
 * the motion's public figures and never the ballots, so no name and no one person's choice can appear, whatever the
 * form; a secret ballot shows only how many have voted, as every screen in the room does (PJ3).
 */
export function VoteScene({ motion, alsoOpen, quorum }: Props) {
  const { t, lang } = useI18n();
  const left = useCountdown(motion.closesAt);
  const { voted, of } = turnout(motion, quorum.present);
  const figures = motionFigures(motion, lang);
  return (
    <div className="screen-scene screen-vote" data-testid="screen-vote" data-motion-id={motion.id} data-form={motion.form}>
      <div className="screen-main">
        <p className="screen-label">
          <span className="screen-live-tag">{t('screen.voting')}</span> {t('motion.number', { number: motion.number })} ·{' '}
          {t(`motion.form.${motion.form}`)}
        </p>
        <h2 className="screen-title" data-testid="screen-motion-title">
          {motion.title}
        </h2>
        {motion.documentTitle && <p className="screen-subtitle">{t('motion.adopts', { title: motion.documentTitle })}</p>}
        {figures ? (
          <ul className="screen-figures" data-testid="screen-figures">
            {figures.rows.map((row) => (
              <li key={row.choice} className="screen-figure" data-choice={row.choice} data-testid={`screen-count-${row.choice}`}>
                <span className="screen-figure-label">{t(`choice.${row.choice}`)}</span>
                <span className="screen-figure-count">{row.count}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="screen-note" data-testid="screen-hidden-count">
            {motion.form === 'hands' ? t('motion.handsPending') : t('motion.secretHidden')}
          </p>
        )}
        <p className="screen-turnout" aria-live="polite">
          <span className="screen-turnout-numbers" data-testid="screen-turnout">
            {voted}/{of}
          </span>{' '}
          {t('screen.votedOfPresent')}
        </p>
        {left !== null && (
          <p className="screen-countdown" data-testid="screen-countdown">
            {t('motion.closesIn', { time: formatSeconds(left) })}
          </p>
        )}
        {alsoOpen > 0 && <p className="screen-note">{t('screen.alsoOpen', { count: alsoOpen })}</p>}
      </div>
      {motion.amendment ? (
        // An amendment: the paragraphs it changes, as they read and as it would leave them, side by side.
        <TextChangePanel title={motion.title} {...amendmentChange(motion.amendment)} testId="screen-amendment" />
      ) : motion.version && motion.documentTitle && (
        <VersionTextPanel
          versionId={motion.version.id}
          title={t('screen.votedText', { title: motion.documentTitle })}
          testId="screen-vote-text"
        />
      )}
    </div>
  );
}
