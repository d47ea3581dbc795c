import { useState, type FormEvent } from 'react';
import type { MeetingView } from '../../shared/api.ts';
import type { QuorumRule } from '../../shared/meeting.ts';
import { api, apiPath } from '../api/http.ts';
import { useCommand } from '../api/useCommand.ts';
import { useI18n } from '../i18n.tsx';
import { AgendaField } from '../meetings/fields/AgendaField.tsx';
import { agendaFromText, detailsOf } from '../meetings/fields/details.ts';
import { MeetingDetailsFields } from '../meetings/fields/MeetingDetailsFields.tsx';
import { QuorumRuleFields } from '../meetings/fields/QuorumRuleFields.tsx';
import { ErrorText } from '../ui/ErrorText.tsx';

/**
 * The meeting's facts, quorum rule and agenda. The form keeps its own copy from when it opened: a live change
 * by someone else must not overwrite what this person is typing.
 */
export function DetailsForm({ meeting }: { meeting: MeetingView }) {
  const { t } = useI18n();
  const [details, setDetails] = useState(() => detailsOf(meeting));
  const [rule, setRule] = useState<QuorumRule>(meeting.quorumRule);
  const [agenda, setAgenda] = useState(meeting.agenda.join('\n'));
  const [saved, setSaved] = useState(false);
  const command = useCommand();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const result = await command.run(() =>
      api.patch<MeetingView>(apiPath`/api/meetings/${meeting.id}`, {
        ...details,
        quorumRule: rule,
        agenda: agendaFromText(agenda),
      }),
    );
    if (!result) return;
    setDetails(detailsOf(result));
    setRule(result.quorumRule);
    setAgenda(result.agenda.join('\n'));
    setSaved(true);
  };

  const edit =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      setSaved(false);
      set(value);
    };

  return (
    <form className="card wide-card" onSubmit={submit} data-testid="details-form" aria-labelledby="details-heading">
      <h2 id="details-heading" className="section-title">
        {t('settings.details')}
      </h2>
      <MeetingDetailsFields value={details} onChange={edit(setDetails)} invalidField={command.error?.field} />
      <QuorumRuleFields value={rule} onChange={edit(setRule)} />
      <AgendaField value={agenda} onChange={edit(setAgenda)} />
      <ErrorText error={command.error} />
      <div className="form-actions">
        <button type="submit" className="primary-button" data-testid="details-save" disabled={command.pending}>
          {t('common.save')}
        </button>
        {saved && (
          <span className="saved-note" role="status" data-testid="details-saved">
            {t('common.saved')}
          </span>
        )}
      </div>
    </form>
  );
}
