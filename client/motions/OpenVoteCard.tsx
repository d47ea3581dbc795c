import type { MeetingView, MotionView } from '../../shared/api.ts';
import { useI18n } from '../i18n.tsx';
import { BallotButtons } from './BallotButtons.tsx';
import { CloseVote } from './CloseVote.tsx';
import type { MotionBallots } from '../room/useMeetingProjection.ts';
import { formatSeconds, useCountdown } from './useCountdown.ts';
import { VoteCount } from './VoteCount.tsx';

interface Props {
  meeting: MeetingView;
  motion: MotionView;
  ballots: MotionBallots;
  myUserId: string;
}

/**
 * An open vote, for everyone in the room whatever they are looking at: what is being decided, how many have
 * voted, and for those with a vote, the ballot itself.
 */
export function OpenVoteCard({ meeting, motion, ballots, myUserId }: Props) {
  const { t } = useI18n();
  const left = useCountdown(motion.closesAt);
  return (
    <section className="open-vote" data-testid="open-vote" data-motion-id={motion.id} aria-labelledby={`vote-${motion.id}`}>
      <div className="open-vote-head">
        <h2 className="open-vote-title" id={`vote-${motion.id}`}>
          <span className="open-vote-number">{t('motion.number', { number: motion.number })}:</span>{' '}
          <span data-testid="open-vote-title">{motion.title}</span>
        </h2>
        <span className="motion-form-tag">{t(`motion.form.${motion.form}`)}</span>
      </div>
      {motion.documentTitle && <p className="small muted">{t('motion.adopts', { title: motion.documentTitle })}</p>}
      {motion.description && <p className="open-vote-description">{motion.description}</p>}
      <div className="open-vote-status">
        <VoteCount motion={motion} presentNow={meeting.quorum.present} />
        {left !== null && (
          <p className="vote-countdown small" data-testid="vote-countdown">
            {t('motion.closesIn', { time: formatSeconds(left) })}
          </p>
        )}
      </div>
      {meeting.permissions.vote ? (
        <BallotButtons meeting={meeting} motion={motion} myUserId={myUserId} projected={ballots[motion.id]?.[myUserId]} />
      ) : (
        <p className="ballot-note">{t('ballot.noVote')}</p>
      )}
      {/* With the vote, at the top of the room, where the chair watches the count come in. */}
      {meeting.permissions.runVotes && <CloseVote meeting={meeting} motion={motion} ballots={ballots[motion.id]} />}
    </section>
  );
}
