import { MEETING_KINDS, type MeetingKind } from '../../../shared/meeting.ts';
import type { MessageKey } from '../../../shared/i18n.ts';
import { useI18n } from '../../i18n.tsx';
import { Field } from '../../ui/Field.tsx';
import type { MeetingDetails } from './details.ts';

interface Props {
  value: MeetingDetails;
  onChange(value: MeetingDetails): void;
  /** The field the server refused, marked for the person to find. */
  invalidField?: string | undefined;
}

type TextKey = Exclude<keyof MeetingDetails, 'kind' | 'startsAt'>;

const TEXT_FIELDS: readonly { key: TextKey; label: MessageKey; hint?: MessageKey; required: boolean }[] = [
  { key: 'title', label: 'meetingField.title', required: true },
  { key: 'place', label: 'meetingField.place', required: true },
  { key: 'locality', label: 'meetingField.locality', hint: 'meetingField.localityHint', required: true },
  { key: 'issuingBody', label: 'meetingField.issuingBody', required: true },
  { key: 'parentBody', label: 'meetingField.parentBody', hint: 'meetingField.parentBodyHint', required: false },
  { key: 'symbol', label: 'meetingField.symbol', hint: 'meetingField.symbolHint', required: true },
];

export function MeetingDetailsFields({ value, onChange, invalidField }: Props) {
  const { t } = useI18n();
  const set = <K extends keyof MeetingDetails>(key: K, next: MeetingDetails[K]) => onChange({ ...value, [key]: next });
  const text = ({ key, label, hint, required }: (typeof TEXT_FIELDS)[number]) => (
    <Field key={key} label={t(label)} hint={hint && t(hint)}>
      {(id) => (
        <input
          id={id}
          className="text-input"
          data-testid={`meeting-${key}`}
          value={value[key]}
          required={required}
          aria-invalid={invalidField === key || undefined}
          // The symbol is printed in capitals in document numbers (01/NQ-TTCNL).
          onChange={(event) => set(key, key === 'symbol' ? event.target.value.toUpperCase() : event.target.value)}
        />
      )}
    </Field>
  );
  const [title, ...rest] = TEXT_FIELDS;

  return (
    <div className="form-grid">
      {title && text(title)}
      <Field label={t('meetingField.kind')}>
        {(id) => (
          <select
            id={id}
            className="text-input"
            data-testid="meeting-kind"
            value={value.kind}
            onChange={(event) => set('kind', event.target.value as MeetingKind)}
          >
            {MEETING_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`meetingKind.${kind}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('meetingField.startsAt')}>
        {(id) => (
          <input
            id={id}
            type="datetime-local"
            className="text-input"
            data-testid="meeting-startsAt"
            value={value.startsAt}
            required
            aria-invalid={invalidField === 'startsAt' || undefined}
            onChange={(event) => set('startsAt', event.target.value.slice(0, 16))}
          />
        )}
      </Field>
      {rest.map(text)}
    </div>
  );
}
