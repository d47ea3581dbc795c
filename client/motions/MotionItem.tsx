import type { MeetingView, MotionView, ProjectedBallot } from '../../shared/api.ts';
import { useI18n } from '../i18n.tsx';
import { AmendmentDetail } from './AmendmentDetail.tsx';
import { MotionActions } from './MotionActions.tsx';
import { MotionBadges } from './MotionBadges.tsx';
import type { MotionFormStart } from './MotionForm.tsx';
import { ResultFigures } from './ResultFigures.tsx';
import { TallyForm } from './TallyForm.tsx';
import { VoteCount } from './VoteCount.tsx';
import { VoterList } from './VoterList.tsx';
import { durationWords } from './duration.ts';

interface Props {
  meeting: MeetingView;
  motion: MotionView;
  ballots: Readonly<Record<string, ProjectedBallot>> | undefined;
  onEdit(start: MotionFormStart): void;
}

/** One motion in the panel: what it is, where it stands, and the step the caller may take next. */
export function MotionItem({ meeting, motion, ballots, onEdit }: Props) {
  const { t } = useI18n();
  const repeats = motion.revoteOf ? meeting.motions.find((other) => other.id === motion.revoteOf) : undefined;
  const repeatedBy = motion.revotedBy ? meeting.motions.find((other) => other.id === motion.revotedBy) : undefined;
  return (
    <li className="motion-item" data-testid="motion" data-motion-id={motion.id} data-status={motion.status}>
      <div className="motion-line">
        <span className="motion-name">
          <span className="motion-number">{t('motion.number', { number: motion.number })}:</span>{' '}
          <span data-testid="motion-name">{motion.title}</span>
        </span>
        <MotionBadges motion={motion} />
      </div>
      <p className="motion-sub small muted">
        {motion.documentTitle && <span>{t('motion.adopts', { title: motion.documentTitle })}</span>}
        <span>{t(`motion.form.${motion.form}`)}</span>
        <span>{t(`motion.rule.${motion.rule}`)}</span>
        {motion.status === 'draft' && motion.durationSeconds !== null && (
          <span>{t('motion.limit', { time: durationWords(motion.durationSeconds, t) })}</span>
        )}
        {repeats && <span>{t('motion.revoteOf', { number: repeats.number })}</span>}
        {repeatedBy && <span data-testid="motion-revoted-by">{t('motion.revotedBy', { number: repeatedBy.number })}</span>}
      </p>
      {motion.amendment && <AmendmentDetail meeting={meeting} motion={motion} />}
      {motion.status !== 'draft' && <VoteCount motion={motion} presentNow={meeting.quorum.present} />}
      {motion.status === 'open' && motion.form === 'hands' && meeting.permissions.recordTally && (
        <TallyForm motion={motion} present={meeting.quorum.present} />
      )}
      {motion.status === 'closed' &&
        (motion.outcome === 'void' ? (
          <p className="small">{t('result.voidDetail', { present: motion.present, members: motion.members })}</p>
        ) : (
          <ResultFigures motion={motion} />
        ))}
      <VoterList motion={motion} ballots={ballots} members={meeting.members} />
      <MotionActions meeting={meeting} motion={motion} onEdit={onEdit} />
    </li>
  );
}
