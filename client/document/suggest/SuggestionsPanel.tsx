import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import type { SuggestionDecisionRequest, SuggestionDecisionView } from '../../../shared/api.ts';
import { caretColor } from '../../../shared/presence.ts';
import { listSuggestions, type Suggestion } from '../../../shared/suggestions.ts';
import { api, apiPath } from '../../api/http.ts';
import { useCommand } from '../../api/useCommand.ts';
import { useI18n } from '../../i18n.tsx';
import { ErrorText } from '../../ui/ErrorText.tsx';
import { formatInstantCompact } from '../../ui/when.ts';
import './suggestions.css';

/** The document's suggestions, read from its Y.Doc again a moment after each change (a burst of typing reads once). */
function useSuggestions(ydoc: Y.Doc): Suggestion[] {
  const [list, setList] = useState(() => listSuggestions(ydoc));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const onUpdate = () => {
      timer ??= setTimeout(() => {
        timer = null;
        setList(listSuggestions(ydoc));
      }, 150);
    };
    ydoc.on('update', onUpdate);
    return () => {
      ydoc.off('update', onUpdate);
      if (timer) clearTimeout(timer);
    };
  }, [ydoc]);
  return list;
}

interface Props {
  ydoc: Y.Doc;
  documentId: string;
  userId: string;
  /** Accept and reject anyone's (chair, secretary); otherwise only one's own may be withdrawn. */
  canDecide: boolean;
  /** The text takes no change now (locked, read-only): the list is shown without buttons. */
  readOnly: boolean;
}

/** "Đề xuất sửa đổi": each suggestion with its author, time, article, old and new text, and what one may do with it. */
export function SuggestionsPanel({ ydoc, documentId, userId, canDecide, readOnly }: Props) {
  const { t } = useI18n();
  const list = useSuggestions(ydoc);
  const command = useCommand();
  const decide = (verdict: 'accept' | 'reject' | 'withdraw', body: SuggestionDecisionRequest) =>
    void command.run(() => api.post<SuggestionDecisionView>(apiPath`/api/documents/${documentId}/suggestions/${verdict}`, body));

  const authors = [...new Map(list.map((s) => [s.by, s.name])).entries()];
  const articles = [...new Set(list.map((s) => s.article).filter((a): a is number => a !== null))].sort((a, b) => a - b);
  const buttons = !readOnly;

  return (
    <section className="suggestions" aria-labelledby="suggestions-heading" data-testid="suggestions">
      <h2 id="suggestions-heading" className="side-heading">
        {t('suggestions.heading', { count: list.length })}
      </h2>
      {list.length === 0 && <p className="muted suggestions-empty">{t('suggestions.empty')}</p>}
      <ErrorText error={command.error} />
      <ul className="suggestion-list">
        {list.map((s) => (
          <li key={s.id} className="suggestion-item" data-testid="suggestion" data-suggestion-id={s.id} style={{ borderColor: caretColor(s.by) }}>
            <div className="suggestion-meta">
              <span className="presence-dot" style={{ backgroundColor: caretColor(s.by) }} aria-hidden="true" />
              <span className="suggestion-author">{s.name}</span>
              <span className="suggestion-article">{s.article === null ? t('suggestions.noArticle') : t('suggestions.article', { number: s.article })}</span>
            </div>
            <time className="muted suggestion-time" dateTime={s.at}>
              {formatInstantCompact(s.at)}
            </time>
            {s.paragraphs > 0 && (
              <p className="suggestion-text suggestion-new-paragraph" data-testid="suggestion-paragraphs">
                {t('suggestions.paragraphs', { count: s.paragraphs })}
              </p>
            )}
            {s.deleted && (
              <p className="suggestion-text">
                <span className="muted">{t('suggestions.deleted')}: </span>
                <del data-testid="suggestion-deleted">{s.deleted}</del>
              </p>
            )}
            {s.inserted && (
              <p className="suggestion-text">
                <span className="muted">{t('suggestions.inserted')}: </span>
                <ins data-testid="suggestion-inserted">{s.inserted}</ins>
              </p>
            )}
            {buttons && (
              <div className="suggestion-actions">
                {canDecide && (
                  <>
                    <button type="button" className="primary-button suggestion-button" disabled={command.pending} data-testid="suggestion-accept" onClick={() => decide('accept', { ids: [s.id] })}>
                      {t('suggestions.accept')}
                    </button>
                    <button type="button" className="secondary-button suggestion-button" disabled={command.pending} data-testid="suggestion-reject" onClick={() => decide('reject', { ids: [s.id] })}>
                      {t('suggestions.reject')}
                    </button>
                  </>
                )}
                {s.by === userId && (
                  <button type="button" className="secondary-button suggestion-button" disabled={command.pending} data-testid="suggestion-withdraw" onClick={() => decide('withdraw', { ids: [s.id] })}>
                    {t('suggestions.withdraw')}
                  </button>
                )}
              </div>
            )}
          </li>
        ))}
      </ul>
      {buttons && canDecide && list.length > 1 && (
        <details className="suggestion-bulk">
          <summary>{t('suggestions.bulk')}</summary>
          <div className="suggestion-bulk-actions">
            {authors.map(([by, name]) => (
              <div key={by} className="suggestion-actions">
                <button type="button" className="primary-button suggestion-button" disabled={command.pending} onClick={() => decide('accept', { authorId: by })}>
                  {t('suggestions.acceptAuthor', { name })}
                </button>
                <button type="button" className="secondary-button suggestion-button" disabled={command.pending} onClick={() => decide('reject', { authorId: by })}>
                  {t('suggestions.rejectAuthor', { name })}
                </button>
              </div>
            ))}
            {articles.map((number) => (
              <div key={number} className="suggestion-actions">
                <button type="button" className="primary-button suggestion-button" disabled={command.pending} onClick={() => decide('accept', { article: number })}>
                  {t('suggestions.acceptArticle', { number })}
                </button>
                <button type="button" className="secondary-button suggestion-button" disabled={command.pending} onClick={() => decide('reject', { article: number })}>
                  {t('suggestions.rejectArticle', { number })}
                </button>
              </div>
            ))}
          </div>
        </details>
      )}
    </section>
  );
}
