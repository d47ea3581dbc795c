import { useState, type FormEvent } from 'react';
import { COMMENT_LIMITS, type CommentThreadView, type CommentView } from '../../shared/comments.ts';
import { api, apiPath } from '../api/http.ts';
import { useCommand } from '../api/useCommand.ts';
import { useI18n } from '../i18n.tsx';
import { ConfirmBox } from '../ui/ConfirmBox.tsx';
import { ErrorText } from '../ui/ErrorText.tsx';
import { Form } from '../ui/Form.tsx';
import { formatInstant } from '../ui/when.ts';

interface Props {
  thread: CommentThreadView;
  /** Its text was deleted: shown with the words it was on, marked. */
  detached: boolean;
  active: boolean;
  myUserId: string;
  canComment: boolean;
  canModerate: boolean;
  onSelect(): void;
  /** The thread as the server answered a change to it (null: it went). */
  onChanged(thread: CommentThreadView | null): void;
}

/** One thread: what it is on, its comments, a reply, and resolve or reopen. Comment text is shown as text, never HTML. */
export function CommentThread({ thread, detached, active, myUserId, canComment, canModerate, onSelect, onChanged }: Props) {
  const { t } = useI18n();
  const [reply, setReply] = useState('');
  const command = useCommand();
  const resolved = thread.status === 'resolved';

  const sendReply = async (event: FormEvent) => {
    event.preventDefault();
    const done = await command.run(() => api.post<CommentThreadView>(apiPath`/api/comment-threads/${thread.id}/replies`, { body: reply }));
    if (done) {
      setReply('');
      onChanged(done);
    }
  };
  const setStatus = async (status: 'open' | 'resolved') => {
    const done = await command.run(() => api.put<CommentThreadView>(apiPath`/api/comment-threads/${thread.id}/status`, { status }));
    if (done) onChanged(done);
  };

  return (
    <li
      className="comment-thread"
      data-testid="comment-thread"
      data-thread-id={thread.id}
      data-status={thread.status}
      data-detached={detached}
      data-active={active}
    >
      <button type="button" className="comment-quote" data-testid="comment-quote" onClick={onSelect} aria-pressed={active}>
        {detached && (
          <span className="comment-detached" data-testid="comment-detached">
            {t('comments.detached')}
          </span>
        )}
        <span className="comment-quote-text">“{thread.quote}”</span>
      </button>
      <ol className="comment-items">
        {thread.comments.map((comment) => (
          <CommentItem
            key={comment.id}
            comment={comment}
            mine={comment.author.id === myUserId}
            canComment={canComment}
            canModerate={canModerate}
            onChanged={onChanged}
          />
        ))}
      </ol>
      {resolved && thread.resolvedBy && (
        <p className="muted small" data-testid="comment-resolved-by">
          {t('comments.resolvedBy', { name: thread.resolvedBy.fullName })}
        </p>
      )}
      {canComment && !resolved && (
        <Form className="comment-form" onSubmit={sendReply}>
          <textarea
            data-testid="comment-reply-body"
            value={reply}
            maxLength={COMMENT_LIMITS.body}
            rows={reply === '' ? 1 : 3}
            placeholder={t('comments.reply')}
            aria-label={t('comments.replyLabel')}
            onChange={(e) => setReply(e.target.value)}
          />
          {reply.trim() !== '' && (
            <button type="submit" className="primary-button" data-testid="comment-reply-send" disabled={command.pending}>
              {t('comments.send')}
            </button>
          )}
        </Form>
      )}
      <ErrorText error={command.error} />
      {canComment && (
        <div className="comment-thread-actions">
          <button
            type="button"
            className="secondary-button"
            data-testid={resolved ? 'comment-reopen' : 'comment-resolve'}
            disabled={command.pending}
            onClick={() => void setStatus(resolved ? 'open' : 'resolved')}
          >
            {resolved ? t('comments.reopen') : t('comments.resolve')}
          </button>
        </div>
      )}
    </li>
  );
}

function CommentItem({
  comment,
  mine,
  canComment,
  canModerate,
  onChanged,
}: {
  comment: CommentView;
  mine: boolean;
  canComment: boolean;
  canModerate: boolean;
  onChanged(thread: CommentThreadView | null): void;
}) {
  const { t, lang } = useI18n();
  const [editing, setEditing] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);
  const command = useCommand();
  if (comment.deleted) {
    return (
      <li className="comment-item comment-deleted" data-testid="comment-item">
        <p className="muted small">{t('comments.deleted')}</p>
      </li>
    );
  }
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const done = await command.run(() => api.patch<CommentThreadView>(apiPath`/api/comments/${comment.id}`, { body: editing }));
    if (done) {
      setEditing(null);
      onChanged(done);
    }
  };
  const remove = async () => {
    const done = await command.run(() => api.delete<{ thread: CommentThreadView | null }>(apiPath`/api/comments/${comment.id}`));
    if (done) {
      setDeleting(false);
      onChanged(done.thread);
    }
  };
  return (
    <li className="comment-item" data-testid="comment-item">
      <p className="comment-meta">
        <strong className="comment-author">{comment.author.fullName}</strong>{' '}
        <span className="muted small">
          {formatInstant(comment.createdAt, lang)}
          {comment.editedAt && ` ${t('comments.edited')}`}
        </span>
      </p>
      {editing === null ? (
        <p className="comment-body" data-testid="comment-body-text">
          {comment.body}
        </p>
      ) : (
        <Form className="comment-form" onSubmit={save}>
          <textarea
            value={editing}
            maxLength={COMMENT_LIMITS.body}
            rows={3}
            aria-label={t('comments.bodyLabel')}
            onChange={(e) => setEditing(e.target.value)}
          />
          <div className="comment-form-actions">
            <button type="submit" className="primary-button" disabled={command.pending || editing.trim() === ''}>
              {t('comments.save')}
            </button>
            <button type="button" className="secondary-button" onClick={() => setEditing(null)}>
              {t('comments.cancel')}
            </button>
          </div>
        </Form>
      )}
      {editing === null && !deleting && ((mine && canComment) || canModerate) && (
        <div className="comment-item-actions">
          {mine && canComment && (
            <button type="button" className="link-button" onClick={() => setEditing(comment.body)}>
              {t('comments.edit')}
            </button>
          )}
          <button type="button" className="link-button" data-testid="comment-delete" onClick={() => setDeleting(true)}>
            {t('comments.delete')}
          </button>
        </div>
      )}
      {deleting && (
        <ConfirmBox
          action="comment-delete"
          danger
          confirmLabel={t('comments.delete')}
          pending={command.pending}
          error={command.error}
          onConfirm={() => void remove()}
          onCancel={() => setDeleting(false)}
        >
          {t('comments.deleteQuestion')}
        </ConfirmBox>
      )}
      {editing !== null && <ErrorText error={command.error} />}
    </li>
  );
}
