import { useState } from 'react';
import type { MeetingView, MotionElectorateView, MotionView, ProjectedBallot } from '../../shared/api.ts';
import { api, apiPath } from '../api/http.ts';
import { useApiQuery } from '../api/useApiQuery.ts';
import { useCommand } from '../api/useCommand.ts';
import { useI18n } from '../i18n.tsx';
import { ConfirmBox } from '../ui/ConfirmBox.tsx';
import { ErrorText } from '../ui/ErrorText.tsx';
import { notVoted } from './notVoted.ts';

interface Props {
  meeting: MeetingView;
  motion: MotionView;
  /** Who has voted on this motion, live from the projection. */
  ballots: Readonly<Record<string, ProjectedBallot>> | undefined;
}

/**
 * The chair's close, on the open vote's card: closing decides the vote for good, so it asks first, and says who
 * of those counted present has not voted yet (by name for a named vote, by number for a secret one; a show of
 * hands has no ballots to wait for).
 */
export function CloseVote({ meeting, motion, ballots }: Props) {
  const { t } = useI18n();
  const command = useCommand();
  const [asking, setAsking] = useState(false);
  // A refusal concerns the vote as it stood ("no show-of-hands count yet"); once that has changed, it no longer holds.
  const standing = JSON.stringify(motion.tally);
  const [refusedWhen, setRefusedWhen] = useState(standing);
  if (refusedWhen !== standing) {
    setRefusedWhen(standing);
    if (command.error) command.clearError();
  }
  const close = async () => {
    const done = await command.run(() => api.post<MotionView>(apiPath`/api/motions/${motion.id}/close`, {}));
    if (done) setAsking(false);
  };

  return (
    <div className="close-vote" data-testid="close-vote">
      {!asking && (
        <button
          type="button"
          className="danger-button"
          data-testid="motion-close"
          onClick={() => {
            command.clearError();
            setAsking(true);
          }}
        >
          {t('motion.close')}
        </button>
      )}
      {asking && (
        <ConfirmBox
          action="close-vote"
          danger
          confirmLabel={t('motion.close')}
          confirmTestId="close-vote-ok"
          pending={command.pending}
          error={command.error}
          onConfirm={() => void close()}
          onCancel={() => setAsking(false)}
        >
          {t('motion.closeQuestion', { number: motion.number })}
          {motion.form !== 'hands' && <NotVoted meeting={meeting} motion={motion} ballots={ballots} />}
        </ConfirmBox>
      )}
      {!asking && <ErrorText error={command.error} testId="motion-error" />}
    </div>
  );
}

/** Those counted present when the vote opened who have not voted, as the ballots arrive. */
function NotVoted({ meeting, motion, ballots }: Props) {
  const { t } = useI18n();
  const electorate = useApiQuery<MotionElectorateView>(apiPath`/api/motions/${motion.id}/electorate`);
  if (!electorate.data) return <ErrorText error={electorate.error} />;
  const waiting = notVoted(electorate.data.present, ballots, meeting.members);
  const of = electorate.data.present.length;
  if (waiting.length === 0) {
    return (
      <span className="not-voted" data-testid="not-voted" data-count={0}>
        {t('motion.allVoted', { of })}
      </span>
    );
  }
  if (motion.form === 'secret') {
    return (
      <span className="not-voted" data-testid="not-voted" data-count={waiting.length}>
        {t('motion.notVotedCount', { count: waiting.length, of })}
      </span>
    );
  }
  return (
    <span className="not-voted" data-testid="not-voted" data-count={waiting.length}>
      {t('motion.notVotedNamed', { count: waiting.length, of })}
      <span className="not-voted-names">
        {waiting.map((person, index) => (
          <span key={person.userId} data-testid="not-voted-name" data-user-id={person.userId}>
            {person.fullName || t('motion.leftRoster')}
            {index < waiting.length - 1 ? ', ' : ''}
          </span>
        ))}
      </span>
    </span>
  );
}
