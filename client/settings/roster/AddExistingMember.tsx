import { useEffect, useState } from 'react';
import type { MeetingView, UserView } from '../../../shared/api.ts';
import type { Role } from '../../../shared/meeting.ts';
import { api, apiPath } from '../../api/http.ts';
import { useApiQuery } from '../../api/useApiQuery.ts';
import { useCommand } from '../../api/useCommand.ts';
import { useI18n } from '../../i18n.tsx';
import { ErrorText } from '../../ui/ErrorText.tsx';
import { Field } from '../../ui/Field.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { RoleSelect } from './RoleSelect.tsx';

/** Waits for a pause in typing, so that a search is not sent for every key. */
function useDebounced(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export function AddExistingMember({ meeting }: { meeting: MeetingView }) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const [role, setRole] = useState<Role>('delegate');
  const q = useDebounced(query.trim(), 250);
  const results = useApiQuery<UserView[]>(q === '' ? null : `/api/users?q=${encodeURIComponent(q)}`);
  const command = useCommand();
  const onRoster = new Set(meeting.members.map((member) => member.userId));

  const add = (user: UserView) =>
    void command.run(() => api.post(apiPath`/api/meetings/${meeting.id}/members`, { userId: user.id, role }));

  return (
    <div className="sub-form" data-testid="add-existing">
      <div className="form-row">
        <TextField
          label={t('roster.search')}
          hint={t('roster.searchHint')}
          type="search"
          testId="user-search"
          value={query}
          autoComplete="off"
          onChange={setQuery}
        />
        <Field label={t('roster.role')}>
          {(id) => <RoleSelect id={id} value={role} onChange={setRole} testId="add-existing-role" allowChair={meeting.permissions.manageChairs} />}
        </Field>
      </div>
      <ErrorText error={results.error} />
      {q !== '' && results.data?.length === 0 && <p className="muted">{t('roster.noUsers')}</p>}
      {q !== '' && results.data && results.data.length > 0 && (
        <ul className="search-results" data-testid="user-results">
          {results.data.map((user) => (
            <li key={user.id} className="search-result" data-testid="user-result" data-username={user.username}>
              <span>
                <span className="member-name">{user.fullName}</span> <code className="muted">{user.username}</code>
              </span>
              {onRoster.has(user.id) ? (
                <span className="muted small">{t('roster.alreadyMember')}</span>
              ) : (
                <button
                  type="button"
                  className="secondary-button"
                  data-testid="add-user"
                  disabled={command.pending || user.disabled}
                  onClick={() => add(user)}
                >
                  {t('roster.addAs', { role: t(`role.${role}`) })}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <ErrorText error={command.error} />
    </div>
  );
}
