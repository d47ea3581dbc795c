import type { MeetingView } from '../../shared/api.ts';
import { api, apiPath } from '../api/http.ts';
import { useCommand } from '../api/useCommand.ts';
import { useI18n } from '../i18n.tsx';
import { ErrorText } from '../ui/ErrorText.tsx';

/**
 * Only those checked in may vote (the server refuses the others with `not_present`): said before anyone taps a
 * ballot, with the check-in itself right there when the person may check themself in.
 */
export function CheckInPrompt({ meeting }: { meeting: MeetingView }) {
  const { t } = useI18n();
  const command = useCommand();
  const canCheckIn = meeting.permissions.checkIn;
  const checkIn = () =>
    void command.run(() => api.post(apiPath`/api/meetings/${meeting.id}/attendance`, { status: 'present' }));
  return (
    <div className="check-in-prompt" data-testid="ballot-not-present">
      <p>{t('ballot.notPresent')}</p>
      {canCheckIn && (
        <button
          type="button"
          className="primary-button"
          data-testid="ballot-check-in"
          disabled={command.pending}
          onClick={checkIn}
        >
          {t('quorum.checkIn')}
        </button>
      )}
      <ErrorText error={command.error} />
    </div>
  );
}
