import { useState, type FormEvent } from 'react';
import type { MemberView } from '../../../shared/api.ts';
import type { Role } from '../../../shared/meeting.ts';
import { api, apiPath } from '../../api/http.ts';
import { useCommand } from '../../api/useCommand.ts';
import { useI18n } from '../../i18n.tsx';
import { ErrorText } from '../../ui/ErrorText.tsx';
import { Field } from '../../ui/Field.tsx';
import { OneTimeSecret } from '../../ui/OneTimeSecret.tsx';
import { RoleSelect } from './RoleSelect.tsx';

interface Added {
  member: MemberView;
  password?: string;
}

/** A person with no account yet, created and added in one step; a generated password is shown once. */
export function CreateMemberForm({ meetingId }: { meetingId: string }) {
  const { t } = useI18n();
  const [fullName, setFullName] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('delegate');
  const [unit, setUnit] = useState('');
  const [added, setAdded] = useState<{ fullName: string; username: string; password?: string } | null>(null);
  const command = useCommand();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const newUser = { fullName, username, ...(password ? { password } : {}) };
    const result = await command.run(() =>
      api.post<Added>(apiPath`/api/meetings/${meetingId}/members`, { newUser, role, unit }),
    );
    if (!result) return;
    setAdded({ fullName: result.member.fullName, username: username.trim().toLowerCase(), password: result.password });
    setFullName('');
    setUsername('');
    setPassword('');
    setUnit('');
  };

  return (
    <form className="sub-form" onSubmit={submit} data-testid="create-member-form">
      {added && (
        <div className="success-box" data-testid="member-created">
          <p>{t('roster.created', { name: added.fullName, username: added.username })}</p>
          {added.password && (
            <OneTimeSecret label={t('account.generatedPassword')} value={added.password} testId="created-password" />
          )}
        </div>
      )}
      <div className="form-grid">
        <Field label={t('account.fullName')}>
          {(id) => (
            <input
              id={id}
              className="text-input"
              data-testid="new-member-full-name"
              value={fullName}
              required
              onChange={(event) => setFullName(event.target.value)}
            />
          )}
        </Field>
        <Field label={t('account.username')} hint={t('account.usernameHint')}>
          {(id) => (
            <input
              id={id}
              className="text-input"
              data-testid="new-member-username"
              value={username}
              autoCapitalize="none"
              spellCheck={false}
              autoComplete="off"
              required
              onChange={(event) => setUsername(event.target.value)}
            />
          )}
        </Field>
        <Field label={t('account.passwordOptional')} hint={t('account.passwordGeneratedHint')}>
          {(id) => (
            <input
              id={id}
              type="text"
              className="text-input"
              data-testid="new-member-password"
              value={password}
              autoComplete="new-password"
              minLength={8}
              onChange={(event) => setPassword(event.target.value)}
            />
          )}
        </Field>
        <Field label={t('roster.role')}>
          {(id) => <RoleSelect id={id} value={role} onChange={setRole} testId="new-member-role" />}
        </Field>
        <Field label={t('roster.unit')}>
          {(id) => (
            <input
              id={id}
              className="text-input"
              data-testid="new-member-unit"
              value={unit}
              onChange={(event) => setUnit(event.target.value)}
            />
          )}
        </Field>
      </div>
      <ErrorText error={command.error} />
      <div className="form-actions">
        <button type="submit" className="primary-button" data-testid="new-member-submit" disabled={command.pending}>
          {t('roster.createAndAdd')}
        </button>
      </div>
    </form>
  );
}
