import { useState } from 'react';
import type { MeetingView, MotionView } from '../../shared/api.ts';
import { api, apiPath } from '../api/http.ts';
import { useCommand } from '../api/useCommand.ts';
import { useI18n } from '../i18n.tsx';
import { ErrorText } from '../ui/ErrorText.tsx';
import type { MotionFormStart } from './MotionForm.tsx';

interface Props {
  meeting: MeetingView;
  motion: MotionView;
  onEdit(start: MotionFormStart): void;
}

/**
 * Only the next step of a motion is offered, to those the server lets take it now: a draft is edited or opened,
 * a closed one may be voted again as a new motion (a closed motion never reopens). An open vote is closed from
 * its card at the top of the room (CloseVote), not from this list.
 */
export function MotionActions({ meeting, motion, onEdit }: Props) {
  const { t } = useI18n();
  const command = useCommand();
  const { manageMotions, runVotes } = meeting.permissions;
  // A refusal concerns the motion as it stood ("quorum not met"); once it has changed, it no longer holds.
  const standing = JSON.stringify([motion.status, motion.tally]);
  const [refusedWhen, setRefusedWhen] = useState(standing);
  if (refusedWhen !== standing) {
    setRefusedWhen(standing);
    if (command.error) command.clearError();
  }
  const openVote = () => void command.run(() => api.post<MotionView>(apiPath`/api/motions/${motion.id}/open`, {}));

  const buttons = [];
  // A withdrawn or postponed amendment is not put to the vote (the chair brings a postponed one back first).
  if (motion.status === 'draft' && runVotes && !motion.amendment?.setAside) {
    buttons.push(
      <button key="open" type="button" className="primary-button" data-testid="motion-open" disabled={command.pending} onClick={openVote}>
        {t('motion.open')}
      </button>,
    );
  }
  // A chair preparing votes before the session sees why there is no "open" yet, rather than a missing button.
  const waitsForSession = motion.status === 'draft' && !runVotes && meeting.myRole === 'chair' && meeting.status === 'scheduled';
  if (motion.status === 'draft' && manageMotions && motion.amendment?.setAside !== 'withdrawn') {
    buttons.push(
      <button key="edit" type="button" className="secondary-button" data-testid="motion-edit" onClick={() => onEdit({ mode: 'edit', motion })}>
        {t('motion.edit')}
      </button>,
    );
  }
  // An adopted document stays locked, so its vote cannot be repeated; any other closed vote can.
  // An amendment is voted again as a new amendment of the suggestions still in the text.
  const repeatable = (motion.outcome !== 'adopted' || motion.documentId === null) && !motion.amendment;
  if (motion.status === 'closed' && manageMotions && motion.revotedBy === null && repeatable) {
    buttons.push(
      <button key="revote" type="button" className="secondary-button" data-testid="motion-revote" onClick={() => onEdit({ mode: 'revote', of: motion })}>
        {t('motion.revote')}
      </button>,
    );
  }
  if (buttons.length === 0 && !waitsForSession) return null;
  return (
    <>
      {waitsForSession && (
        <p className="field-hint" data-testid="motion-open-later">
          {t('motion.openWhenInSession')}
        </p>
      )}
      {buttons.length > 0 && <div className="form-actions motion-actions">{buttons}</div>}
      <ErrorText error={command.error} testId="motion-error" />
    </>
  );
}
