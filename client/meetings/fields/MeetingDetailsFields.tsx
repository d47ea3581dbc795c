import { MEETING_KINDS } from '../../../shared/meeting.ts';
import type { MessageKey } from '../../../shared/i18n.ts';
import { useI18n } from '../../i18n.tsx';
import { DateTimeField } from '../../ui/DateTimeField.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { TextField } from '../../ui/TextField.tsx';
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
    <TextField
      key={key}
      label={t(label)}
      hint={hint && t(hint)}
      testId={`meeting-${key}`}
      value={value[key]}
      required={required}
      invalid={invalidField === key}
      // The symbol is printed in capitals in document numbers (01/NQ-TTCNL).
      onChange={(next) => set(key, key === 'symbol' ? next.toUpperCase() : next)}
    />
  );
  const [title, ...rest] = TEXT_FIELDS;

  return (
    <div className="form-grid">
      {title && text(title)}
      <SelectField
        label={t('meetingField.kind')}
        value={value.kind}
        onChange={(kind) => set('kind', kind)}
        testId="meeting-kind"
        options={MEETING_KINDS.map((kind) => ({ value: kind, label: t(`meetingKind.${kind}`) }))}
      />
      <DateTimeField
        label={t('meetingField.startsAt')}
        testId="meeting-startsAt"
        value={value.startsAt}
        required
        invalid={invalidField === 'startsAt'}
        onChange={(next) => set('startsAt', next)}
      />
      {rest.map(text)}
    </div>
  );
}
