import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PROJECTION, type AuditView, type DocumentDetail, type DocumentView, type RestoreView, type VersionContent, type VersionView } from '../../shared/api.ts';
import { meetingDocumentId } from '../../shared/meeting.ts';
import { contentHash } from '../../server/documents/versions.ts';
import { tokenFor } from '../helpers/api.ts';
import { editorXml, stockClientsForEachTest, typeParagraph, whenSynced } from '../helpers/clients.ts';
import { adopt } from '../helpers/finalise.ts';
import { serversForEachTest } from '../helpers/servers.ts';
import { memberClientsForEachTest, motion, open, votingMeeting } from '../helpers/votes.ts';

const server = serversForEachTest();
const tracked = stockClientsForEachTest();
const client = memberClientsForEachTest();



const xml = editorXml;

describe('named versions', () => {
  it('[VS1] a version saved by hand lists its label, author, time and the hash of the text as it was', async () => {
    const { url, rooms } = await server();
    const m = await votingMeeting(url);
    const a = await client(url, m, 'dung');
    typeParagraph(a.doc, 'Góp ý của tổ 1');
    await expect.poll(async () => xml(await docOf(rooms.snapshot(m.documentId)))).toContain('Góp ý của tổ 1');
    const saved = await m.as.dung!.post<VersionView>(`/api/documents/${m.documentId}/versions`, { label: 'Sau góp ý tổ 1' });
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({
      kind: 'manual',
      label: 'Sau góp ý tổ 1',
      createdBy: { id: m.people.dung!.userId, fullName: 'Lê Văn Dũng' },
      contentHash: contentHash(await rooms.snapshot(m.documentId)),
    });
    typeParagraph(a.doc, 'Sửa tiếp');
    const list = (await m.as.khoi!.get<VersionView[]>(`/api/documents/${m.documentId}/versions`)).body;
    expect(list).toHaveLength(1);
    const content = (await m.as.khoi!.get<VersionContent>(`/api/versions/${saved.body.id}`)).body;
    expect(JSON.stringify(content.content)).toContain('Góp ý của tổ 1');
    expect(JSON.stringify(content.content)).not.toContain('Sửa tiếp');
    const audit = (await m.as.kien!.get<AuditView>(`/api/meetings/${m.meetingId}/audit`)).body;
    expect(audit.entries.find((e) => e.action === 'version.saved')?.payload).toMatchObject({ label: 'Sau góp ý tổ 1' });
  });

  it('[VS2] saving needs an editor and a label; observers, outsiders and blank labels are refused', async () => {
    const { url } = await server();
    const m = await votingMeeting(url);
    const path = `/api/documents/${m.documentId}/versions`;
    expect((await m.as.khoi!.post(path, { label: 'x' })).status).toBe(403);
    expect((await m.as.dung!.post(path, { label: '   ' })).body).toMatchObject({ code: 'invalid_request', field: 'label' });
    expect((await m.as.dung!.post(path, {})).status).toBe(400);
    expect((await m.as.dung!.get('/api/versions/ver_nope')).status).toBe(404);
  });

  it('[VS3] opening a vote takes a version named after the motion', async () => {
    const { url } = await server();
    const m = await votingMeeting(url);
    const draft = await motion(m, { title: 'Thông qua Nghị quyết' });
    await open(m, draft.id);
    const [version] = (await m.as.dung!.get<VersionView[]>(`/api/documents/${m.documentId}/versions`)).body;
    expect(version).toMatchObject({ kind: 'vote', motionId: draft.id, label: 'Biểu quyết số 1: Thông qua Nghị quyết' });
  });

  it('[VS4] a restore applies the old text as a new change that open editors follow, after keeping the text it replaces', async () => {
    const { url, rooms } = await server();
    const m = await votingMeeting(url);
    const a = await client(url, m, 'dung');
    const b = await client(url, m, 'lan');
    const original = xml(a.doc);
    const first = (await m.as.dung!.post<VersionView>(`/api/documents/${m.documentId}/versions`, { label: 'Bản đầu' })).body;
    typeParagraph(a.doc, 'Đoạn thêm sau');
    await expect.poll(() => xml(b.doc)).toContain('Đoạn thêm sau');
    const replacedHash = contentHash(Y.encodeStateAsUpdate(b.doc));

    const res = await m.as.lan!.post<RestoreView>(`/api/versions/${first.id}/restore`);
    expect(res.status).toBe(200);
    expect(res.body.restored.id).toBe(first.id);
    expect(res.body.before).toMatchObject({ kind: 'restore', label: 'Trước khi khôi phục “Bản đầu”', contentHash: replacedHash });
    await expect.poll(() => xml(a.doc)).toBe(original);
    await expect.poll(() => xml(b.doc)).toBe(original);
    expect(contentHash(await rooms.snapshot(m.documentId))).toBe(first.contentHash);
    // History is added to, never rewritten: the text from before the restore is still a version.
    const before = (await m.as.lan!.get<VersionContent>(`/api/versions/${res.body.before.id}`)).body;
    expect(JSON.stringify(before.content)).toContain('Đoạn thêm sau');
    // Editing goes on from the restored text.
    typeParagraph(b.doc, 'Tiếp tục');
    await expect.poll(() => xml(a.doc)).toContain('Tiếp tục');
  });

  it('[RN1] a restore reaches everyone in the meeting live, and the document’s detail, with who restored which version and the version keeping the replaced text', async () => {
    const { url } = await server();
    const m = await votingMeeting(url);
    const watcher = tracked(url, meetingDocumentId(m.meetingId), { token: await tokenFor(m.admin, m.people.khoi!.userId, 'khoi') });
    await whenSynced(watcher);
    const a = await client(url, m, 'dung');
    const first = (await m.as.dung!.post<VersionView>(`/api/documents/${m.documentId}/versions`, { label: 'Bản đầu' })).body;
    typeParagraph(a.doc, 'Đoạn thêm sau');
    const detail = async () => (await m.as.khoi!.get<DocumentDetail>(`/api/documents/${m.documentId}`)).body;
    expect((await detail()).restore).toBeNull();

    const res = (await m.as.lan!.post<RestoreView>(`/api/versions/${first.id}/restore`)).body;
    const expected = {
      versionId: first.id,
      label: 'Bản đầu',
      replacedVersionId: res.before.id,
      by: { id: m.people.lan!.userId, fullName: m.people.lan!.fullName },
      at: res.before.createdAt,
    };
    const live = () => (watcher.doc.getMap(PROJECTION.documents).get(m.documentId) as DocumentView | undefined)?.restore;
    await expect.poll(live).toEqual(expected);
    expect((await detail()).restore).toEqual(expected);
    // The link's target: the replaced text, readable by anyone in the meeting.
    const replaced = (await m.as.khoi!.get<VersionContent>(`/api/versions/${expected.replacedVersionId}`)).body;
    expect(JSON.stringify(replaced.content)).toContain('Đoạn thêm sau');
    const audit = (await m.as.kien!.get<AuditView>(`/api/meetings/${m.meetingId}/audit`)).body;
    expect(audit.entries.find((e) => e.action === 'version.restored')?.payload).toMatchObject({
      versionId: first.id,
      replacedVersionId: res.before.id,
    });
  });

  it('[VS5] a locked text cannot be restored over; observers cannot restore', async () => {
    const { url } = await server();
    const m = await votingMeeting(url);
    const first = (await m.as.dung!.post<VersionView>(`/api/documents/${m.documentId}/versions`, { label: 'Bản đầu' })).body;
    expect((await m.as.khoi!.post(`/api/versions/${first.id}/restore`)).status).toBe(403);
    await adopt(m);
    expect((await m.as.dung!.post(`/api/versions/${first.id}/restore`)).body.code).toBe('document_read_only');
  });
});

async function docOf(state: Promise<Uint8Array>): Promise<Y.Doc> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, await state);
  return doc;
}
