import type { MeetingView } from '../../shared/api.ts';
import { formatPercent } from '../../shared/format.ts';
import { api, apiPath } from '../api/http.ts';
import { useCommand } from '../api/useCommand.ts';
import { useI18n } from '../i18n.tsx';
import { ErrorText } from '../ui/ErrorText.tsx';

interface Props {
  meeting: MeetingView;
  myUserId: string;
}

/** Present / total against the rule, as the server computed it, and the caller's own check-in. */
export function QuorumPanel({ meeting, myUserId }: Props) {
  const { t, lang } = useI18n();
  const { quorum } = meeting;
  const me = meeting.members.find((member) => member.userId === myUserId);
  const command = useCommand();
  // The server's permission says whether checking in is possible now (only in session, P3).
  const canCheckIn = meeting.permissions.checkIn && me !== undefined;

  const checkIn = () =>
    void command.run(() => api.post(apiPath`/api/meetings/${meeting.id}/attendance`, { status: 'present' }));

  return (
    <div className="panel quorum" data-testid="quorum" data-met={quorum.met}>
      <h2 className="side-heading">{t('quorum.heading')}</h2>
      <p className="quorum-count">
        <span className="quorum-numbers" data-testid="quorum-count">
          {quorum.present}/{quorum.total}
        </span>
        <span className="quorum-percent" data-testid="quorum-percent">
          {formatPercent(quorum.present, quorum.total, lang)}
        </span>
      </p>
      <p className="small">
        {t('quorum.required', {
          required: quorum.required,
          numerator: quorum.rule.numerator,
          denominator: quorum.rule.denominator,
        })}
      </p>
      <p className="quorum-verdict" data-testid="quorum-verdict" role="status">
        {quorum.met ? t('quorum.met') : t('quorum.notMet')}
      </p>
      {canCheckIn &&
        (me.attendance === 'present' ? (
          <p className="checked-in" data-testid="checked-in">
            {t('quorum.checkedIn')}
          </p>
        ) : (
          <button
            type="button"
            className="primary-button full-width"
            data-testid="check-in"
            disabled={command.pending}
            onClick={checkIn}
          >
            {t('quorum.checkIn')}
          </button>
        ))}
      {meeting.status === 'scheduled' && <p className="muted small">{t('quorum.notStarted')}</p>}
      {meeting.status === 'closed' && (
        <p className="muted small" data-testid="quorum-closed">
          {t('quorum.closed')}
        </p>
      )}
      <ErrorText error={command.error} />
    </div>
  );
}
