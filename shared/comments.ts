/**
 * Threaded comments on a range of a document's text (issue 16). The range is two Yjs relative positions in the
 * document's XmlFragment, made by the client that selected it and stored with the thread by the server, so the
 * range follows its text through everyone's edits and needs no write access to the text itself (observers may
 * comment). Comments are the server's data, not part of the text: they never print or export, except in the
 * "with comments" DOCX.
 */
import { z } from 'zod';
import type { PersonRef } from './api.ts';
import { multiLineText } from './text.ts';

/** What one member may make the server keep, whatever they send. */
export const COMMENT_LIMITS = {
  /** Characters of one comment. */
  body: 2000,
  /** Characters of the text quoted when the thread is made, shown once its text is deleted. */
  quote: 300,
  /** Threads on one document, resolved ones included. */
  threadsPerDocument: 200,
  /** Comments in one thread, the first one included. */
  commentsPerThread: 100,
  /**
   * Comments on one document, in all its threads, deleted ones too: what every client in the meeting may have to
   * fetch (at most this many times `body` characters).
   */
  commentsPerDocument: 2000,
  /** Bytes of one encoded relative position (an item id or a root name and an index: tens of bytes in practice). */
  anchorBytes: 256,
} as const;

export const THREAD_STATUSES = ['open', 'resolved'] as const;
export type ThreadStatus = (typeof THREAD_STATUSES)[number];

/** An encoded `Y.RelativePosition` (`Y.encodeRelativePosition`) in base64. */
const anchorPart = z
  .string()
  .max(Math.ceil(COMMENT_LIMITS.anchorBytes / 3) * 4)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'anchor: base64');

export const commentAnchorSchema = z.object({ start: anchorPart, end: anchorPart }).strict();
export type CommentAnchor = z.infer<typeof commentAnchorSchema>;

const commentBody = multiLineText(COMMENT_LIMITS.body, 1);

export const createThreadRequest = z
  .object({
    anchor: commentAnchorSchema,
    /** The selected text as the person saw it; cut to its limit rather than refused (a long selection is fine). */
    quote: z
      .string()
      .max(100_000)
      .transform((q) => cleanQuote(q)),
    body: commentBody,
  })
  .strict();

export const commentBodyRequest = z.object({ body: commentBody }).strict();

export const threadStatusRequest = z.object({ status: z.enum(THREAD_STATUSES) }).strict();

/** `GET …/comments?threads=a,b`: only these threads (the ones a client's copy lacks or has at another revision). */
export const commentThreadsQuery = z
  .object({
    threads: z
      .string()
      .max(COMMENT_LIMITS.threadsPerDocument * 65)
      .transform((s) => s.split(',').filter((id) => id !== ''))
      .pipe(z.array(z.string().min(1).max(64)).max(COMMENT_LIMITS.threadsPerDocument))
      .optional(),
  })
  .strict();

const INVISIBLE_IN_QUOTE = /[\p{Cc}\p{Cf}\p{Cs}\u2028\u2029]+/gu;

/** A quote on one line, composed, without invisible characters, at most `COMMENT_LIMITS.quote` characters. */
export function cleanQuote(text: string): string {
  const line = text.normalize('NFC').replace(INVISIBLE_IN_QUOTE, ' ').replace(/\s+/g, ' ').trim();
  const chars = [...line];
  return chars.length <= COMMENT_LIMITS.quote ? line : `${chars.slice(0, COMMENT_LIMITS.quote - 1).join('')}…`;
}

export interface CommentView {
  id: string;
  threadId: string;
  author: PersonRef;
  /** Plain text (line breaks kept); never HTML. Empty once deleted. */
  body: string;
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
}

export interface CommentThreadView {
  id: string;
  documentId: string;
  anchor: CommentAnchor;
  quote: string;
  status: ThreadStatus;
  resolvedBy: PersonRef | null;
  resolvedAt: string | null;
  createdBy: PersonRef;
  createdAt: string;
  /** Grows with every change to the thread (a reply, an edit, a deletion, resolving, reopening). */
  revision: number;
  /** Oldest first; the first one opened the thread. */
  comments: CommentView[];
}

/**
 * A document's comments as the meeting's live state carries them: the open threads (the count in the documents
 * list) and a number that grows with every change to any of its threads, for clients to fetch them again.
 */
export interface DocumentCommentsState {
  open: number;
  revision: number;
}

/** The projection's map of them, document id → state (`PROJECTION.comments`). */
export type CommentsByDocument = Readonly<Record<string, DocumentCommentsState>>;
