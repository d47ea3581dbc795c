import { useId, useState } from 'react';
import type { Editor } from '@tiptap/core';
import type { DocumentDetail } from '../../shared/api.ts';
import { findPlaceholders, type Placeholder } from '../../shared/editor/placeholders.ts';
import type { MeetingFactTexts } from '../../shared/meeting-facts.ts';
import { api, apiPath, ApiRequestError } from '../api/http.ts';
import { useCommand } from '../api/useCommand.ts';
import { useI18n } from '../i18n.tsx';
import { ConfirmBox } from '../ui/ConfirmBox.tsx';
import { ErrorText } from '../ui/ErrorText.tsx';
import { PlaceholderReview } from './PlaceholderReview.tsx';
import type { FinalisationOffer } from './rules.ts';
import { usePlaceholders } from './usePlaceholders.ts';

interface Props {
  documentId: string;
  title: string;
  offer: FinalisationOffer;
  /** The server's answer: the document as it now stands (the live list follows a moment later). */
  onChanged(detail: DocumentDetail): void;
  /** The editor showing the text, to list its placeholders and take the secretary to each; null while none is. */
  editor: Editor | null;
  /** The meeting's facts, which the request writes into the text (so a fact known now is no placeholder). */
  facts: MeetingFactTexts | null;
}

/**
 * The next step of finalisation for the caller: the secretary submits the text (or withdraws it), a chair
 * confirms or declines. Confirming cannot be undone, so it asks first and says so.
 */
export function FinalisationActions({ documentId, title, offer, onChanged, editor, facts }: Props) {
  const { t } = useI18n();
  const command = useCommand();
  const [confirming, setConfirming] = useState(false);
  // Submitting: the placeholders are listed first, each to be filled or ticked as blank on purpose.
  const [reviewing, setReviewing] = useState(false);
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set());
  const [refusedList, setRefusedList] = useState<readonly Placeholder[]>([]);
  const [listChanged, setListChanged] = useState(false);
  const live = usePlaceholders(reviewing ? editor : null, facts);
  // The editor's list, and any the server named that this device has not seen yet (it may lag behind).
  const placeholders = [...live, ...refusedList.filter((p) => !live.some((l) => l.id === p.id))];
  const unticked = placeholders.filter((p) => !ticked.has(p.id)).length;
  const hintId = useId();
  const path = apiPath`/api/documents/${documentId}/finalisation`;

  const run = async (action: () => Promise<DocumentDetail | undefined>) => {
    // Wrapped, so that success is told apart from a failure even if an answer ever comes back empty.
    const done = await command.run(async () => ({ detail: await action() }));
    if (!done) return;
    setConfirming(false);
    if (done.detail) onChanged(done.detail);
  };
  const submit = async (confirmPlaceholders: string[]) => {
    const done = await command.run(async () => {
      try {
        return { detail: await api.post<DocumentDetail>(path, { confirmPlaceholders }) };
      } catch (failure) {
        // Not a failure to show: the list to go through, the server's own (newer than this device's, maybe).
        if (failure instanceof ApiRequestError && failure.code === 'placeholders_remain') {
          setRefusedList(failure.body.details?.placeholders ?? []);
          setListChanged(reviewing);
          setReviewing(true);
          return { detail: undefined };
        }
        throw failure;
      }
    });
    if (!done?.detail) return;
    setReviewing(false);
    onChanged(done.detail);
  };
  const request = () => {
    command.clearError();
    // Gaps listed first; a text with none goes at once (the server checks again either way).
    if (editor && findPlaceholders(editor.state.doc, facts).length > 0) setReviewing(true);
    else void submit([]);
  };
  const sendReviewed = () => void submit(placeholders.filter((p) => ticked.has(p.id)).map((p) => p.id));
  const tick = (id: string, on: boolean) =>
    setTicked((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
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
            disabled={!requestOffer.allowed || command.pending || reviewing}
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
      {requestOffer?.allowed && reviewing && (
        <>
          <PlaceholderReview placeholders={placeholders} ticked={ticked} onTick={tick} editor={editor} changed={listChanged} />
          <div className="form-actions">
            <button
              type="button"
              className="primary-button"
              data-testid="placeholders-send"
              disabled={unticked > 0 || command.pending}
              onClick={sendReviewed}
            >
              {t('placeholders.send')}
            </button>
            <button type="button" className="secondary-button" data-testid="placeholders-back" onClick={() => setReviewing(false)}>
              {t('placeholders.back')}
            </button>
          </div>
          {unticked > 0 && (
            <p className="field-hint" data-testid="placeholders-remaining">
              {t('placeholders.remaining', { count: unticked })}
            </p>
          )}
        </>
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
