import { useId, type ReactNode } from 'react';
import { FieldMessage, useFieldError, type FieldErrorProps } from './Form.tsx';

interface Props {
  label: string;
  hint?: string | undefined;
  /**
   * Receives the id the input must carry so that the label names it, and the attributes that mark it invalid
   * and tie it to the form's message and the hint (client/ui/Form.tsx).
   */
  children(id: string, described: FieldErrorProps): ReactNode;
}

/** A label over its input (one column: it fits a phone and reads top to bottom on a laptop), the form's message for it, and a hint. */
export function Field({ label, hint, children }: Props) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const error = useFieldError(id, hintId);
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      {children(id, error.props)}
      <FieldMessage id={error.errorId} message={error.message} />
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
    </div>
  );
}
