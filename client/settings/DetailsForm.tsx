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
import { Form } from '../ui/Form.tsx';
import { FormFooter } from '../ui/FormFooter.tsx';
import { EditingModeField } from './EditingModeField.tsx';

/**
 * The meeting's facts, quorum rule, agenda and how delegates change the text. The form keeps its own copy from when it opened: a live change
 * by someone else must not overwrite what this person is typing.
 */
export function DetailsForm({ meeting }: { meeting: MeetingView }) {
  const { t } = useI18n();
  const [details, setDetails] = useState(() => detailsOf(meeting));
  const [rule, setRule] = useState<QuorumRule>(meeting.quorumRule);
  const [agenda, setAgenda] = useState(meeting.agenda.join('\n'));
  const [delegatesSuggest, setDelegatesSuggest] = useState(meeting.delegatesSuggest);
  const command = useCommand();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await command.run(() =>
      api.patch<MeetingView>(apiPath`/api/meetings/${meeting.id}`, {
        ...details,
        quorumRule: rule,
        agenda: agendaFromText(agenda),
        delegatesSuggest,
      }),
    );
    if (!result) return;
    setDetails(detailsOf(result));
    setRule(result.quorumRule);
    setAgenda(result.agenda.join('\n'));
    setDelegatesSuggest(result.delegatesSuggest);
  };

  return (
    <Form className="card wide-card" onSubmit={submit} data-testid="details-form" aria-labelledby="details-heading">
      <h2 id="details-heading" className="section-title">
        {t('settings.details')}
      </h2>
      <MeetingDetailsFields value={details} onChange={command.edit(setDetails)} invalidField={command.error?.field} />
      <QuorumRuleFields value={rule} onChange={command.edit(setRule)} />
      <AgendaField value={agenda} onChange={command.edit(setAgenda)} />
      <EditingModeField value={delegatesSuggest} onChange={command.edit(setDelegatesSuggest)} />
      <FormFooter
        command={command}
        submitLabel={t('common.save')}
        submitTestId="details-save"
        done={{ text: t('common.saved'), testId: 'details-saved' }}
      />
    </Form>
  );
}
