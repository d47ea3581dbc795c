import { useId, useState } from 'react';
import type { DocumentDetail } from '../../shared/api.ts';
import { api, apiPath } from '../api/http.ts';
import { useCommand } from '../api/useCommand.ts';
import { useI18n } from '../i18n.tsx';
import { ConfirmBox } from '../ui/ConfirmBox.tsx';
import { ErrorText } from '../ui/ErrorText.tsx';
import type { FinalisationOffer } from './rules.ts';

interface Props {
  documentId: string;
  title: string;
  offer: FinalisationOffer;
  /** The server's answer: the document as it now stands (the live list follows a moment later). */
  onChanged(detail: DocumentDetail): void;
}

/**
 * The next step of finalisation for the caller: the secretary submits the text (or withdraws it), a chair
 * confirms or declines. Confirming cannot be undone, so it asks first and says so.
 */
export function FinalisationActions({ documentId, title, offer, onChanged }: Props) {
  const { t } = useI18n();
  const command = useCommand();
  const [confirming, setConfirming] = useState(false);
  const hintId = useId();
  const path = apiPath`/api/documents/${documentId}/finalisation`;

  const run = async (action: () => Promise<DocumentDetail | undefined>) => {
    // Wrapped, so that success is told apart from a failure even if an answer ever comes back empty.
    const done = await command.run(async () => ({ detail: await action() }));
    if (!done) return;
    setConfirming(false);
    if (done.detail) onChanged(done.detail);
  };
  const request = () => void run(() => api.post<DocumentDetail>(path));
  const confirm = () => void run(() => api.post<DocumentDetail>(`${path}/confirm`));
  // Declining and withdrawing are the same request; the server tells them apart by who asks.
  const cancel = () => void run(() => api.delete<DocumentDetail>(path));

  const { request: requestOffer } = offer;
  if (!requestOffer && !offer.confirm && !offer.decline && !offer.withdraw) return null;
  return (
    <div className="finalisation-actions">
      <div className="form-actions">
        {requestOffer && (
          <button
            type="button"
            className="primary-button"
            data-testid="finalise-request"
            disabled={!requestOffer.allowed || command.pending}
            aria-describedby={hintId}
            onClick={request}
          >
            {t('finalise.request')}
          </button>
        )}
        {offer.confirm && (
          <button
            type="button"
            className="primary-button"
            data-testid="finalise-confirm"
            disabled={command.pending || confirming}
            onClick={() => {
              command.clearError();
              setConfirming(true);
            }}
          >
            {t('finalise.confirm')}
          </button>
        )}
        {offer.decline && (
          <button type="button" className="danger-button" data-testid="finalise-decline" disabled={command.pending} onClick={cancel}>
            {t('finalise.decline')}
          </button>
        )}
        {offer.withdraw && (
          <button type="button" className="secondary-button" data-testid="finalise-withdraw" disabled={command.pending} onClick={cancel}>
            {t('finalise.withdraw')}
          </button>
        )}
      </div>
      {requestOffer && (
        <p id={hintId} className="field-hint" data-testid="finalise-request-hint">
          {t(requestOffer.allowed ? 'finalise.requestHint' : requestOffer.reason)}
        </p>
      )}
      {confirming ? (
        <ConfirmBox
          action="finalise-confirm"
          confirmLabel={t('finalise.confirm')}
          pending={command.pending}
          error={command.error}
          onConfirm={confirm}
          onCancel={() => setConfirming(false)}
        >
          {t('finalise.confirmQuestion', { title })}
        </ConfirmBox>
      ) : (
        <ErrorText error={command.error} testId="finalisation-error" />
      )}
    </div>
  );
}
