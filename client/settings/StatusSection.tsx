import { useState } from 'react';
import type { MeetingView } from '../../shared/api.ts';
import { NEXT_STATUS } from '../../shared/meeting.ts';
import { api, apiPath } from '../api/http.ts';
import { useCommand } from '../api/useCommand.ts';
import { useI18n } from '../i18n.tsx';
import { StatusBadge } from '../meetings/StatusBadge.tsx';
import { ConfirmBox } from '../ui/ConfirmBox.tsx';
import { ErrorText } from '../ui/ErrorText.tsx';
import { Section } from '../ui/Section.tsx';

/** Only the next step is offered (scheduled → in session → closed); closing asks once more, since it is final. */
export function StatusSection({ meeting }: { meeting: MeetingView }) {
  const { t } = useI18n();
  const command = useCommand();
  const [confirming, setConfirming] = useState(false);
  const next = NEXT_STATUS[meeting.status];

  const advance = async () => {
    if (!next) return;
    await command.run(() => api.patch(apiPath`/api/meetings/${meeting.id}`, { status: next }));
    setConfirming(false);
  };

  return (
    <Section title={t('settings.status')}>
      <p>
        <StatusBadge status={meeting.status} />
      </p>
      {next === 'in_session' && (
        <button
          type="button"
          className="primary-button"
          data-testid="start-session"
          disabled={command.pending}
          onClick={() => void advance()}
        >
          {t('settings.startSession')}
        </button>
      )}
      {next === 'closed' && !confirming && (
        <button type="button" className="secondary-button" data-testid="close-meeting" onClick={() => setConfirming(true)}>
          {t('settings.closeMeeting')}
        </button>
      )}
      {next === 'closed' && confirming && (
        <ConfirmBox
          action="close-meeting"
          confirmLabel={t('settings.closeMeeting')}
          confirmTestId="close-meeting-confirm"
          danger
          pending={command.pending}
          error={command.error}
          onConfirm={() => void advance()}
          onCancel={() => setConfirming(false)}
        >
          {t('settings.closeConfirm')}
        </ConfirmBox>
      )}
      {next === null && <p className="muted">{t('settings.closedHint')}</p>}
      {!confirming && <ErrorText error={command.error} />}
    </Section>
  );
}
