import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { MeetingView } from '../../shared/api.ts';
import { tokenFor } from '../helpers/api.ts';
import { editorXml, stockClientsForEachTest, typeParagraph, whenSynced } from '../helpers/clients.ts';
import { adopt, finalise } from '../helpers/finalise.ts';
import { openRawSocket, updateFrame, type RawSocket } from '../helpers/raw-socket.ts';
import { serversForEachTest } from '../helpers/servers.ts';
import { motion, open, votingMeeting, type VotingMeeting } from '../helpers/votes.ts';

const server = serversForEachTest();
const tracked = stockClientsForEachTest();

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
function heapMiB(): number {
  gc();
  gc();
  return v8.getHeapStatistics().used_heap_size / 1024 / 1024;
}

/** About 0.9 MB of text in 900 paragraphs, written into the resolution by the server. */
async function enlarge(rooms: { change(id: string, fn: (doc: Y.Doc) => void): Promise<void> }, docId: string): Promise<void> {
  const line = 'Điều khoản dự thảo về thi đua khen thưởng năm 2024 của Trung tâm Công nghệ Laser. '.repeat(12);
  await rooms.change(docId, (doc) => {
    for (let i = 0; i < 900; i++) typeParagraph(doc, `${i}. ${line}`);
  });
}

async function drafts(m: VotingMeeting) {
  return (await m.as.kien!.get<MeetingView>(`/api/meetings/${m.meetingId}`)).body.documents.filter((d) => d.origin);
}

/** Sockets of the delegates, a few each (a person may hold MAX_SOCKETS_PER_PERSON), each sending one small edit. */
async function editFromMany(url: string, m: VotingMeeting, docId: string, perPerson: number): Promise<RawSocket[]> {
  const sockets: RawSocket[] = [];
  for (const who of ['kien', 'ha', 'dung', 'lan', 'minh']) {
    const token = await tokenFor(m.admin, m.people[who]!.userId, who);
    for (let i = 0; i < perPerson; i++) {
      const socket = await openRawSocket(url, docId, { token });
      const edit = new Y.Doc();
      edit.getText('note').insert(0, `ghi chú ${who} ${i}`);
      socket.send(updateFrame(Y.encodeStateAsUpdate(edit)));
      sockets.push(socket);
    }
  }
  return sockets;
}

describe('edits refused by a locked document', () => {
  it('[FN7] while a vote holds a large document, edits sent to it from many connections keep nothing in memory', async () => {
    const { url, rooms } = await server();
    const m = await votingMeeting(url);
    await enlarge(rooms, m.documentId);
    await open(m, (await motion(m)).id);
    const before = heapMiB();
    const sockets = await editFromMany(url, m, m.documentId, 12);
    await new Promise((r) => setTimeout(r, 800));
    const grown = heapMiB() - before;
    // Before, each of these 60 connections made the server keep a whole copy of the document (~0.9 MB of text,
    // several MB as a Y.Doc) until it left.
    expect(grown).toBeLessThan(25);
    expect(rooms.loadedRoom(m.documentId)!.doc.getText('note').toString()).toBe('');
    for (const s of sockets) s.ws.close();
  });

  it('[FN7] edits refused by a final document from 15 connections of one person make one draft holding all of them', async () => {
    const { url, rooms } = await server();
    const m = await votingMeeting(url);
    await adopt(m);
    await finalise(m);
    const token = await tokenFor(m.admin, m.people.dung!.userId, 'dung');
    const base = await rooms.snapshot(m.documentId);
    const sockets: RawSocket[] = [];
    for (let i = 1; i <= 15; i++) {
      // Fifteen devices (or tabs) of one person, each with its own offline paragraph.
      const device = new Y.Doc();
      Y.applyUpdate(device, base);
      const sv = Y.encodeStateVector(device);
      typeParagraph(device, `Đề nghị bổ sung số ${i}`);
      const socket = await openRawSocket(url, m.documentId, { token });
      socket.send(updateFrame(Y.encodeStateAsUpdate(device, sv)));
      sockets.push(socket);
    }
    await expect.poll(async () => (await drafts(m)).length, { timeout: 5000 }).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 800));
    const made = await drafts(m);
    expect(made).toHaveLength(1);
    const text = editorXml(docOf(await rooms.snapshot(made[0]!.id)));
    for (let i = 1; i <= 15; i++) expect(text).toContain(`Đề nghị bổ sung số ${i}<`);
    expect(editorXml(docOf(await rooms.snapshot(m.documentId)))).not.toContain('Đề nghị bổ sung');
    for (const s of sockets) s.ws.close();
  });

  it('[FN7] what one person may have kept from refused edits is bounded', async () => {
    const { url, rooms } = await server({ REFUSED_EDITS_MAX_BYTES: 256 * 1024 });
    const m = await votingMeeting(url);
    await adopt(m);
    const token = await tokenFor(m.admin, m.people.dung!.userId, 'dung');
    const base = await rooms.snapshot(m.documentId);
    const device = new Y.Doc();
    Y.applyUpdate(device, base);
    const socket = await openRawSocket(url, m.documentId, { token });
    for (let i = 1; i <= 10; i++) {
      const sv = Y.encodeStateVector(device);
      typeParagraph(device, `${i}:${'x'.repeat(100_000)}`);
      socket.send(updateFrame(Y.encodeStateAsUpdate(device, sv)));
    }
    await expect.poll(async () => (await drafts(m)).length, { timeout: 5000 }).toBeGreaterThan(0);
    const text = editorXml(docOf(await rooms.snapshot((await drafts(m))[0]!.id)));
    expect(text).toContain('1:xxx');
    expect(text).not.toContain('10:xxx');
    socket.ws.close();
  });

  it('[FN6] an edit dropped while a vote held the text becomes a draft when the vote adopts it', async () => {
    const { url } = await server();
    const m = await votingMeeting(url);
    const c = tracked(url, m.documentId, { token: await tokenFor(m.admin, m.people.lan!.userId, 'lan') });
    await whenSynced(c);
    const draft = await motion(m);
    await open(m, draft.id);
    typeParagraph(c.doc, 'Gõ trong lúc biểu quyết');
    await new Promise((r) => setTimeout(r, 300));
    for (const who of ['kien', 'ha', 'dung', 'lan', 'minh']) await m.as[who]!.post(`/api/motions/${draft.id}/ballots`, { choice: 'for' });
    await m.as.kien!.post(`/api/motions/${draft.id}/close`);
    await expect.poll(async () => (await drafts(m)).length, { timeout: 5000 }).toBe(1);
  });
});

function docOf(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc;
}
