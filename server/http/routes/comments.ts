import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  commentBodyRequest,
  commentThreadsQuery,
  createThreadRequest,
  threadStatusRequest,
  type CommentThreadView,
} from '../../../shared/comments.ts';
import type { Actor } from '../../accounts/users.ts';
import { addThread, deleteComment, editComment, replyToThread, setThreadStatus } from '../../comments/commands.ts';
import { commentedContent, wordComments } from '../../export/docx-comments.ts';
import { documentDocx } from '../../export/docx.ts';
import { fail } from '../../errors.ts';
import { can } from '../../policies.ts';
import type { Services } from '../../services.ts';
import type { WorkQueue } from '../../work-queue.ts';
import { requireActor } from '../auth.ts';
import { parse } from '../errors.ts';
import { authorize } from '../guard.ts';
import { perPersonPerMinute } from '../rate-limits.ts';
import { attachmentName, exportSource, loadDocument } from './documents.ts';

const idParams = z.object({ id: z.string().min(1).max(64) });

export interface CommentRouteOptions {
  exportsPerMinute: number;
  exports: WorkQueue;
}

/** The document a thread is on, and the caller's standing there; 404 for a thread the caller cannot see. */
async function threadDocument(s: Services, actor: Actor, threadId: string) {
  const thread = (await s.comments.thread(threadId)) ?? fail('not_found');
  return { thread, ...(await loadDocument(s, actor, thread.documentId)) };
}

/**
 * Comments on a document's text (docs/api.md, "Comments"). Reading them is reading the document; writing them is
 * `comment.write` (members, and observers when the meeting allows it), whatever the document's lock: comments are
 * not edits. Every write counts against the person's command budget (COMMANDS_PER_MINUTE).
 */
export function commentRoutes(app: FastifyInstance, s: Services, options: CommentRouteOptions): void {
  // The whole list, or only the threads named (`?threads=`): a client that heard the revision move asks for the
  // revisions, then for the threads that differ from its copy, not for every comment again.
  app.get('/api/documents/:id/comments', async (req): Promise<CommentThreadView[]> => {
    const actor = requireActor(req);
    const { doc } = await loadDocument(s, actor, parse(idParams, req.params).id);
    const { threads } = parse(commentThreadsQuery, req.query);
    return s.comments.list(doc.id, threads);
  });

  app.get('/api/documents/:id/comment-revisions', async (req): Promise<Record<string, number>> => {
    const actor = requireActor(req);
    const { doc } = await loadDocument(s, actor, parse(idParams, req.params).id);
    return s.comments.revisions(doc.id);
  });

  app.post('/api/documents/:id/comments', async (req, reply) => {
    const actor = requireActor(req);
    const { doc, subject } = await loadDocument(s, actor, parse(idParams, req.params).id);
    authorize(actor, { type: 'comment.write', meeting: subject });
    const input = parse(createThreadRequest, req.body);
    return reply.code(201).send(await addThread(s, actor, doc, input));
  });

  app.post('/api/comment-threads/:id/replies', async (req, reply) => {
    const actor = requireActor(req);
    const { thread, doc, subject } = await threadDocument(s, actor, parse(idParams, req.params).id);
    authorize(actor, { type: 'comment.write', meeting: subject });
    const { body } = parse(commentBodyRequest, req.body);
    return reply.code(201).send(await replyToThread(s, actor, doc, thread.id, body));
  });

  app.put('/api/comment-threads/:id/status', async (req): Promise<CommentThreadView> => {
    const actor = requireActor(req);
    const { thread, doc, subject } = await threadDocument(s, actor, parse(idParams, req.params).id);
    authorize(actor, { type: 'comment.write', meeting: subject });
    const { status } = parse(threadStatusRequest, req.body);
    return setThreadStatus(s, actor, doc, thread.id, status);
  });

  app.patch('/api/comments/:id', async (req): Promise<CommentThreadView> => {
    const actor = requireActor(req);
    const comment = (await s.comments.comment(parse(idParams, req.params).id)) ?? fail('not_found');
    const { doc, subject } = await threadDocument(s, actor, comment.threadId);
    authorize(actor, { type: 'comment.write', meeting: subject });
    const { body } = parse(commentBodyRequest, req.body);
    return editComment(s, actor, doc, comment.id, body);
  });

  app.delete('/api/comments/:id', async (req): Promise<{ thread: CommentThreadView | null }> => {
    const actor = requireActor(req);
    const comment = (await s.comments.comment(parse(idParams, req.params).id)) ?? fail('not_found');
    const { doc, subject } = await threadDocument(s, actor, comment.threadId);
    const moderator = can(actor, { type: 'comment.moderate', meeting: subject });
    // One's own comment may be deleted as long as one may comment; anyone's by a moderator.
    if (!moderator) authorize(actor, { type: 'comment.write', meeting: subject });
    return { thread: await deleteComment(s, actor, doc, comment.id, moderator) };
  });

  // The text as it is now with its comments as Word comments: beside the normal DOCX, never instead of it.
  app.get('/api/documents/:id/export-comments.docx', { config: perPersonPerMinute(options.exportsPerMinute) }, async (req, reply) => {
    const actor = requireActor(req);
    const { doc } = await loadDocument(s, actor, parse(idParams, req.params).id);
    const threads = await s.comments.list(doc.id);
    const file = await options.exports.run(async () => {
      const { state, draft } = await exportSource(s, doc, undefined);
      const placed = commentedContent(state, threads);
      const bytes = await documentDocx({
        content: placed.content,
        kind: doc.kind,
        title: doc.title,
        draft,
        comments: wordComments(placed.threads),
      });
      return { draft, bytes };
    });
    return reply
      .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .header('content-disposition', attachmentName(doc, file.draft, ' - bình luận'))
      .header('cache-control', 'no-store')
      .send(file.bytes);
  });
}
