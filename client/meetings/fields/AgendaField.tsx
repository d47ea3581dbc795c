import { useI18n } from '../../i18n.tsx';
import { Field } from '../../ui/Field.tsx';

interface Props {
  /** The textarea's text, one item a line (see agendaFromText). */
  value: string;
  onChange(value: string): void;
}

export function AgendaField({ value, onChange }: Props) {
  const { t } = useI18n();
  return (
    <Field label={t('meetingField.agenda')} hint={t('meetingField.agendaHint')}>
      {(id, described) => (
        <textarea
          {...described}
          id={id}
          className="text-input agenda-input"
          data-testid="meeting-agenda"
          rows={6}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}
