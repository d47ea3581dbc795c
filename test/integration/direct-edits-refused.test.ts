import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { AuditView, DocumentView, MeetingView } from '../../shared/api.ts';
import { SUGGEST_INSERT } from '../../shared/editor/suggestion-marks.ts';
import { CloseCode } from '../../shared/protocol.ts';
import { listSuggestions } from '../../shared/suggestions.ts';
import { tokenFor } from '../helpers/api.ts';
import { editorXml, stockClientsForEachTest, typeParagraph, whenSynced, type StockClient } from '../helpers/clients.ts';
import { serversForEachTest } from '../helpers/servers.ts';
import { votingMeeting, type VotingMeeting } from '../helpers/votes.ts';

const server = serversForEachTest();
const tracked = stockClientsForEachTest();

async function client(url: string, m: VotingMeeting, who: string): Promise<StockClient> {
  const c = tracked(url, m.documentId, { token: await tokenFor(m.admin, m.people[who]!.userId, who) });
  await whenSynced(c);
  return c;
}

async function suggestOnly(m: VotingMeeting): Promise<void> {
  const res = await m.as.kien!.patch<MeetingView>(`/api/meetings/${m.meetingId}`, { delegatesSuggest: true });
  if (res.status !== 200) throw new Error(`setting: ${res.status} ${JSON.stringify(res.body)}`);
}

/** The drafts made from refused edits to the resolution, as the person who made them sees the meeting. */
async function draftsOf(m: VotingMeeting, who: string): Promise<DocumentView[]> {
  const meeting = (await m.as[who]!.get<MeetingView>(`/api/meetings/${m.meetingId}`)).body;
  return meeting.documents.filter((d) => d.origin?.reason === 'refused_edits' && d.origin.documentId === m.documentId);
}

const textOf = async (rooms: { snapshot(id: string): Promise<Uint8Array> }, docId: string): Promise<string> => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, await rooms.snapshot(docId));
  return editorXml(doc);
};

/** A device of `who` that has the resolution and edits it directly while offline. */
async function offlineEdit(url: string, m: VotingMeeting, who: string, words: string): Promise<StockClient> {
  const device = await client(url, m, who);
  device.provider.disconnect();
  typeParagraph(device.doc, words);
  return device;
}

describe('direct edits refused to someone who may only suggest', () => {
  it('[SG13] a delegate’s direct edits made offline before the meeting said "delegates suggest" become her draft, and her device is told to drop its copy', async () => {
    const { url, rooms } = await server();
    const m = await votingMeeting(url);
    const device = await offlineEdit(url, m, 'dung', 'Sửa trực tiếp khi mất mạng');
    await suggestOnly(m);
    const original = await textOf(rooms, m.documentId);

    device.provider.connect();
    await expect.poll(() => device.closeCodes, { timeout: 5000 }).toEqual([CloseCode.DirectEditsKept]);
    // Stored before the close: the draft is there the moment the device hears of it.
    const drafts = await draftsOf(m, 'dung');
    expect(drafts).toHaveLength(1);
    expect(drafts[0]!.origin).toMatchObject({ reason: 'refused_edits', userId: m.people.dung!.userId });
    expect(await textOf(rooms, drafts[0]!.id)).toContain('Sửa trực tiếp khi mất mạng<');
    expect(await textOf(rooms, m.documentId)).toBe(original);
    // The audit record says it was made, and by whom.
    const audit = (await m.as.kien!.get<AuditView>(`/api/meetings/${m.meetingId}/audit`)).body;
    expect(audit.entries.find((e) => e.action === 'document.refused_edits_saved')).toMatchObject({
      actorId: m.people.dung!.userId,
      payload: { documentId: drafts[0]!.id, originDocumentId: m.documentId },
    });

    // The stock client stops there instead of sending the same edit again and again.
    await new Promise((r) => setTimeout(r, 1500));
    expect(device.closeCodes).toEqual([CloseCode.DirectEditsKept]);

    // A copy afresh from the server (what the app does on 4423): she goes on suggesting.
    const fresh = await client(url, m, 'dung');
    const text = fresh.doc.getXmlFragment('default').createTreeWalker((n) => n instanceof Y.XmlText).next().value as Y.XmlText;
    text.insert(0, 'Đề xuất: ', { [SUGGEST_INSERT]: { id: 's-dung-after', by: m.people.dung!.userId, name: 'dung', at: '2026-12-03T08:00:00.000Z' } });
    await expect.poll(async () => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, await rooms.snapshot(m.documentId));
      return listSuggestions(doc).map((s) => s.id);
    }).toEqual(['s-dung-after']);
    expect(fresh.closeCodes).toEqual([]);
  });

  it('[SG13] a second device’s refused direct edits join the same draft: one per person and document', async () => {
    const { url, rooms } = await server();
    const m = await votingMeeting(url);
    const phone = await offlineEdit(url, m, 'dung', 'Từ điện thoại');
    const laptop = await offlineEdit(url, m, 'dung', 'Từ máy tính');
    await suggestOnly(m);
    phone.provider.connect();
    await expect.poll(() => phone.closeCodes, { timeout: 5000 }).toEqual([CloseCode.DirectEditsKept]);
    laptop.provider.connect();
    await expect.poll(() => laptop.closeCodes, { timeout: 5000 }).toEqual([CloseCode.DirectEditsKept]);
    const drafts = await draftsOf(m, 'dung');
    expect(drafts).toHaveLength(1);
    const text = await textOf(rooms, drafts[0]!.id);
    expect(text).toContain('Từ điện thoại<');
    expect(text).toContain('Từ máy tính<');
  });

  it('[SG14] refused direct edits over the limit of refused edits are not kept: the device keeps its copy (4422) and no draft is made', async () => {
    const { url, rooms } = await server({ REFUSED_EDITS_MAX_BYTES: 64 * 1024 });
    const m = await votingMeeting(url);
    const device = await offlineEdit(url, m, 'dung', `Quá dài ${'x'.repeat(100_000)}`);
    await suggestOnly(m);
    const original = await textOf(rooms, m.documentId);
    device.provider.connect();
    await expect.poll(() => device.closeCodes, { timeout: 5000 }).toEqual([CloseCode.SuggestionsOnly]);
    await new Promise((r) => setTimeout(r, 800));
    expect(await draftsOf(m, 'dung')).toHaveLength(0);
    expect(await textOf(rooms, m.documentId)).toBe(original);
    expect(editorXml(device.doc)).toContain('Quá dài xxx');
  });

  it('[SG14] however many times a device reconnects, refused edits grow a draft by at most REFUSED_EDITS_MAX_BYTES', async () => {
    const { url, rooms } = await server({ REFUSED_EDITS_MAX_BYTES: 64 * 1024 });
    const m = await votingMeeting(url);
    const first = await offlineEdit(url, m, 'dung', `Lần 1 ${'x'.repeat(40_000)}`);
    const second = await offlineEdit(url, m, 'dung', `Lần 2 ${'y'.repeat(40_000)}`);
    await suggestOnly(m);
    first.provider.connect();
    await expect.poll(() => first.closeCodes, { timeout: 5000 }).toEqual([CloseCode.DirectEditsKept]);
    // Each burst is under the limit, both together are not: the second is refused and stays on its device.
    second.provider.connect();
    await expect.poll(() => second.closeCodes, { timeout: 5000 }).toEqual([CloseCode.SuggestionsOnly]);
    const drafts = await draftsOf(m, 'dung');
    expect(drafts).toHaveLength(1);
    const text = await textOf(rooms, drafts[0]!.id);
    expect(text).toContain('Lần 1 xxx');
    expect(text).not.toContain('Lần 2');
  });
});
