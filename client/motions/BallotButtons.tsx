import { useState } from 'react';
import type { CastBallotView, MeetingView, MotionDetail, MotionView, ProjectedBallot } from '../../shared/api.ts';
import { CHOICES, type Choice } from '../../shared/motions.ts';
import { api, apiPath } from '../api/http.ts';
import { useCommand } from '../api/useCommand.ts';
import { useI18n } from '../i18n.tsx';
import { ErrorText } from '../ui/ErrorText.tsx';
import { CheckInPrompt } from './CheckInPrompt.tsx';

interface Props {
  meeting: MeetingView;
  motion: MotionView;
  myUserId: string;
  /** What the projection says of the caller's ballot: their choice (named), 'voted' (secret), or nothing yet. */
  projected: ProjectedBallot | undefined;
}

/**
 * Three large buttons, one tap each: a ballot is final once cast, so instead of a confirmation dialog the
 * line under the buttons says so beforehand, and afterwards the buttons stay where they were (disabled, the
 * chosen one pressed) so nothing jumps under the person's thumb.
 */
export function BallotButtons({ meeting, motion, myUserId, projected }: Props) {
  const { t } = useI18n();
  const command = useCommand();
  // The server's answer, shown at once; the projection confirms it a moment later (and after a reload).
  const [answered, setAnswered] = useState<MotionDetail['myBallot'] | null>(null);
  const me = meeting.members.find((member) => member.userId === myUserId);
  const present = me?.attendance === 'present';
  const voted = projected !== undefined || answered?.voted === true;
  const choice: Choice | null = projected !== undefined && projected !== 'voted' ? projected : (answered?.choice ?? null);

  if (motion.form === 'hands') {
    return <p className="ballot-note" data-testid="ballot-hands">{t('ballot.handsNote')}</p>;
  }

  const cast = async (next: Choice) => {
    const detail = await command.run(() => api.post<CastBallotView>(apiPath`/api/motions/${motion.id}/ballots`, { choice: next }));
    if (detail) setAnswered(detail.myBallot);
  };

  let status: string;
  if (voted && motion.form === 'secret') status = t('ballot.secretRecorded');
  else if (voted) status = choice ? t('ballot.yourChoice', { choice: t(`choice.${choice}`) }) : t('ballot.recorded');
  else status = t('ballot.finalHint');

  return (
    <div className="ballot" data-testid="ballot" data-voted={voted}>
      {!voted && !present && <CheckInPrompt meeting={meeting} />}
      <div className="ballot-buttons" role="group" aria-label={t('ballot.group', { number: motion.number })}>
        {CHOICES.map((option) => (
          <button
            key={option}
            type="button"
            className="ballot-button"
            data-choice={option}
            data-testid={`ballot-${option}`}
            aria-pressed={choice === option}
            disabled={voted || !present || command.pending}
            onClick={() => void cast(option)}
          >
            {t(`choice.${option}`)}
          </button>
        ))}
      </div>
      <p className="ballot-status" role="status" data-testid="ballot-status" data-voted={voted}>
        {status}
      </p>
      <ErrorText error={command.error} testId="ballot-error" />
    </div>
  );
}
