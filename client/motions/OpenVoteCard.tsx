import type { MeetingView, MotionView } from '../../shared/api.ts';
import { useId, useState } from 'react';
import { useI18n } from '../i18n.tsx';
import { DisclosureButton } from '../ui/DisclosureButton.tsx';
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
 *
 * One line (SC2): the motion, the count and the time left, with the rest under "Chi tiết". It is unfolded for
 * someone whose ballot it still awaits (a vote is the one thing nobody should go looking for), folded for the
 * others; it stays as the person leaves it, so nothing moves under their thumb as they vote.
 */
export function OpenVoteCard({ meeting, motion, ballots, myUserId }: Props) {
  const { t } = useI18n();
  const left = useCountdown(motion.closesAt);
  const projected = ballots[motion.id]?.[myUserId];
  const awaitsMe = meeting.permissions.vote && motion.form !== 'hands' && projected === undefined;
  // Unfolded while the ballot awaits this person (known only once the live state has their ballots, which may
  // come a moment after the page), and kept so once they have used it: the card does not fold under the tap
  // that cast the ballot. Their own fold or unfold wins over both.
  const [chosen, setChosen] = useState<boolean | null>(null);
  const [used, setUsed] = useState(false);
  const expanded = chosen ?? (awaitsMe || used);
  const setExpanded = (next: (open: boolean) => boolean) => setChosen(next(expanded));
  const bodyId = useId();
  const title = `${t('motion.number', { number: motion.number })}: ${motion.title}`;
  return (
    <section
      className="open-vote"
      data-testid="open-vote"
      data-motion-id={motion.id}
      data-expanded={expanded}
      aria-labelledby={`vote-${motion.id}`}
    >
      <div className="open-vote-head">
        <h2 className="open-vote-title" id={`vote-${motion.id}`} title={title}>
          <span className="open-vote-number">{t('motion.number', { number: motion.number })}:</span>{' '}
          <span data-testid="open-vote-title">{motion.title}</span>
        </h2>
        <span className="motion-form-tag">{t(`motion.form.${motion.form}`)}</span>
        <div className="open-vote-status">
          <VoteCount motion={motion} presentNow={meeting.quorum.present} />
          {left !== null && (
            <p className="vote-countdown small" data-testid="vote-countdown">
              {t('motion.closesIn', { time: formatSeconds(left) })}
            </p>
          )}
        </div>
        <DisclosureButton
          expanded={expanded}
          onToggle={() => setExpanded((open) => !open)}
          controls={bodyId}
          label={title}
          testId="open-vote-toggle"
          attention={awaitsMe && !expanded}
        />
      </div>
      <div className="open-vote-body" id={bodyId} hidden={!expanded} onPointerDown={() => setUsed(true)} onFocus={() => setUsed(true)}>
        {motion.documentTitle && <p className="small muted">{t('motion.adopts', { title: motion.documentTitle })}</p>}
        {motion.description && <p className="open-vote-description">{motion.description}</p>}
        {meeting.permissions.vote ? (
          <BallotButtons meeting={meeting} motion={motion} myUserId={myUserId} projected={projected} />
        ) : (
          <p className="ballot-note">{t('ballot.noVote')}</p>
        )}
        {/* With the vote, at the top of the room, where the chair watches the count come in. */}
        {meeting.permissions.runVotes && <CloseVote meeting={meeting} motion={motion} ballots={ballots[motion.id]} />}
      </div>
    </section>
  );
}
