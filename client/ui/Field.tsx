import { useId, type ReactNode } from 'react';

interface Props {
  label: string;
  hint?: string;
  /** Receives the id the input must carry so that the label names it. */
  children(id: string): ReactNode;
}

/** A label over its input (one column: it fits a phone and reads top to bottom on a laptop). */
export function Field({ label, hint, children }: Props) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      {children(id)}
      {hint && <p className="field-hint">{hint}</p>}
    </div>
  );
}
