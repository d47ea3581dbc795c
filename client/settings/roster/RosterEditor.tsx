import { useState } from 'react';
import type { MeetingView, MemberView } from '../../../shared/api.ts';
import type { Role } from '../../../shared/meeting.ts';
import { api, apiPath } from '../../api/http.ts';
import { useCommand } from '../../api/useCommand.ts';
import { useI18n } from '../../i18n.tsx';
import { useSignedIn } from '../../session/SessionProvider.tsx';
import { ErrorText } from '../../ui/ErrorText.tsx';
import { RoleSelect } from './RoleSelect.tsx';

/**
 * Each member's role, changed in place, and removal (asked twice). The list itself updates live. Offered only what
 * the server allows: nobody changes their own role, and only a chair or an administrator touches a chair's.
 */
export function RosterEditor({ meeting }: { meeting: MeetingView }) {
  const { t } = useI18n();
  const me = useSignedIn().user.id;
  if (meeting.members.length === 0) return <p className="muted">{t('roster.empty')}</p>;
  const chairs = meeting.permissions.manageChairs;
  return (
    <ul className="roster-editor" data-testid="roster-editor">
      {meeting.members.map((member) => (
        <MemberEditor
          key={member.userId}
          meetingId={meeting.id}
          member={member}
          manageChairs={chairs}
          self={member.userId === me}
        />
      ))}
    </ul>
  );
}

function MemberEditor({
  meetingId,
  member,
  manageChairs,
  self,
}: {
  meetingId: string;
  member: MemberView;
  manageChairs: boolean;
  self: boolean;
}) {
  const { t } = useI18n();
  const command = useCommand();
  const [confirming, setConfirming] = useState(false);
  const path = apiPath`/api/meetings/${meetingId}/members/${member.userId}`;

  const changeRole = (role: Role) => void command.run(() => api.patch(path, { role }));
  const remove = () => void command.run(() => api.delete(path));
  const chairOnly = member.role === 'chair' && !manageChairs;
  const why = self ? t('roster.ownRole') : chairOnly ? t('roster.chairOnly') : undefined;

  return (
    <li className="roster-editor-row" data-testid="roster-member" data-user-id={member.userId}>
      <div className="roster-editor-who">
        <span className="member-name">{member.fullName}</span>
        {member.unit && <span className="muted small">{member.unit}</span>}
      </div>
      <div className="roster-editor-actions">
        <span title={why}>
          <RoleSelect
            value={member.role}
            onChange={changeRole}
            disabled={command.pending || why !== undefined}
            allowChair={manageChairs}
            testId="roster-member-role"
            label={t('roster.roleOf', { name: member.fullName })}
          />
        </span>
        {chairOnly ? null : confirming ? (
          <>
            <button type="button" className="danger-button" data-testid="roster-remove-confirm" onClick={remove}>
              {t('roster.removeConfirm')}
            </button>
            <button type="button" className="secondary-button" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </button>
          </>
        ) : (
          <button type="button" className="secondary-button" data-testid="roster-remove" onClick={() => setConfirming(true)}>
            {t('roster.remove')}
          </button>
        )}
      </div>
      <ErrorText error={command.error} />
    </li>
  );
}
