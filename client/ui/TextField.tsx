import type { InputHTMLAttributes, ReactNode } from 'react';
import { Field } from './Field.tsx';

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange' | 'className'>;

interface Props extends InputProps {
  label: string;
  hint?: string | undefined;
  value: string;
  onChange(value: string): void;
  testId: string;
  /** The server refused this field: marked for the person (and a screen reader) to find (the form's own checks mark it too). */
  invalid?: boolean | undefined;
  /** A button beside the input (a password's "generate"), kept on its line while there is room. */
  beside?: ReactNode;
}

/** A labelled one-line text input: the field most forms are made of. */
export function TextField({ label, hint, value, onChange, testId, invalid, beside, ...input }: Props) {
  return (
    <Field label={label} hint={hint}>
      {(id, described) => {
        const element = (
          <input
            {...input}
            {...described}
            id={id}
            className="text-input"
            data-testid={testId}
            value={value}
            aria-invalid={invalid || described['aria-invalid']}
            onChange={(event) => onChange(event.target.value)}
          />
        );
        return beside ? (
          <div className="inline-field">
            {element}
            {beside}
          </div>
        ) : (
          element
        );
      }}
    </Field>
  );
}
