import { useState } from 'react';
import type { MeetingView } from '../../shared/api.ts';
import { useI18n } from '../i18n.tsx';
import type { MotionBallots } from '../room/useMeetingProjection.ts';
import { MotionForm, type MotionFormStart } from './MotionForm.tsx';
import { MotionItem } from './MotionItem.tsx';

interface Props {
  meeting: MeetingView;
  ballots: MotionBallots;
}

/**
 * The meeting's motions in the order they were put, live: the chair opens and closes them, the secretary
 * prepares them and records a show of hands, everyone else follows the count and the results.
 */
export function MotionsPanel({ meeting, ballots }: Props) {
  const { t } = useI18n();
  const [form, setForm] = useState<MotionFormStart | null>(null);
  const { motions, permissions } = meeting;

  return (
    <div className="panel motions-panel" data-testid="motions-panel">
      <h2 className="side-heading">{t('motion.heading')}</h2>
      {motions.length === 0 ? (
        <p className="muted small">{t('motion.none')}</p>
      ) : (
        <ol className="motion-list" data-testid="motion-list">
          {motions.map((motion) => (
            <MotionItem key={motion.id} meeting={meeting} motion={motion} ballots={ballots[motion.id]} onEdit={setForm} />
          ))}
        </ol>
      )}
      {meeting.status === 'closed' && (
        <p className="muted small" data-testid="motions-closed-meeting">
          {t('motion.closedMeeting')}
        </p>
      )}
      {/* One form at a time: a new one replaces the one open, so the fields belong to the button last pressed. */}
      {permissions.manageMotions &&
        (form ? (
          <MotionForm
            key={form.mode === 'create' ? 'create' : `${form.mode}-${form.mode === 'edit' ? form.motion.id : form.of.id}`}
            meeting={meeting}
            start={form}
            onDone={() => setForm(null)}
          />
        ) : (
          <button
            type="button"
            className="secondary-button full-width"
            data-testid="new-motion"
            onClick={() => setForm({ mode: 'create' })}
          >
            {t('motion.new')}
          </button>
        ))}
    </div>
  );
}
