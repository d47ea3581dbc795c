import type { Command } from '../api/useCommand.ts';
import { useI18n } from '../i18n.tsx';
import { ErrorText } from './ErrorText.tsx';

interface Props {
  /** The form's submit: its button is disabled while it runs, and the server's refusal is shown above it. */
  command: Command;
  submitLabel: string;
  submitTestId: string;
  /** With it, a second button that leaves the form (labelled "Cancel" unless told otherwise). */
  onCancel?: () => void;
  cancelLabel?: string;
  /** Said once the submit succeeded ("Saved."), until the form is edited again (`command.edit`). */
  done?: { text: string; testId: string };
}

/** The end of every form: the server's error, the submit button, and optionally cancel and a "done" note. */
export function FormFooter({ command, submitLabel, submitTestId, onCancel, cancelLabel, done }: Props) {
  const { t } = useI18n();
  return (
    <>
      <ErrorText error={command.error} />
      <div className="form-actions">
        <button type="submit" className="primary-button" data-testid={submitTestId} disabled={command.pending}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="secondary-button" onClick={onCancel}>
            {cancelLabel ?? t('common.cancel')}
          </button>
        )}
        {done && command.done && (
          <span className="saved-note" role="status" data-testid={done.testId}>
            {done.text}
          </span>
        )}
      </div>
    </>
  );
}
