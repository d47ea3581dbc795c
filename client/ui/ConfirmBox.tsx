import { useEffect, useRef, type ReactNode } from 'react';
import type { ApiRequestError } from '../api/http.ts';
import { useI18n } from '../i18n.tsx';
import { ErrorText } from './ErrorText.tsx';

interface Props {
  /** The question, saying what will happen (and whether it can be undone). */
  children: ReactNode;
  confirmLabel: string;
  /** A step that cannot be undone is drawn as a danger. */
  danger?: boolean;
  pending: boolean;
  error: ApiRequestError | null;
  onConfirm(): void;
  onCancel(): void;
  /** Says which step this box confirms, for tests and styles. */
  action: string;
  /** The confirming button's test id, `confirm-ok` unless a test names it. */
  confirmTestId?: string;
}

/**
 * An inline confirmation under the button that asked for it (the house style: closing a meeting uses it too):
 * it stays in the flow of the page, works the same on a phone, and keeps the server's refusal beside the
 * question. Focus moves to Cancel so that a stray Enter does not confirm; Escape cancels.
 */
export function ConfirmBox({
  children,
  confirmLabel,
  danger = false,
  pending,
  error,
  onConfirm,
  onCancel,
  action,
  confirmTestId = 'confirm-ok',
}: Props) {
  const { t } = useI18n();
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div
      className="confirm"
      role="alertdialog"
      aria-modal="false"
      data-testid="confirm-box"
      data-action={action}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      <p>{children}</p>
      <div className="form-actions">
        <button
          type="button"
          className={danger ? 'danger-button' : 'primary-button'}
          data-testid={confirmTestId}
          disabled={pending}
          onClick={onConfirm}
        >
          {confirmLabel}
        </button>
        <button ref={cancel} type="button" className="secondary-button" data-testid="confirm-cancel" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
      <ErrorText error={error} />
    </div>
  );
}
