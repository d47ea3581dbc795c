import { useState, type FormEvent } from 'react';
import type { MeetingView } from '../../shared/api.ts';
import { DEFAULT_QUORUM_RULE, ROLES, type QuorumRule, type Role } from '../../shared/meeting.ts';
import { api } from '../api/http.ts';
import { useCommand } from '../api/useCommand.ts';
import { useI18n } from '../i18n.tsx';
import { meetingPath, navigate } from '../routes.ts';
import { Form } from '../ui/Form.tsx';
import { FormFooter } from '../ui/FormFooter.tsx';
import { SelectField } from '../ui/SelectField.tsx';
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
    <Form className="card wide-card" onSubmit={submit} data-testid="create-meeting-form">
      <h2 className="section-title">{t('meetings.createTitle')}</h2>
      <MeetingDetailsFields value={details} onChange={setDetails} invalidField={command.error?.field} />
      <QuorumRuleFields value={rule} onChange={setRule} />
      <AgendaField value={agenda} onChange={setAgenda} />
      <SelectField<Role | typeof NOT_ON_ROSTER>
        label={t('meetings.creatorRole')}
        hint={t('meetings.creatorRoleHint')}
        value={creatorRole}
        onChange={setCreatorRole}
        testId="meeting-creatorRole"
        options={[
          ...ROLES.map((role) => ({ value: role, label: t(`role.${role}`) })),
          { value: NOT_ON_ROSTER, label: t('meetings.notOnRoster') },
        ]}
      />
      <FormFooter
        command={command}
        submitLabel={t('meetings.createSubmit')}
        submitTestId="create-meeting-submit"
        onCancel={onCancel}
      />
    </Form>
  );
}
