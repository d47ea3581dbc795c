import { useLayoutEffect, useRef, useState } from 'react';
import { parseTypedDate, parseTypedTime } from '../../shared/date-input.ts';
import { formatClock, formatShortDate } from '../../shared/format.ts';
import { useI18n } from '../i18n.tsx';
import { Field } from './Field.tsx';
import { dateIssueText, timeIssueText } from './validity.ts';

interface Props {
  label: string;
  /** `YYYY-MM-DDTHH:mm`, the hall's wall clock, as the API has it. */
  value: string;
  onChange(value: string): void;
  /** The inputs' test ids: `<testId>-date`, `<testId>-time`. */
  testId: string;
  required?: boolean;
  /** The server refused the value: both inputs are marked. */
  invalid?: boolean | undefined;
}

interface Typed {
  date: string;
  time: string;
}

function shown(value: string): Typed {
  try {
    return { date: formatShortDate(value), time: formatClock(value) };
  } catch {
    return { date: '', time: '' };
  }
}

function read(typed: Typed): string | null {
  const date = parseTypedDate(typed.date);
  const time = parseTypedTime(typed.time);
  return date.ok && time.ok ? `${date.value}T${time.value}` : null;
}

/**
 * A date typed day first (dd/mm/yyyy) and a time on the 24-hour clock, as two text inputs. The browser's
 * `datetime-local` picker follows the browser's locale (mm/dd/yyyy and AM/PM in an English one), which
 * misleads a hall where 05/01 is the fifth of January. Leading zeros are optional as one types and are put
 * back when the field is left ("5/1/2025" → "05/01/2025", "8h" → "08:00"). What cannot be read is refused by
 * the form with the reason (the inputs' custom validity, see Form.tsx); `onChange` gets only values that can.
 */
export function DateTimeField({ label, value, onChange, testId, required = false, invalid }: Props) {
  const { t } = useI18n();
  const [typed, setTyped] = useState(() => shown(value));
  // A new value from outside (the server's answer after a save) replaces the text, unless it is what is typed.
  const [lastValue, setLastValue] = useState(value);
  if (value !== lastValue) {
    setLastValue(value);
    if (read(typed) !== value) setTyped(shown(value));
  }
  const dateRef = useRef<HTMLInputElement>(null);
  const timeRef = useRef<HTMLInputElement>(null);

  const date = parseTypedDate(typed.date);
  const time = parseTypedTime(typed.time);
  // An empty input is `required`'s to report, with the same words as every other field.
  const dateIssue = typed.date.trim() === '' || date.ok ? '' : dateIssueText(date.issue, t);
  const timeIssue = typed.time.trim() === '' || time.ok ? '' : timeIssueText(time.issue, t);
  useLayoutEffect(() => {
    dateRef.current?.setCustomValidity(dateIssue);
    timeRef.current?.setCustomValidity(timeIssue);
  }, [dateIssue, timeIssue]);

  const change = (next: Typed) => {
    setTyped(next);
    const iso = read(next);
    if (iso !== null && iso !== value) onChange(iso);
  };
  const tidy = () => {
    if (date.ok && time.ok) setTyped(shown(`${date.value}T${time.value}`));
    else if (date.ok) setTyped({ ...typed, date: formatShortDate(date.value) });
    else if (time.ok) setTyped({ ...typed, time: time.value });
  };

  return (
    <fieldset className="plain-fieldset">
      <legend className="field-label">{label}</legend>
      <div className="date-time-fields">
        <Field label={t('dateField.date')} hint={t('dateField.dateHint')}>
          {(id, described) => (
            <input
              {...described}
              ref={dateRef}
              id={id}
              className="text-input"
              data-testid={`${testId}-date`}
              value={typed.date}
              placeholder={t('dateField.datePlaceholder')}
              autoComplete="off"
              spellCheck={false}
              required={required}
              aria-invalid={invalid || described['aria-invalid']}
              onChange={(event) => change({ ...typed, date: event.target.value })}
              onBlur={tidy}
            />
          )}
        </Field>
        <Field label={t('dateField.time')} hint={t('dateField.timeHint')}>
          {(id, described) => (
            <input
              {...described}
              ref={timeRef}
              id={id}
              className="text-input"
              data-testid={`${testId}-time`}
              value={typed.time}
              placeholder={t('dateField.timePlaceholder')}
              autoComplete="off"
              spellCheck={false}
              required={required}
              aria-invalid={invalid || described['aria-invalid']}
              onChange={(event) => change({ ...typed, time: event.target.value })}
              onBlur={tidy}
            />
          )}
        </Field>
      </div>
    </fieldset>
  );
}
