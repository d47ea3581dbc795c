import { ROLES, type Role } from '../../../shared/meeting.ts';
import { useI18n } from '../../i18n.tsx';

interface Props {
  id?: string;
  value: Role;
  onChange(role: Role): void;
  disabled?: boolean;
  testId: string;
  label?: string;
  /** Whether the chair's role is offered (the server refuses it to anyone but a chair or an administrator). */
  allowChair?: boolean;
}

export function RoleSelect({ id, value, onChange, disabled, testId, label, allowChair = true }: Props) {
  const { t } = useI18n();
  return (
    <select
      id={id}
      className="text-input role-select"
      data-testid={testId}
      aria-label={label}
      value={value}
      disabled={disabled}
      onChange={(event) => onChange(event.target.value as Role)}
    >
      {ROLES.filter((role) => allowChair || role !== 'chair' || value === 'chair').map((role) => (
        <option key={role} value={role}>
          {t(`role.${role}`)}
        </option>
      ))}
    </select>
  );
}
