import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Editor } from '@tiptap/core';
import { COMMENT_LIMITS, type CommentAnchor, type CommentThreadView } from '../../shared/comments.ts';
import { api, apiPath } from '../api/http.ts';
import { useCommand } from '../api/useCommand.ts';
import { commentsDocxPath } from '../finalisation/exportPaths.ts';
import { useI18n } from '../i18n.tsx';
import { ErrorText } from '../ui/ErrorText.tsx';
import { Form } from '../ui/Form.tsx';
import { anchorOfSelection, rangeOfAnchor } from './anchor.ts';
import { CommentThread } from './CommentThread.tsx';
import { selectionRange } from './selection.ts';
import { useCommentThreads } from './useCommentThreads.ts';

interface Props {
  documentId: string;
  editor: Editor | null;
  /** The revision of the document's comments in the meeting's live state: fetched again when it moves. */
  revision: number;
  myUserId: string;
  /** May comment (members; observers when the meeting allows it). */
  canComment: boolean;
  /** May delete anyone's comment (chair, secretary). */
  canModerate: boolean;
  /** The sheet is open (phones and narrow screens; the margin beside the page is always there on a laptop). */
  open: boolean;
  onClose(): void;
  /** A thread was chosen in the text: the sheet opens to show it. */
  onShow(): void;
}

/**
 * The comments of a document: in the margin beside the A4 page on a laptop, in a sheet from the bottom on a phone
 * (the CSS decides, with `data-open`). Threads are in the order of their text; those whose text was deleted come
 * last, marked as such. Selecting a thread selects its text, and a click on highlighted text selects its thread.
 */
export function CommentsPanel({ documentId, editor, revision, myUserId, canComment, canModerate, open, onClose, onShow }: Props) {
  const { t } = useI18n();
  const [showResolved, setShowResolved] = useState(false);
  const { threads, loaded, error, took, ranges, active, setActive, clicked } = useCommentThreads(documentId, revision, editor, showResolved);
  const [draft, setDraft] = useState<{ anchor: CommentAnchor; quote: string } | null>(null);
  const [hint, setHint] = useState(false);
  const list = useRef<HTMLOListElement>(null);

  // A click on highlighted text: its thread is shown (the sheet opens on a phone) and scrolled to.
  useEffect(() => {
    if (!clicked) return;
    onShow();
    // Within the margin or the sheet only: scrolling the page would take the clicked text out of view.
    const card = list.current?.querySelector(`[data-thread-id="${CSS.escape(clicked.id)}"]`);
    const panel = list.current?.closest('.comments-panel');
    if (!card || !panel) return;
    const at = card.getBoundingClientRect();
    const box = panel.getBoundingClientRect();
    if (at.top < box.top || at.bottom > box.bottom) panel.scrollTop += at.top - box.top - 8;
  }, [clicked, onShow]);

  const rangeOf = (thread: CommentThreadView) => ranges.get(thread.id) ?? (editor ? rangeOfAnchor(editor.state, thread.anchor) : null);
  const placed = threads.map((thread) => ({ thread, range: rangeOf(thread) }));
  placed.sort((a, b) => (a.range?.from ?? Infinity) - (b.range?.from ?? Infinity));
  const resolved = placed.filter((p) => p.thread.status === 'resolved');
  const visible = placed.filter((p) => p.thread.status === 'open' || showResolved);

  const startComment = () => {
    if (!editor) return;
    const range = selectionRange(editor);
    const made = range && anchorOfSelection(editor.state, range.from, range.to);
    setHint(!made);
    if (made) setDraft(made);
  };

  const select = (thread: CommentThreadView) => {
    setActive(thread.id);
    const range = rangeOf(thread);
    if (!editor || !range) return;
    editor.chain().setTextSelection(range).scrollIntoView().run();
  };

  return (
    <section
      className="comments-panel"
      data-testid="comments-panel"
      data-open={open}
      aria-labelledby={`comments-heading-${documentId}`}
    >
      <div className="comments-head">
        <h2 className="side-heading" id={`comments-heading-${documentId}`}>
          {t('comments.heading')} <span className="comments-count" data-testid="comments-open-count">{placed.length - resolved.length}</span>
        </h2>
        <button type="button" className="link-button comments-close" data-testid="comments-close" onClick={onClose}>
          {t('comments.close')}
        </button>
      </div>
      {canComment ? (
        <button
          type="button"
          className="secondary-button comments-add"
          data-testid="comment-add"
          disabled={!editor}
          // The editor keeps its selection: the button does not take the focus from it.
          onMouseDown={(event) => event.preventDefault()}
          onClick={startComment}
        >
          {t('comments.add')}
        </button>
      ) : (
        <p className="muted small" data-testid="comments-cannot">
          {t('comments.cannotComment')}
        </p>
      )}
      {hint && !draft && <p className="muted small">{t('comments.selectFirst')}</p>}
      {draft && (
        <NewThread
          documentId={documentId}
          draft={draft}
          onDone={(thread) => {
            setDraft(null);
            if (thread) {
              took(thread.id, thread);
              setActive(thread.id);
            }
          }}
        />
      )}
      <ErrorText error={error} />
      {placed.length === 0 && loaded && <p className="muted small">{t('comments.none')}</p>}
      <ol className="comment-threads" ref={list}>
        {visible.map(({ thread, range }) => (
          <CommentThread
            key={thread.id}
            thread={thread}
            detached={range === null && editor !== null}
            active={thread.id === active}
            myUserId={myUserId}
            canComment={canComment}
            canModerate={canModerate}
            onSelect={() => select(thread)}
            onChanged={(next) => took(thread.id, next)}
          />
        ))}
      </ol>
      {resolved.length > 0 && (
        <button type="button" className="link-button" data-testid="comments-show-resolved" onClick={() => setShowResolved((s) => !s)}>
          {showResolved ? t('comments.hideResolved') : t('comments.showResolved', { count: resolved.length })}
        </button>
      )}
      <a className="comments-export" href={commentsDocxPath(documentId)} download title={t('comments.exportDocxHint')}>
        {t('comments.exportDocx')}
      </a>
    </section>
  );
}

function NewThread({
  documentId,
  draft,
  onDone,
}: {
  documentId: string;
  draft: { anchor: CommentAnchor; quote: string };
  onDone(thread: CommentThreadView | null): void;
}) {
  const { t } = useI18n();
  const [body, setBody] = useState('');
  const command = useCommand();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const thread = await command.run(() =>
      api.post<CommentThreadView>(apiPath`/api/documents/${documentId}/comments`, { anchor: draft.anchor, quote: draft.quote, body }),
    );
    if (thread) onDone(thread);
  };
  const shortQuote = [...draft.quote].length > 80 ? `${[...draft.quote].slice(0, 79).join('')}…` : draft.quote;
  return (
    <Form className="comment-form" data-testid="comment-new" onSubmit={submit}>
      <label className="comment-form-label">
        <span className="small">{t('comments.newOn', { quote: shortQuote })}</span>
        <textarea
          data-testid="comment-body"
          value={body}
          maxLength={COMMENT_LIMITS.body}
          rows={3}
          required
          autoFocus
          aria-label={t('comments.bodyLabel')}
          onChange={(e) => setBody(e.target.value)}
        />
      </label>
      <ErrorText error={command.error} />
      <div className="comment-form-actions">
        <button type="submit" className="primary-button" data-testid="comment-send" disabled={command.pending || body.trim() === ''}>
          {t('comments.send')}
        </button>
        <button type="button" className="secondary-button" onClick={() => onDone(null)}>
          {t('comments.cancel')}
        </button>
      </div>
    </Form>
  );
}
