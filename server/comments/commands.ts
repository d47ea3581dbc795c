/**
 * The commands on comments. Each checks the state it depends on, writes in one unit of work with its audit entry
 * (which names the thread and the comment, never the words: an author may delete what they wrote), and has the
 * document's comment state published once it has committed. The route has authorized the caller to comment in the
 * meeting (or to moderate) before.
 *
 * Comments are not edits: a document frozen for a vote, adopted or final still takes them (K5).
 */
import * as Y from 'yjs';
import { COMMENT_LIMITS, type CommentAnchor, type CommentThreadView, type ThreadStatus } from '../../shared/comments.ts';
import type { DocumentView } from '../../shared/api.ts';
import type { Actor } from '../accounts/users.ts';
import { AppError, fail } from '../errors.ts';
import { emit } from '../events.ts';
import type { Services } from '../services.ts';

/** Refuses an anchor part that is not an encoded relative position of at most `COMMENT_LIMITS.anchorBytes` bytes. */
function checkAnchorPart(value: string, field: string): void {
  const bytes = Buffer.from(value, 'base64');
  const invalid = (why: { vi: string; en: string }) => new AppError('invalid_request', field, why);
  if (bytes.byteLength === 0 || bytes.byteLength > COMMENT_LIMITS.anchorBytes) {
    throw invalid({
      vi: `Vị trí bình luận không hợp lệ ở trường “${field}”: tối đa ${COMMENT_LIMITS.anchorBytes} byte.`,
      en: `Invalid comment position in ${field}: at most ${COMMENT_LIMITS.anchorBytes} bytes.`,
    });
  }
  try {
    Y.decodeRelativePosition(bytes);
  } catch {
    throw invalid({
      vi: `Vị trí bình luận không hợp lệ ở trường “${field}”.`,
      en: `Invalid comment position in ${field}.`,
    });
  }
}

export function checkAnchor(anchor: CommentAnchor): void {
  checkAnchorPart(anchor.start, 'anchor.start');
  checkAnchorPart(anchor.end, 'anchor.end');
}

async function viewOf(s: Services, threadId: string): Promise<CommentThreadView> {
  return (await s.comments.view(threadId)) ?? fail('not_found');
}

export async function addThread(
  s: Services,
  actor: Actor,
  doc: DocumentView,
  input: { anchor: CommentAnchor; quote: string; body: string },
): Promise<CommentThreadView> {
  checkAnchor(input.anchor);
  const threadId = await s.uow.run(async (tx) => {
    if (!(await tx.comments.lockDocument(doc.id))) fail('not_found');
    if ((await tx.comments.countThreads(doc.id)) >= COMMENT_LIMITS.threadsPerDocument) fail('comment_limit');
    if ((await tx.comments.countCommentsInDocument(doc.id)) >= COMMENT_LIMITS.commentsPerDocument) fail('comment_limit');
    const { threadId, commentId } = await tx.comments.insertThread({
      documentId: doc.id,
      anchorStart: input.anchor.start,
      anchorEnd: input.anchor.end,
      quote: input.quote,
      body: input.body,
      createdBy: actor.id,
    });
    await tx.audit.append({
      actorId: actor.id,
      meetingId: doc.meetingId,
      action: 'comment.thread_created',
      payload: { threadId, commentId, documentId: doc.id },
    });
    emit(tx, { type: 'comments.changed', meetingId: doc.meetingId, documentId: doc.id });
    return threadId;
  });
  return viewOf(s, threadId);
}

export async function replyToThread(s: Services, actor: Actor, doc: DocumentView, threadId: string, body: string): Promise<CommentThreadView> {
  await s.uow.run(async (tx) => {
    // The document's row first, then the thread's (the order every unit that takes both follows).
    if (!(await tx.comments.lockDocument(doc.id))) fail('not_found');
    const thread = await tx.comments.lockThread(threadId);
    if (!thread || thread.documentId !== doc.id || thread.status === 'deleted') fail('not_found');
    if (thread.status !== 'open') fail('comment_not_open');
    if ((await tx.comments.countComments(threadId)) >= COMMENT_LIMITS.commentsPerThread) fail('comment_limit');
    if ((await tx.comments.countCommentsInDocument(doc.id)) >= COMMENT_LIMITS.commentsPerDocument) fail('comment_limit');
    const commentId = await tx.comments.addComment(threadId, body, actor.id);
    await tx.audit.append({
      actorId: actor.id,
      meetingId: doc.meetingId,
      action: 'comment.added',
      payload: { threadId, commentId, documentId: doc.id },
    });
    emit(tx, { type: 'comments.changed', meetingId: doc.meetingId, documentId: doc.id });
  });
  return viewOf(s, threadId);
}

export async function setThreadStatus(
  s: Services,
  actor: Actor,
  doc: DocumentView,
  threadId: string,
  status: ThreadStatus,
): Promise<CommentThreadView> {
  await s.uow.run(async (tx) => {
    const thread = await tx.comments.lockThread(threadId);
    if (!thread || thread.documentId !== doc.id || thread.status === 'deleted') fail('not_found');
    // Already so (two people pressed "resolve" at once): nothing to record.
    if (thread.status === status) return;
    await tx.comments.setStatus(threadId, status, actor.id);
    await tx.audit.append({
      actorId: actor.id,
      meetingId: doc.meetingId,
      action: status === 'resolved' ? 'comment.resolved' : 'comment.reopened',
      payload: { threadId, documentId: doc.id },
    });
    emit(tx, { type: 'comments.changed', meetingId: doc.meetingId, documentId: doc.id });
  });
  return viewOf(s, threadId);
}

/** Only its author edits a comment; a deleted one stays deleted. */
export async function editComment(s: Services, actor: Actor, doc: DocumentView, commentId: string, body: string): Promise<CommentThreadView> {
  const threadId = await s.uow.run(async (tx) => {
    const comment = await tx.comments.comment(commentId);
    const thread = comment && (await tx.comments.lockThread(comment.threadId));
    if (!comment || !thread || thread.documentId !== doc.id || thread.status === 'deleted') fail('not_found');
    if (comment.createdBy !== actor.id) fail('forbidden');
    if (comment.deleted) fail('comment_deleted');
    await tx.comments.editComment(commentId, thread.id, body);
    await tx.audit.append({
      actorId: actor.id,
      meetingId: doc.meetingId,
      action: 'comment.edited',
      payload: { threadId: thread.id, commentId, documentId: doc.id },
    });
    emit(tx, { type: 'comments.changed', meetingId: doc.meetingId, documentId: doc.id });
    return thread.id;
  });
  return viewOf(s, threadId);
}

/**
 * Its author deletes a comment, or a chair or secretary (`moderator`). The comment is emptied and shown as deleted;
 * a thread with no comment left goes. Answers the thread, or null when it went.
 */
export async function deleteComment(
  s: Services,
  actor: Actor,
  doc: DocumentView,
  commentId: string,
  moderator: boolean,
): Promise<CommentThreadView | null> {
  const { threadId, threadDeleted } = await s.uow.run(async (tx) => {
    const comment = await tx.comments.comment(commentId);
    const thread = comment && (await tx.comments.lockThread(comment.threadId));
    if (!comment || !thread || thread.documentId !== doc.id || thread.status === 'deleted') fail('not_found');
    const own = comment.createdBy === actor.id;
    if (!own && !moderator) fail('forbidden');
    if (comment.deleted) fail('comment_deleted');
    const { threadDeleted } = await tx.comments.deleteComment(commentId, thread.id);
    await tx.audit.append({
      actorId: actor.id,
      meetingId: doc.meetingId,
      action: 'comment.deleted',
      payload: { threadId: thread.id, commentId, documentId: doc.id, authorId: comment.createdBy },
    });
    emit(tx, { type: 'comments.changed', meetingId: doc.meetingId, documentId: doc.id });
    return { threadId: thread.id, threadDeleted };
  });
  return threadDeleted ? null : viewOf(s, threadId);
}
