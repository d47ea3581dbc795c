import type { Kysely } from 'kysely';
import type { CommentView, CommentThreadView, DocumentCommentsState, ThreadStatus } from '../../shared/comments.ts';
import type { Dialect } from '../db/engine.ts';
import type { Schema } from '../db/schema.ts';
import { newId, nowIso } from '../ids.ts';

/** A thread as stored: 'deleted' once every comment in it was deleted (never shown, never counted). */
export type StoredThreadStatus = ThreadStatus | 'deleted';

export interface ThreadRecord {
  id: string;
  documentId: string;
  status: StoredThreadStatus;
  createdBy: string;
}

export interface CommentRecord {
  id: string;
  threadId: string;
  createdBy: string;
  deleted: boolean;
}

export interface NewThread {
  documentId: string;
  anchorStart: string;
  anchorEnd: string;
  quote: string;
  body: string;
  createdBy: string;
}

interface ThreadRow {
  id: string;
  document_id: string;
  anchor_start: string;
  anchor_end: string;
  quote: string;
  status: string;
  resolved_by: string | null;
  resolved_by_name: string | null;
  resolved_at: string | null;
  created_by: string;
  created_by_name: string;
  created_at: string;
  revision: number;
}

interface CommentRow {
  id: string;
  thread_id: string;
  body: string;
  created_by: string;
  created_by_name: string;
  created_at: string;
  edited_at: string | null;
  deleted_at: string | null;
}

function commentOf(r: CommentRow): CommentView {
  return {
    id: r.id,
    threadId: r.thread_id,
    author: { id: r.created_by, fullName: r.created_by_name },
    body: r.deleted_at === null ? r.body : '',
    createdAt: r.created_at,
    editedAt: r.edited_at,
    deleted: r.deleted_at !== null,
  };
}

function threadOf(r: ThreadRow, comments: CommentView[]): CommentThreadView {
  return {
    id: r.id,
    documentId: r.document_id,
    anchor: { start: r.anchor_start, end: r.anchor_end },
    quote: r.quote,
    status: r.status as ThreadStatus,
    resolvedBy: r.resolved_by === null ? null : { id: r.resolved_by, fullName: r.resolved_by_name ?? '' },
    resolvedAt: r.resolved_at,
    createdBy: { id: r.created_by, fullName: r.created_by_name },
    createdAt: r.created_at,
    revision: Number(r.revision),
    comments,
  };
}

/**
 * Comment threads and their comments. Every change to a thread (a reply, an edit, a deletion, resolving,
 * reopening) adds one to its `revision`, whose sum per document is the number clients watch in the live state.
 */
export class Comments {
  constructor(
    private readonly db: Kysely<Schema>,
    private readonly dialect: Dialect,
  ) {}

  /**
   * Holds the document's row until the unit of work ends, so that two threads added at once cannot both pass the
   * count (PostgreSQL; a unit on SQLite has the database to itself). False when there is no such document.
   */
  async lockDocument(documentId: string): Promise<boolean> {
    const query = this.db.selectFrom('documents').select('id').where('id', '=', documentId);
    return (await (this.dialect === 'postgres' ? query.forNoKeyUpdate() : query).execute()).length > 0;
  }

  /** Holds the thread's row (as `lockDocument`); undefined when there is no such thread. */
  async lockThread(threadId: string): Promise<ThreadRecord | undefined> {
    const query = this.db.selectFrom('comment_threads').select(['id', 'document_id', 'status', 'created_by']).where('id', '=', threadId);
    const row = await (this.dialect === 'postgres' ? query.forNoKeyUpdate() : query).executeTakeFirst();
    return row && { id: row.id, documentId: row.document_id, status: row.status as StoredThreadStatus, createdBy: row.created_by };
  }

  async thread(threadId: string): Promise<ThreadRecord | undefined> {
    const row = await this.db
      .selectFrom('comment_threads')
      .select(['id', 'document_id', 'status', 'created_by'])
      .where('id', '=', threadId)
      .executeTakeFirst();
    return row && { id: row.id, documentId: row.document_id, status: row.status as StoredThreadStatus, createdBy: row.created_by };
  }

  async comment(commentId: string): Promise<CommentRecord | undefined> {
    const row = await this.db
      .selectFrom('comments')
      .select(['id', 'thread_id', 'created_by', 'deleted_at'])
      .where('id', '=', commentId)
      .executeTakeFirst();
    return row && { id: row.id, threadId: row.thread_id, createdBy: row.created_by, deleted: row.deleted_at !== null };
  }

  /** Threads on the document, deleted ones too (the limit counts what is stored). */
  async countThreads(documentId: string): Promise<number> {
    const row = await this.db
      .selectFrom('comment_threads')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('document_id', '=', documentId)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async countComments(threadId: string): Promise<number> {
    const row = await this.db
      .selectFrom('comments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('thread_id', '=', threadId)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** Comments on the document, in every thread, deleted ones too. */
  async countCommentsInDocument(documentId: string): Promise<number> {
    const row = await this.db
      .selectFrom('comments as c')
      .innerJoin('comment_threads as t', 't.id', 'c.thread_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('t.document_id', '=', documentId)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** Each thread of the document that is not deleted, with its revision: what a client compares its copy with. */
  async revisions(documentId: string): Promise<Record<string, number>> {
    const rows = await this.db
      .selectFrom('comment_threads')
      .select(['id', 'revision'])
      .where('document_id', '=', documentId)
      .where('status', '<>', 'deleted')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.id, Number(r.revision)]));
  }

  /** A thread with its first comment; returns both ids. */
  async insertThread(t: NewThread): Promise<{ threadId: string; commentId: string }> {
    const threadId = newId('th');
    const at = nowIso();
    await this.db
      .insertInto('comment_threads')
      .values({
        id: threadId,
        document_id: t.documentId,
        anchor_start: t.anchorStart,
        anchor_end: t.anchorEnd,
        quote: t.quote,
        status: 'open',
        resolved_by: null,
        resolved_at: null,
        revision: 1,
        created_by: t.createdBy,
        created_at: at,
      })
      .execute();
    const commentId = await this.insertComment(threadId, t.body, t.createdBy, at);
    return { threadId, commentId };
  }

  /** A reply; the thread's revision moves. */
  async addComment(threadId: string, body: string, createdBy: string): Promise<string> {
    const id = await this.insertComment(threadId, body, createdBy, nowIso());
    await this.bump(threadId);
    return id;
  }

  private async insertComment(threadId: string, body: string, createdBy: string, at: string): Promise<string> {
    const id = newId('cm');
    await this.db
      .insertInto('comments')
      .values({ id, thread_id: threadId, body, created_by: createdBy, created_at: at, edited_at: null, deleted_at: null })
      .execute();
    return id;
  }

  async editComment(commentId: string, threadId: string, body: string): Promise<void> {
    await this.db.updateTable('comments').set({ body, edited_at: nowIso() }).where('id', '=', commentId).execute();
    await this.bump(threadId);
  }

  /** Empties the comment; a thread left with no comment standing is 'deleted'. */
  async deleteComment(commentId: string, threadId: string): Promise<{ threadDeleted: boolean }> {
    await this.db.updateTable('comments').set({ body: '', deleted_at: nowIso() }).where('id', '=', commentId).execute();
    const standing = await this.db
      .selectFrom('comments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('thread_id', '=', threadId)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    const threadDeleted = Number(standing?.n ?? 0) === 0;
    if (threadDeleted) await this.db.updateTable('comment_threads').set({ status: 'deleted' }).where('id', '=', threadId).execute();
    await this.bump(threadId);
    return { threadDeleted };
  }

  async setStatus(threadId: string, status: ThreadStatus, by: string): Promise<void> {
    await this.db
      .updateTable('comment_threads')
      .set(status === 'resolved' ? { status, resolved_by: by, resolved_at: nowIso() } : { status, resolved_by: null, resolved_at: null })
      .where('id', '=', threadId)
      .execute();
    await this.bump(threadId);
  }

  private async bump(threadId: string): Promise<void> {
    await this.db
      .updateTable('comment_threads')
      .set((eb) => ({ revision: eb('revision', '+', 1) }))
      .where('id', '=', threadId)
      .execute();
  }

  /**
   * The document's threads that are not deleted (only those of `ids` when given), oldest first, each with its
   * comments oldest first.
   */
  async list(documentId: string, ids?: readonly string[]): Promise<CommentThreadView[]> {
    if (ids && ids.length === 0) return [];
    let query = this.threadsQuery().where('t.document_id', '=', documentId).where('t.status', '<>', 'deleted');
    if (ids) query = query.where('t.id', 'in', ids);
    const threads = (await query.execute()) as ThreadRow[];
    if (threads.length === 0) return [];
    const comments = (await this.db
      .selectFrom('comments as c')
      .innerJoin('comment_threads as t', 't.id', 'c.thread_id')
      .innerJoin('users as u', 'u.id', 'c.created_by')
      .select(['c.id', 'c.thread_id', 'c.body', 'c.created_by', 'u.full_name as created_by_name', 'c.created_at', 'c.edited_at', 'c.deleted_at'])
      .where('t.document_id', '=', documentId)
      .where('t.status', '<>', 'deleted')
      .where('c.thread_id', 'in', threads.map((t) => t.id))
      .orderBy('c.created_at')
      .orderBy('c.id')
      .execute()) as CommentRow[];
    const byThread = new Map<string, CommentView[]>();
    for (const c of comments) {
      const list = byThread.get(c.thread_id) ?? [];
      list.push(commentOf(c));
      byThread.set(c.thread_id, list);
    }
    return threads.map((t) => threadOf(t, byThread.get(t.id) ?? []));
  }

  /** One thread as `list` shows it; undefined when it does not exist or is deleted. */
  async view(threadId: string): Promise<CommentThreadView | undefined> {
    const row = (await this.threadsQuery().where('t.id', '=', threadId).where('t.status', '<>', 'deleted').executeTakeFirst()) as
      | ThreadRow
      | undefined;
    if (!row) return undefined;
    const comments = (await this.db
      .selectFrom('comments as c')
      .innerJoin('users as u', 'u.id', 'c.created_by')
      .select(['c.id', 'c.thread_id', 'c.body', 'c.created_by', 'u.full_name as created_by_name', 'c.created_at', 'c.edited_at', 'c.deleted_at'])
      .where('c.thread_id', '=', threadId)
      .orderBy('c.created_at')
      .orderBy('c.id')
      .execute()) as CommentRow[];
    return threadOf(row, comments.map(commentOf));
  }

  private threadsQuery() {
    return this.db
      .selectFrom('comment_threads as t')
      .innerJoin('users as cu', 'cu.id', 't.created_by')
      .leftJoin('users as ru', 'ru.id', 't.resolved_by')
      .select([
        't.id',
        't.document_id',
        't.anchor_start',
        't.anchor_end',
        't.quote',
        't.status',
        't.resolved_by',
        'ru.full_name as resolved_by_name',
        't.resolved_at',
        't.created_by',
        'cu.full_name as created_by_name',
        't.created_at',
        't.revision',
      ])
      .orderBy('t.created_at')
      .orderBy('t.id');
  }

  /**
   * Per document of the meeting that has threads: its open threads and the sum of its threads' revisions (which
   * only grows, since threads are never removed).
   */
  async stateOfMeeting(meetingId: string): Promise<Record<string, DocumentCommentsState>> {
    return this.states((q) => q.where('d.meeting_id', '=', meetingId));
  }

  async stateOfDocument(documentId: string): Promise<DocumentCommentsState> {
    return (await this.states((q) => q.where('d.id', '=', documentId)))[documentId] ?? { open: 0, revision: 0 };
  }

  private async states(
    where: (q: ReturnType<Comments['statesQuery']>) => ReturnType<Comments['statesQuery']>,
  ): Promise<Record<string, DocumentCommentsState>> {
    const rows = await where(this.statesQuery()).execute();
    const out: Record<string, DocumentCommentsState> = {};
    for (const r of rows) out[r.document_id] = { open: Number(r.open ?? 0), revision: Number(r.revision ?? 0) };
    return out;
  }

  private statesQuery() {
    return this.db
      .selectFrom('comment_threads as t')
      .innerJoin('documents as d', 'd.id', 't.document_id')
      .select((eb) => [
        't.document_id',
        eb.fn.sum<number>('t.revision').as('revision'),
        eb.fn.sum<number>(eb.case().when('t.status', '=', 'open').then(1).else(0).end()).as('open'),
      ])
      .groupBy('t.document_id');
  }
}
