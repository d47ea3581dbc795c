import { useState, type FormEvent } from 'react';
import type { MeetingView } from '../../shared/api.ts';
import { DEFAULT_QUORUM_RULE, ROLES, type QuorumRule, type Role } from '../../shared/meeting.ts';
import { api } from '../api/http.ts';
import { useCommand } from '../api/useCommand.ts';
import { useI18n } from '../i18n.tsx';
import { meetingPath, navigate } from '../routes.ts';
import { ErrorText } from '../ui/ErrorText.tsx';
import { Field } from '../ui/Field.tsx';
import { AgendaField } from './fields/AgendaField.tsx';
import { agendaFromText, newMeetingDetails } from './fields/details.ts';
import { MeetingDetailsFields } from './fields/MeetingDetailsFields.tsx';
import { QuorumRuleFields } from './fields/QuorumRuleFields.tsx';

const NOT_ON_ROSTER = 'none';

export function CreateMeetingForm({ onCancel }: { onCancel(): void }) {
  const { t } = useI18n();
  const [details, setDetails] = useState(newMeetingDetails);
  const [rule, setRule] = useState<QuorumRule>(DEFAULT_QUORUM_RULE);
  const [agenda, setAgenda] = useState('');
  const [creatorRole, setCreatorRole] = useState<Role | typeof NOT_ON_ROSTER>('chair');
  const command = useCommand();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const meeting = await command.run(() =>
      api.post<MeetingView>('/api/meetings', {
        ...details,
        quorumRule: rule,
        agenda: agendaFromText(agenda),
        creatorRole: creatorRole === NOT_ON_ROSTER ? null : creatorRole,
      }),
    );
    if (meeting) navigate(meetingPath(meeting.id));
  };

  return (
    <form className="card wide-card" onSubmit={submit} data-testid="create-meeting-form">
      <h2 className="section-title">{t('meetings.createTitle')}</h2>
      <MeetingDetailsFields value={details} onChange={setDetails} invalidField={command.error?.field} />
      <QuorumRuleFields value={rule} onChange={setRule} />
      <AgendaField value={agenda} onChange={setAgenda} />
      <Field label={t('meetings.creatorRole')} hint={t('meetings.creatorRoleHint')}>
        {(id) => (
          <select
            id={id}
            className="text-input"
            data-testid="meeting-creatorRole"
            value={creatorRole}
            onChange={(event) => setCreatorRole(event.target.value as Role | typeof NOT_ON_ROSTER)}
          >
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`role.${role}`)}
              </option>
            ))}
            <option value={NOT_ON_ROSTER}>{t('meetings.notOnRoster')}</option>
          </select>
        )}
      </Field>
      <ErrorText error={command.error} />
      <div className="form-actions">
        <button type="submit" className="primary-button" data-testid="create-meeting-submit" disabled={command.pending}>
          {t('meetings.createSubmit')}
        </button>
        <button type="button" className="secondary-button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
