import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { strFromU8, unzipSync } from 'fflate';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PROJECTION, type AuditView, type MeetingView } from '../../shared/api.ts';
import { COMMENT_LIMITS, type CommentThreadView, type DocumentCommentsState } from '../../shared/comments.ts';
import { meetingDocumentId } from '../../shared/meeting.ts';
import { tokenFor } from '../helpers/api.ts';
import { stockClientsForEachTest, whenSynced, type StockClient } from '../helpers/clients.ts';
import { adopt, finalise } from '../helpers/finalise.ts';
import { serversForEachTest } from '../helpers/servers.ts';
import { votingMeeting, type VotingMeeting } from '../helpers/votes.ts';
import { findSoffice } from '../layout/docx-to-pdf.ts';

const server = serversForEachTest();
const tracked = stockClientsForEachTest();

async function client(url: string, m: VotingMeeting, who: string, docId: string): Promise<StockClient> {
  const c = tracked(url, docId, { token: await tokenFor(m.admin, m.people[who]!.userId, who) });
  await whenSynced(c);
  return c;
}

/** The first text of the editor's XML that holds `phrase`. */
function textHolding(doc: Y.Doc, phrase: string): Y.XmlText {
  const walk = (node: Y.XmlFragment | Y.XmlElement): Y.XmlText | null => {
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlText) {
        if (child.toString().includes(phrase) || textOf(child).includes(phrase)) return child;
      } else if (child instanceof Y.XmlElement) {
        const found = walk(child);
        if (found) return found;
      }
    }
    return null;
  };
  const found = walk(doc.getXmlFragment('default'));
  if (!found) throw new Error(`no text holds “${phrase}”`);
  return found;
}

/** The characters of an XmlText, without its formatting. */
const textOf = (t: Y.XmlText): string =>
  t
    .toDelta()
    .map((op: { insert?: unknown }) => (typeof op.insert === 'string' ? op.insert : ''))
    .join('');

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/**
 * A range over `phrase` as the editor makes it (client/comments/anchor.ts): its start kept with the character after
 * it and its end with the character before it, so that what is typed just outside the range stays outside.
 */
function anchorOver(doc: Y.Doc, phrase: string): { start: string; end: string } {
  const text = textHolding(doc, phrase);
  const at = textOf(text).indexOf(phrase);
  return {
    start: b64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, at, 0))),
    end: b64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, at + phrase.length, -1))),
  };
}

/** What the range covers now in `doc`, or null when its text is gone (both ends at one place). */
function covered(doc: Y.Doc, anchor: { start: string; end: string }): string | null {
  const start = Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(Buffer.from(anchor.start, 'base64')), doc);
  const end = Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(Buffer.from(anchor.end, 'base64')), doc);
  if (!start || !end || start.type !== end.type || end.index <= start.index) return null;
  return textOf(start.type as Y.XmlText).slice(start.index, end.index);
}

const PHRASE = 'thông qua';

async function threadOn(m: VotingMeeting, who: string, anchor: { start: string; end: string }, body = 'Đề nghị ghi rõ số liệu.') {
  // Untyped: a refusal's body is an error, not a thread.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return m.as[who]!.post<any>(`/api/documents/${m.documentId}/comments`, { anchor, quote: PHRASE, body }) as Promise<{ status: number; body: CommentThreadView & { code?: string } }>;
}

/** The document's entry in the meeting's live state, as a stock client subscribed to it sees it. */
function liveComments(watcher: StockClient, documentId: string): DocumentCommentsState | undefined {
  return watcher.doc.getMap<DocumentCommentsState>(PROJECTION.comments).get(documentId);
}

describe('comments on the live text', () => {
  it('[K1] [K2] a thread anchored on a range follows its text through another client’s edits before and inside the paragraph; deleted, it stays, detached', async () => {
    const { url } = await server();
    const m = await votingMeeting(url);
    const dung = await client(url, m, 'dung', m.documentId);
    const lan = await client(url, m, 'lan', m.documentId);
    const anchor = anchorOver(dung.doc, PHRASE);
    expect(covered(dung.doc, anchor)).toBe(PHRASE);
    const created = await threadOn(m, 'dung', anchor);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      anchor,
      quote: PHRASE,
      status: 'open',
      createdBy: { id: m.people.dung!.userId, fullName: 'Lê Văn Dũng' },
      comments: [{ body: 'Đề nghị ghi rõ số liệu.', author: { fullName: 'Lê Văn Dũng' }, deleted: false }],
    });

    // Lan types before the phrase in its paragraph and adds a paragraph at the top: the range moves with its text.
    await expect.poll(() => textOf(textHolding(lan.doc, PHRASE)).length).toBeGreaterThan(0);
    const lanText = textHolding(lan.doc, PHRASE);
    lan.doc.transact(() => {
      lanText.insert(textOf(lanText).indexOf(PHRASE), 'Hội nghị nhất trí ');
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText('Đoạn mở đầu mới.')]);
      lan.doc.getXmlFragment('default').insert(0, [p]);
    });
    await expect.poll(() => textOf(textHolding(dung.doc, PHRASE))).toContain('Hội nghị nhất trí thông qua');
    const listed = (await m.as.lan!.get<CommentThreadView[]>(`/api/documents/${m.documentId}/comments`)).body;
    expect(listed.map((t) => t.id)).toEqual([created.body.id]);
    expect(covered(dung.doc, listed[0]!.anchor)).toBe(PHRASE);
    expect(covered(lan.doc, listed[0]!.anchor)).toBe(PHRASE);

    // Lan deletes the phrase: the thread is still there, its range empty (the client shows it detached).
    const text = textHolding(lan.doc, 'Hội nghị nhất trí');
    text.delete(textOf(text).indexOf(PHRASE), PHRASE.length);
    await expect.poll(() => covered(dung.doc, anchor)).toBeNull();
    const after = (await m.as.dung!.get<CommentThreadView[]>(`/api/documents/${m.documentId}/comments`)).body;
    expect(after).toHaveLength(1);
    expect(after[0]!.quote).toBe(PHRASE);
  });

  it('[K3] replies, resolve and reopen; only the author edits a comment; the author or a chair deletes it; every change is in the audit record and in the live count', async () => {
    const { url } = await server();
    const m = await votingMeeting(url);
    const dung = await client(url, m, 'dung', m.documentId);
    const watcher = await client(url, m, 'lan', meetingDocumentId(m.meetingId));
    const thread = (await threadOn(m, 'dung', anchorOver(dung.doc, PHRASE))).body;
    await expect.poll(() => liveComments(watcher, m.documentId)).toEqual({ open: 1, revision: 1 });

    const reply = await m.as.kien!.post<CommentThreadView>(`/api/comment-threads/${thread.id}/replies`, { body: 'Đồng ý, sẽ bổ sung.' });
    expect(reply.status).toBe(201);
    expect(reply.body.comments.map((c) => c.body)).toEqual(['Đề nghị ghi rõ số liệu.', 'Đồng ý, sẽ bổ sung.']);
    await expect.poll(() => liveComments(watcher, m.documentId)).toEqual({ open: 1, revision: 2 });
    // What a client catching up asks for: the threads' revisions, then only the threads that differ from its copy.
    const other = (await threadOn(m, 'lan', anchorOver(dung.doc, 'QUYẾT NGHỊ'), 'Khác.')).body;
    const revisions = (await m.as.lan!.get<Record<string, number>>(`/api/documents/${m.documentId}/comment-revisions`)).body;
    expect(revisions).toEqual({ [thread.id]: 2, [other.id]: 1 });
    const some = (await m.as.lan!.get<CommentThreadView[]>(`/api/documents/${m.documentId}/comments?threads=${other.id}`)).body;
    expect(some.map((t) => [t.id, t.revision, t.comments.length])).toEqual([[other.id, 1, 1]]);
    const tooMany = Array.from({ length: COMMENT_LIMITS.threadsPerDocument + 1 }, (_, i) => `th_${i}`).join(',');
    expect((await m.as.lan!.get(`/api/documents/${m.documentId}/comments?threads=${tooMany}`)).status).toBe(400);
    await m.as.lan!.delete(`/api/comments/${other.comments[0]!.id}`);

    const resolved = await m.as.ha!.request<CommentThreadView>('PUT', `/api/comment-threads/${thread.id}/status`, { status: 'resolved' });
    expect(resolved.body).toMatchObject({ status: 'resolved', resolvedBy: { fullName: 'Trần Thu Hà' } });
    // 2 for the thread so far, 2 for the other one (made, then gone with its only comment), 1 for resolving.
    await expect.poll(() => liveComments(watcher, m.documentId)).toEqual({ open: 0, revision: 5 });
    // Resolved, it takes no reply until reopened.
    const refused = await m.as.lan!.post(`/api/comment-threads/${thread.id}/replies`, { body: 'Chưa ổn.' });
    expect([refused.status, refused.body.code]).toEqual([409, 'comment_not_open']);
    const reopened = await m.as.lan!.request<CommentThreadView>('PUT', `/api/comment-threads/${thread.id}/status`, { status: 'open' });
    expect(reopened.body).toMatchObject({ status: 'open', resolvedBy: null });

    const [first, second] = reopened.body.comments;
    const notMine = await m.as.lan!.patch(`/api/comments/${first!.id}`, { body: 'Sửa hộ.' });
    expect([notMine.status, notMine.body.code]).toEqual([403, 'forbidden']);
    const edited = await m.as.dung!.patch<CommentThreadView>(`/api/comments/${first!.id}`, { body: 'Đề nghị ghi rõ số liệu năm 2023.' });
    expect(edited.body.comments[0]).toMatchObject({ body: 'Đề nghị ghi rõ số liệu năm 2023.', editedAt: expect.any(String) as string });
    expect((await m.as.lan!.delete(`/api/comments/${second!.id}`)).status).toBe(403);
    // The chair keeps the discussion in order: anyone's comment, shown as deleted.
    const deleted = await m.as.kien!.delete<{ thread: CommentThreadView }>(`/api/comments/${first!.id}`);
    expect(deleted.body.thread.comments[0]).toMatchObject({ deleted: true, body: '' });
    const again = await m.as.kien!.delete(`/api/comments/${first!.id}`);
    expect([again.status, again.body.code]).toEqual([409, 'comment_deleted']);
    // The last comment deleted by its author: the thread goes, from the list and from the count.
    const gone = await m.as.kien!.delete<{ thread: CommentThreadView | null }>(`/api/comments/${second!.id}`);
    expect(gone.body.thread).toBeNull();
    expect((await m.as.dung!.get<CommentThreadView[]>(`/api/documents/${m.documentId}/comments`)).body).toEqual([]);
    await expect.poll(() => liveComments(watcher, m.documentId)?.open).toBe(0);
    expect((await m.as.dung!.get<MeetingView>(`/api/meetings/${m.meetingId}`)).body.comments[m.documentId]).toMatchObject({ open: 0 });

    const audit = (await m.as.kien!.get<AuditView>(`/api/meetings/${m.meetingId}/audit`)).body;
    const actions = audit.entries.map((e) => e.action).filter((a) => a.startsWith('comment.'));
    expect(actions).toEqual([
      'comment.thread_created',
      'comment.added',
      'comment.thread_created',
      'comment.deleted',
      'comment.resolved',
      'comment.reopened',
      'comment.edited',
      'comment.deleted',
      'comment.deleted',
    ]);
    // The record names the thread and the comment, never the words (an author may delete them).
    expect(JSON.stringify(audit.entries)).not.toContain('số liệu');
  });

  it('[K4] observers may comment only when the meeting allows it; an administrator outside the roster reads them but does not comment', async () => {
    const { url } = await server();
    const m = await votingMeeting(url);
    const dung = await client(url, m, 'dung', m.documentId);
    const anchor = anchorOver(dung.doc, PHRASE);
    const meeting = (await m.as.khoi!.get<MeetingView>(`/api/meetings/${m.meetingId}`)).body;
    expect([meeting.observersComment, meeting.permissions.comment]).toEqual([false, false]);
    const refused = await threadOn(m, 'khoi', anchor);
    expect([refused.status, refused.body.code]).toEqual([403, 'forbidden']);
    expect((await m.admin.post(`/api/documents/${m.documentId}/comments`, { anchor, quote: '', body: 'x' })).status).toBe(403);
    // Only those who manage the meeting change the setting.
    expect((await m.as.dung!.patch(`/api/meetings/${m.meetingId}`, { observersComment: true })).status).toBe(403);
    const changed = await m.as.ha!.patch<MeetingView>(`/api/meetings/${m.meetingId}`, { observersComment: true });
    expect(changed.body.observersComment).toBe(true);
    expect((await m.as.khoi!.get<MeetingView>(`/api/meetings/${m.meetingId}`)).body.permissions.comment).toBe(true);
    const allowed = await threadOn(m, 'khoi', anchor, 'Khách mời góp ý.');
    expect(allowed.status).toBe(201);
    // Observers are still read-only on the text: the anchor needed no write to it.
    expect((await m.as.khoi!.get(`/api/documents/${m.documentId}`)).body.access).toBe('read');
    expect((await m.admin.get<CommentThreadView[]>(`/api/documents/${m.documentId}/comments`)).body).toHaveLength(1);
    // Switched off again, the observer's own comment can no longer be changed by them either.
    await m.as.kien!.patch(`/api/meetings/${m.meetingId}`, { observersComment: false });
    expect((await m.as.khoi!.patch(`/api/comments/${allowed.body.comments[0]!.id}`, { body: 'Sửa.' })).status).toBe(403);
  });

  it('[K5] comments are not edits: a document frozen by a vote, adopted or finalised still takes them', async () => {
    const { url } = await server();
    const m = await votingMeeting(url);
    const dung = await client(url, m, 'dung', m.documentId);
    const anchor = anchorOver(dung.doc, PHRASE);
    await adopt(m);
    expect((await m.as.dung!.get(`/api/documents/${m.documentId}`)).body.lock).toMatchObject({ reason: 'adopted' });
    expect((await threadOn(m, 'dung', anchor)).status).toBe(201);
    await finalise(m);
    expect((await m.as.dung!.get(`/api/documents/${m.documentId}`)).body.lock).toMatchObject({ reason: 'final' });
    const thread = await threadOn(m, 'lan', anchor, 'Góp ý sau ban hành.');
    expect(thread.status).toBe(201);
    expect((await m.as.kien!.post(`/api/comment-threads/${thread.body.id}/replies`, { body: 'Ghi nhận.' })).status).toBe(201);
  });

  it('[K6] what one member can make the server keep is bounded: body, anchor, threads per document, comments per thread; bad input gets its code', async () => {
    const { url } = await server({ COMMANDS_PER_MINUTE: 1000 });
    const m = await votingMeeting(url);
    const dung = await client(url, m, 'dung', m.documentId);
    const anchor = anchorOver(dung.doc, PHRASE);
    const post = (body: unknown) => m.as.dung!.post(`/api/documents/${m.documentId}/comments`, body);
    const long = await post({ anchor, quote: PHRASE, body: 'x'.repeat(COMMENT_LIMITS.body + 1) });
    expect([long.status, long.body.code, long.body.field]).toEqual([400, 'invalid_request', 'body']);
    expect((await post({ anchor, quote: PHRASE, body: '   ' })).body.field).toBe('body');
    const hugeAnchor = await post({ anchor: { ...anchor, start: Buffer.alloc(COMMENT_LIMITS.anchorBytes + 1, 1).toString('base64') }, quote: '', body: 'x' });
    expect([hugeAnchor.status, hugeAnchor.body.field]).toEqual([400, 'anchor.start']);
    const garbage = await post({ anchor: { ...anchor, end: Buffer.from([0xff, 0xff, 0xff]).toString('base64') }, quote: '', body: 'x' });
    expect([garbage.status, garbage.body.field]).toEqual([400, 'anchor.end']);
    expect((await post({ anchor, quote: PHRASE, body: 'x', html: '<b>' })).status).toBe(400);
    // A long selection is cut, not refused.
    const quoted = await post({ anchor, quote: 'chữ '.repeat(500), body: 'Dài.' });
    expect(quoted.status).toBe(201);
    expect([...(quoted.body as CommentThreadView).quote].length).toBe(COMMENT_LIMITS.quote);

    for (let i = 1; i < COMMENT_LIMITS.commentsPerThread; i++) {
      const res = await m.as.lan!.post(`/api/comment-threads/${quoted.body.id}/replies`, { body: `Trả lời ${i}` });
      expect(res.status).toBe(201);
    }
    const full = await m.as.lan!.post(`/api/comment-threads/${quoted.body.id}/replies`, { body: 'Một nữa' });
    expect([full.status, full.body.code]).toEqual([409, 'comment_limit']);
    for (let i = 1; i < COMMENT_LIMITS.threadsPerDocument; i++) expect((await post({ anchor, quote: '', body: `Góp ý ${i}` })).status).toBe(201);
    const tooMany = await post({ anchor, quote: '', body: 'Thêm' });
    expect([tooMany.status, tooMany.body.code]).toEqual([409, 'comment_limit']);
    expect(tooMany.body.message).toContain('limit');
  }, 120_000);

  it('[K6] a document holds at most 2000 comments in all its threads', async () => {
    const { url, sql: q } = await server();
    const m = await votingMeeting(url);
    const dung = await client(url, m, 'dung', m.documentId);
    const anchor = anchorOver(dung.doc, PHRASE);
    const a = (await threadOn(m, 'dung', anchor)).body;
    const b = (await threadOn(m, 'lan', anchor)).body;
    // Thread a filled to 1998 (written directly: 2000 requests would only test the rate limit), b has 1: 1999.
    const fill = COMMENT_LIMITS.commentsPerDocument - 3;
    await sql`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${fill})
      INSERT INTO comments (id, thread_id, body, created_by, created_at, edited_at, deleted_at)
      SELECT 'fill-' || i, ${a.id}, 'x', ${m.people.dung!.userId}, '2026-01-01T00:00:00.000Z', NULL, NULL FROM n`.execute(q);
    expect((await m.as.kien!.post(`/api/comment-threads/${b.id}/replies`, { body: 'Lần cuối.' })).status).toBe(201);
    const refused = await m.as.kien!.post(`/api/comment-threads/${b.id}/replies`, { body: 'Quá số.' });
    expect([refused.status, refused.body.code]).toEqual([409, 'comment_limit']);
    const fresh = await threadOn(m, 'dung', anchor, 'Chuỗi mới.');
    expect([fresh.status, fresh.body.code]).toEqual([409, 'comment_limit']);
  });

  it('[K6] comments count against the person’s command budget', async () => {
    const { url } = await server({ COMMANDS_PER_MINUTE: 30 });
    const m = await votingMeeting(url, []);
    const dung = await client(url, m, 'dung', m.documentId);
    const anchor = anchorOver(dung.doc, PHRASE);
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await threadOn(m, 'dung', anchor)).status);
    expect(statuses.slice(0, 30).every((s) => s === 201)).toBe(true);
    expect(statuses[30]).toBe(429);
  });
});

/** Downloads with the person's cookie, as the browser's link does. */
async function download(m: VotingMeeting, who: string, path: string): Promise<Response> {
  const c = m.as[who]!;
  return fetch(new URL(path, c.baseUrl), { headers: { cookie: c.cookie ?? '' } });
}

const soffice = findSoffice();

describe('the DOCX with comments', () => {
  it('[K7] holds each thread as a Word comment over the text it is on now, replies threaded and resolved ones done; the normal DOCX and the print view have none', async () => {
    const { url } = await server();
    const m = await votingMeeting(url);
    const dung = await client(url, m, 'dung', m.documentId);
    const open = (await threadOn(m, 'dung', anchorOver(dung.doc, PHRASE), 'Ghi rõ <b>số liệu</b> & nguồn.')).body;
    await m.as.kien!.post(`/api/comment-threads/${open.id}/replies`, { body: 'Đồng ý.' });
    const closed = (await threadOn(m, 'lan', anchorOver(dung.doc, 'QUYẾT NGHỊ'), 'Đã rõ.')).body;
    await m.as.ha!.request('PUT', `/api/comment-threads/${closed.id}/status`, { status: 'resolved' });
    // Text typed inside the range after the comment was made is covered by it in the export.
    const text = textHolding(dung.doc, PHRASE);
    text.insert(textOf(text).indexOf(PHRASE) + 'thông'.length, ' nhất trí');
    await new Promise((r) => setTimeout(r, 300));

    const res = await download(m, 'khoi', `/api/documents/${m.documentId}/export-comments.docx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('.docx');
    const bytes = new Uint8Array(await res.arrayBuffer());
    const files = unzipSync(bytes);
    const comments = strFromU8(files['word/comments.xml']!);
    expect(comments).toContain('Lê Văn Dũng');
    // Text, never markup: the tags someone typed are escaped characters.
    expect(comments).toContain('Ghi rõ &lt;b&gt;số liệu&lt;/b&gt; &amp; nguồn.');
    expect(comments).toContain('Đồng ý.');
    const extended = strFromU8(files['word/commentsExtended.xml']!);
    expect(extended).toMatch(/w15:paraIdParent=/);
    expect(extended).toMatch(/w15:done="1"/);
    const body = strFromU8(files['word/document.xml']!);
    // The text between the first comment's range marks is the phrase as it reads now.
    const range = /<w:commentRangeStart w:id="0"\/>(.*?)<w:commentRangeEnd w:id="0"\/>/s.exec(body);
    expect(range, body.slice(body.indexOf('commentRangeStart') - 300, body.indexOf('commentRangeStart') + 1500)).not.toBeNull();
    const inside = [...range![1]!.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((x) => x[1]).join('');
    expect(inside, range![0]).toBe('thông nhất trí qua');
    expect(body).toContain('<w:commentReference w:id="0"/>');
    expect(body).toContain('<w:commentReference w:id="1"/>');

    const plain = unzipSync(new Uint8Array(await (await download(m, 'khoi', `/api/documents/${m.documentId}/export.docx`)).arrayBuffer()));
    expect(Object.keys(plain)).not.toContain('word/comments.xml');
    expect(strFromU8(plain['word/document.xml']!)).not.toContain('commentRange');
    const print = await (await download(m, 'khoi', `/api/documents/${m.documentId}/print`)).text();
    expect(print).not.toContain('số liệu');

    if (!soffice) return;
    // LibreOffice opens it and keeps the comments (as annotations of its own format).
    const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'quorum-comments-'));
    try {
      const file = path.join(dir, 'with-comments.docx');
      await fs.promises.writeFile(file, bytes);
      const profile = pathToFileURL(path.join(dir, 'profile')).href;
      await promisify(execFile)(soffice, [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'odt', '--outdir', dir, file], {
        timeout: 180_000,
      });
      const odt = unzipSync(new Uint8Array(await fs.promises.readFile(path.join(dir, 'with-comments.odt'))));
      const content = strFromU8(odt['content.xml']!);
      expect(content.match(/<office:annotation[ >]/g)?.length ?? 0).toBeGreaterThanOrEqual(3);
      expect(content).toContain('Ghi rõ &lt;b&gt;số liệu&lt;/b&gt; &amp; nguồn.');
      expect(content).toContain('Đã rõ.');
    } finally {
      await fs.promises.rm(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
