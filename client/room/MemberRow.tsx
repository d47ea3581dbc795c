import { useId, useState, type FormEvent } from 'react';
import type { MemberView } from '../../shared/api.ts';
import type { Attendance } from '../../shared/meeting.ts';
import { api, apiPath } from '../api/http.ts';
import { useCommand } from '../api/useCommand.ts';
import { useI18n } from '../i18n.tsx';
import { ErrorText } from '../ui/ErrorText.tsx';
import { FieldCheck, FieldCheckMessage, Form } from '../ui/Form.tsx';
import { MenuButton } from '../ui/MenuButton.tsx';

interface Props {
  meetingId: string;
  member: MemberView;
  isMe: boolean;
  /** The chair or secretary, while the meeting is in session (the server's `markAttendance`). */
  canMark: boolean;
}

type Mark = Extract<Attendance, 'present' | 'absent' | 'excused'>;
/** Behind "⋯": the common mark, present, has its own button. */
const OTHER_MARKS = ['absent', 'excused'] as const satisfies readonly Mark[];

export function MemberRow({ meetingId, member, isMe, canMark }: Props) {
  const { t } = useI18n();
  const command = useCommand();
  const [askingReason, setAskingReason] = useState(false);
  const [reason, setReason] = useState(member.attendanceReason);
  const reasonId = useId();

  const mark = async (status: Mark, withReason?: string) => {
    const done = await command.run(() =>
      api.post(apiPath`/api/meetings/${meetingId}/attendance`, {
        userId: member.userId,
        status,
        ...(withReason ? { reason: withReason } : {}),
      }),
    );
    if (done !== undefined) setAskingReason(false);
  };
  const submitReason = (event: FormEvent) => {
    event.preventDefault();
    void mark('excused', reason.trim());
  };

  return (
    <li className="member" data-testid="member" data-user-id={member.userId} data-attendance={member.attendance}>
      <div className="member-line">
        <span className="member-name" data-testid="member-name">
          {member.fullName}
          {isMe && <span className="presence-you"> {t('presence.you')}</span>}
        </span>
        <span className="attendance-chip" data-attendance={member.attendance} data-testid="member-attendance">
          {t(`attendance.${member.attendance}`)}
        </span>
      </div>
      <div className="member-sub">
        <span className="role-tag" data-testid="member-role">
          {t(`role.${member.role}`)}
        </span>
        {member.unit && <span className="muted">{member.unit}</span>}
        {member.attendance === 'excused' && member.attendanceReason && (
          <span className="muted" data-testid="member-reason">
            {t('attendance.reasonShown', { reason: member.attendanceReason })}
          </span>
        )}
      </div>
      {/* One action in reach, the common one (SC5); absent and excused behind "⋯". */}
      {canMark && (
        <div className="mark-buttons" role="group" aria-label={t('attendance.markFor', { name: member.fullName })}>
          <button
            type="button"
            className="chip-button"
            data-testid="mark-present"
            aria-pressed={member.attendance === 'present'}
            disabled={command.pending}
            onClick={() => void mark('present')}
          >
            {t('attendance.mark.present')}
          </button>
          <MenuButton
            label={t('attendance.moreFor', { name: member.fullName })}
            testId="member-menu"
            items={OTHER_MARKS.map((status) => ({
              id: status,
              label: t(`attendance.mark.${status}`),
              testId: `mark-${status}`,
              disabled: command.pending,
              onSelect: () => (status === 'excused' ? setAskingReason(true) : void mark(status)),
            }))}
          />
        </div>
      )}
      {askingReason && (
        <Form className="reason-form" onSubmit={submitReason} data-testid="excuse-form">
          <FieldCheck id={reasonId}>
            {(checked) => (
              <input
                {...checked}
                id={reasonId}
                className="text-input"
                data-testid="excuse-reason"
                aria-label={t('attendance.reason')}
                placeholder={t('attendance.reasonPlaceholder')}
                value={reason}
                maxLength={300}
                required
                autoFocus
                onChange={(event) => setReason(event.target.value)}
              />
            )}
          </FieldCheck>
          <button type="submit" className="primary-button" data-testid="excuse-submit" disabled={command.pending}>
            {t('attendance.mark.excused')}
          </button>
          <button type="button" className="secondary-button" onClick={() => setAskingReason(false)}>
            {t('common.cancel')}
          </button>
          <FieldCheckMessage forId={reasonId} />
        </Form>
      )}
      <ErrorText error={command.error} />
    </li>
  );
}
