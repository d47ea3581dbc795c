import { useState, type FormEvent } from 'react';
import type { MemberView } from '../../../shared/api.ts';
import type { Role } from '../../../shared/meeting.ts';
import { AccountFields, EMPTY_ACCOUNT, newAccountRequest } from '../../account/AccountFields.tsx';
import { CreatedAccount } from '../../account/CreatedAccount.tsx';
import { api, apiPath } from '../../api/http.ts';
import { useCommand } from '../../api/useCommand.ts';
import { useI18n } from '../../i18n.tsx';
import { Field } from '../../ui/Field.tsx';
import { Form } from '../../ui/Form.tsx';
import { FormFooter } from '../../ui/FormFooter.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { RoleSelect } from './RoleSelect.tsx';

interface Added {
  member: MemberView;
  password?: string;
}

/** A person with no account yet, created and added in one step; a generated password is shown once. */
export function CreateMemberForm({ meetingId, allowChair }: { meetingId: string; allowChair: boolean }) {
  const { t } = useI18n();
  const [account, setAccount] = useState(EMPTY_ACCOUNT);
  const [role, setRole] = useState<Role>('delegate');
  const [unit, setUnit] = useState('');
  const [added, setAdded] = useState<{ fullName: string; username: string; password?: string } | null>(null);
  const command = useCommand();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await command.run(() =>
      api.post<Added>(apiPath`/api/meetings/${meetingId}/members`, { newUser: newAccountRequest(account), role, unit }),
    );
    if (!result) return;
    setAdded({ fullName: result.member.fullName, username: account.username.trim().toLowerCase(), password: result.password });
    setAccount(EMPTY_ACCOUNT);
    setUnit('');
  };

  return (
    <Form className="sub-form" onSubmit={submit} data-testid="create-member-form">
      {added && (
        <CreatedAccount
          testId="member-created"
          message={t('roster.created', { name: added.fullName, username: added.username })}
          password={added.password}
        />
      )}
      <div className="form-grid">
        <AccountFields
          value={account}
          onChange={setAccount}
          whose="other"
          testIdPrefix="new-member"
          invalidField={command.error?.field}
        />
        <Field label={t('roster.role')}>
          {(id) => <RoleSelect id={id} value={role} onChange={setRole} testId="new-member-role" allowChair={allowChair} />}
        </Field>
        <TextField label={t('roster.unit')} value={unit} onChange={setUnit} testId="new-member-unit" maxLength={200} />
      </div>
      <FormFooter command={command} submitLabel={t('roster.createAndAdd')} submitTestId="new-member-submit" />
    </Form>
  );
}
