import type { Kysely } from 'kysely';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../db/engine.ts';
import type { Schema } from '../db/schema.ts';
import type { UnitOfWork } from '../db/uow.ts';
import { disposeEngines, testEngines } from '../../test/helpers/engines.ts';
import { Comments } from './repo.ts';

/** Comment threads on each engine: what is stored reads back the same, the revision only grows, the count holds. */
const kinds = await testEngines('the comments repository contract');
afterAll(disposeEngines);

const NOW = '2026-01-01T00:00:00.000Z';

async function seed(db: Kysely<Schema>): Promise<void> {
  for (const [id, name] of [['an', 'Hoàng Thị Ngọc Anh'], ['kien', 'Cung Hồng Kiên']]) {
    await db
      .insertInto('users')
      .values({ id: id!, username: id!, full_name: name!, password_hash: 'x', is_admin: 0, is_demo: 0, disabled: 0, created_at: NOW })
      .execute();
  }
  for (const m of ['m1', 'm2']) {
    await db
      .insertInto('meetings')
      .values({
        id: m, title: 'Hội nghị', kind: 'cbvc', starts_at: NOW, place: '', locality: '', issuing_body: '', parent_body: '',
        symbol: 'TTCNL', status: 'in_session', quorum_num: 2, quorum_den: 3, agenda: '[]', created_by: null, created_at: NOW, updated_at: NOW,
      })
      .execute();
  }
  for (const [id, m] of [['doc1', 'm1'], ['doc2', 'm1'], ['doc3', 'm2']]) {
    await db
      .insertInto('documents')
      .values({ id: id!, meeting_id: m!, kind: 'NQ', title: id!, created_by: null, created_at: NOW, origin_document_id: null, origin_user_id: null })
      .execute();
  }
}

describe.each(kinds)('$name', (kind) => {
  let engine: Engine;
  let comments: Comments;
  let uow: UnitOfWork<{ comments: Comments }>;

  beforeEach(async () => {
    engine = await kind.open();
    comments = new Comments(engine.db, engine.dialect);
    uow = engine.unitOfWork((db) => ({ comments: new Comments(db, engine.dialect) }), async () => {});
    await seed(engine.db);
  });
  afterEach(async () => engine.close());

  const thread = (documentId: string, body = 'Đề nghị bỏ cụm từ “cơ bản”.', by = 'an') =>
    comments.insertThread({ documentId, anchorStart: 'AQID', anchorEnd: 'BAUG', quote: 'hoàn thành cơ bản', body, createdBy: by });

  it('[K9] a thread and its replies read back with their authors, oldest first; the meeting’s state counts open threads', async () => {
    const { threadId, commentId } = await thread('doc1');
    const reply = await comments.addComment(threadId, 'Đồng ý,\nsửa ở Điều 2.', 'kien');
    const view = await comments.view(threadId);
    expect(view).toMatchObject({
      id: threadId,
      documentId: 'doc1',
      anchor: { start: 'AQID', end: 'BAUG' },
      quote: 'hoàn thành cơ bản',
      status: 'open',
      resolvedBy: null,
      createdBy: { id: 'an', fullName: 'Hoàng Thị Ngọc Anh' },
    });
    expect(view!.comments.map((c) => [c.id, c.author.fullName, c.body, c.deleted])).toEqual([
      [commentId, 'Hoàng Thị Ngọc Anh', 'Đề nghị bỏ cụm từ “cơ bản”.', false],
      [reply, 'Cung Hồng Kiên', 'Đồng ý,\nsửa ở Điều 2.', false],
    ]);
    await thread('doc2');
    await thread('doc3');
    expect(await comments.list('doc1')).toEqual([view]);
    const state = await comments.stateOfMeeting('m1');
    expect(Object.keys(state).sort()).toEqual(['doc1', 'doc2']);
    expect(state.doc1).toEqual({ open: 1, revision: 2 });
    expect(await comments.stateOfDocument('doc3')).toEqual({ open: 1, revision: 1 });
    expect(await comments.stateOfDocument('doc-none')).toEqual({ open: 0, revision: 0 });
  });

  it('[K9] every change moves the document’s revision forwards; a resolved thread is not open; a thread whose comments are all deleted is gone', async () => {
    const { threadId, commentId } = await thread('doc1');
    const seen = [(await comments.stateOfDocument('doc1')).revision];
    const step = async (work: () => Promise<unknown>) => {
      await work();
      const revision = (await comments.stateOfDocument('doc1')).revision;
      expect(revision).toBeGreaterThan(seen[seen.length - 1]!);
      seen.push(revision);
    };
    let reply = '';
    await step(async () => (reply = await comments.addComment(threadId, 'Trả lời', 'kien')));
    await step(() => comments.editComment(commentId, threadId, 'Đề nghị bỏ cụm từ.'));
    await step(() => comments.setStatus(threadId, 'resolved', 'kien'));
    expect(await comments.stateOfDocument('doc1')).toMatchObject({ open: 0 });
    expect(await comments.view(threadId)).toMatchObject({ status: 'resolved', resolvedBy: { id: 'kien', fullName: 'Cung Hồng Kiên' } });
    await step(() => comments.setStatus(threadId, 'open', 'an'));
    expect(await comments.view(threadId)).toMatchObject({ status: 'open', resolvedBy: null, resolvedAt: null });
    await step(() => comments.deleteComment(reply, threadId));
    const after = await comments.view(threadId);
    expect(after!.comments[1]).toMatchObject({ deleted: true, body: '' });
    expect(after!.comments[0]!.editedAt).not.toBeNull();
    await step(async () => expect(await comments.deleteComment(commentId, threadId)).toEqual({ threadDeleted: true }));
    expect(await comments.view(threadId)).toBeUndefined();
    expect(await comments.list('doc1')).toEqual([]);
    expect(await comments.stateOfDocument('doc1')).toMatchObject({ open: 0 });
    // A deleted thread still counts against the document's limit: what is stored is what is bounded.
    expect(await comments.countThreads('doc1')).toBe(1);
  });

  it('[K9] threads added at once from different connections under the document’s lock never pass the limit', async () => {
    const LIMIT = 5;
    const add = () =>
      uow.run(async (tx) => {
        expect(await tx.comments.lockDocument('doc1')).toBe(true);
        if ((await tx.comments.countThreads('doc1')) >= LIMIT) return false;
        await tx.comments.insertThread({ documentId: 'doc1', anchorStart: 'AQ==', anchorEnd: 'Ag==', quote: '', body: 'x', createdBy: 'an' });
        return true;
      });
    const added = await Promise.all(Array.from({ length: 12 }, add));
    expect(added.filter(Boolean)).toHaveLength(LIMIT);
    expect(await comments.countThreads('doc1')).toBe(LIMIT);
    expect(await uow.run((tx) => tx.comments.lockDocument('doc-none'))).toBe(false);
  });
});
