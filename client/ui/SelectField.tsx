import { Field } from './Field.tsx';

interface Props<T extends string> {
  label: string;
  hint?: string | undefined;
  value: T;
  onChange(value: T): void;
  options: readonly { value: T; label: string }[];
  testId: string;
}

/** A labelled choice among a few options, each shown in the interface language. */
export function SelectField<T extends string>({ label, hint, value, onChange, options, testId }: Props<T>) {
  return (
    <Field label={label} hint={hint}>
      {(id, described) => (
        <select
          {...described}
          id={id}
          className="text-input"
          data-testid={testId}
          value={value}
          // Only the options' own values can be chosen.
          onChange={(event) => onChange(event.target.value as T)}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
