import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import { meetingDocumentId } from '../../shared/meeting.ts';
import { caretColor, distinctCaretColor } from '../../shared/presence.ts';
import { CloseCode, MessageType } from '../../shared/protocol.ts';
import { tokenFor } from '../helpers/api.ts';
import { stockClientsForEachTest, whenSynced } from '../helpers/clients.ts';
import { openRawSocket, presenceFrame, type RawSocket } from '../helpers/raw-socket.ts';
import { serversForEachTest } from '../helpers/servers.ts';
import { votingMeeting } from '../helpers/votes.ts';
import { until } from '../helpers/wait.ts';

const server = serversForEachTest();
const tracked = stockClientsForEachTest();

describe('what one member can hold and announce on the sync socket', () => {
  it('[W9] a person holds at most MAX_SOCKETS_PER_PERSON sync sockets; the next is refused with 4429, others are not held back', async () => {
    const { url } = await server({ MAX_SOCKETS_PER_PERSON: 5 });
    const m = await votingMeeting(url);
    const dung = await tokenFor(m.admin, m.people.dung!.userId, 'dung');
    const open: RawSocket[] = [];
    // Documents and the meeting's live state count together.
    for (let i = 0; i < 5; i++) open.push(await openRawSocket(url, i % 2 ? meetingDocumentId(m.meetingId) : m.documentId, { token: dung }));
    const sixth = await openRawSocket(url, m.documentId, { token: dung });
    expect(await sixth.closed).toBe(CloseCode.TooManyConnections);
    expect(CloseCode.TooManyConnections).toBe(4429);
    // Someone else is admitted meanwhile.
    const lan = await openRawSocket(url, m.documentId, { token: await tokenFor(m.admin, m.people.lan!.userId, 'lan') });
    // Closing one of the five makes room again.
    const closing = open.pop()!;
    closing.ws.close();
    await closing.closed;
    await new Promise((r) => setTimeout(r, 50));
    const again = await openRawSocket(url, m.documentId, { token: dung });
    await new Promise((r) => setTimeout(r, 200));
    expect(again.ws.readyState).toBe(again.ws.OPEN);
    expect(lan.ws.readyState).toBe(lan.ws.OPEN);
    for (const s of [...open, lan, again]) s.ws.close();
  });

  it('[W9] a refused socket that sends an oversized or invalid frame before it reads its refusal closes alone; the server carries on', async () => {
    const { url } = await server({ MAX_SOCKETS_PER_PERSON: 1, MAX_MESSAGE_BYTES: 1024 });
    const m = await votingMeeting(url);
    const dung = await tokenFor(m.admin, m.people.dung!.userId, 'dung');
    const held = await openRawSocket(url, m.documentId, { token: dung });
    const refusedWith = (frame: Uint8Array | string) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(`${url.replace('http', 'ws')}/collab/${m.documentId}?token=${dung}`);
        ws.on('open', () => ws.send(frame));
        ws.on('error', () => {});
        ws.on('close', (code) => resolve(code));
      });
    const codes = await Promise.all([
      ...Array.from({ length: 10 }, () => refusedWith(new Uint8Array(4096))),
      ...Array.from({ length: 10 }, () => refusedWith('not binary')),
    ]);
    // Each is told why it was refused (or, having broken the protocol first, is cut off for that).
    for (const code of codes) expect([CloseCode.TooManyConnections, 1009, 1002]).toContain(code);
    expect(codes).toContain(CloseCode.TooManyConnections);
    // The process is still up, and the socket the person holds still works.
    const res = await fetch(new URL('/healthz', url));
    expect(res.status).toBe(200);
    expect(held.ws.readyState).toBe(held.ws.OPEN);
    held.ws.close();
  });

  it('[R15] an observer flooding the meeting’s live state with large presence states reaches nobody and closes nobody', async () => {
    const { url, rooms } = await server();
    const m = await votingMeeting(url);
    const live = meetingDocumentId(m.meetingId);
    const watchers = [];
    for (const who of ['kien', 'ha', 'dung']) {
      const c = tracked(url, live, { token: await tokenFor(m.admin, m.people[who]!.userId, who) });
      await whenSynced(c);
      watchers.push(c);
    }
    const observer = await openRawSocket(url, live, { token: await tokenFor(m.admin, m.people.khoi!.userId, 'khoi') });
    const huge = 'x'.repeat(900_000);
    for (let i = 1; i <= 50; i++) observer.send(presenceFrame([{ clientId: 4242, clock: i, state: { huge } }]));
    await new Promise((r) => setTimeout(r, 500));
    expect(rooms.loadedRoom(live)!.awareness.getStates().size).toBe(0);
    for (const w of watchers) {
      expect(w.closeCodes).toEqual([]);
      expect(w.provider.awareness.getStates().has(4242)).toBe(false);
    }
    observer.ws.close();
  });

  it('[R15] the name and colour on a caret are the account’s, whatever the client announces; a forged removal of another caret changes nothing', async () => {
    const { url } = await server();
    const m = await votingMeeting(url);
    const lan = tracked(url, m.documentId, { token: await tokenFor(m.admin, m.people.lan!.userId, 'lan') });
    const kien = tracked(url, m.documentId, { token: await tokenFor(m.admin, m.people.kien!.userId, 'kien') });
    await Promise.all([whenSynced(lan), whenSynced(kien)]);
    lan.provider.awareness.setLocalStateField('user', { name: 'Chủ tọa', color: '#000000' });
    kien.provider.awareness.setLocalStateField('user', { name: 'Cung Hồng Kiên', color: '#ffffff' });
    await until(() => (kien.provider.awareness.getStates().get(lan.doc.clientID) as { user?: unknown } | undefined)?.user !== undefined, 3000);
    // Her own colour, or, when the chair's own is the same one (1 in 12) and his caret came first, the next free one.
    const [own, chairs] = [caretColor(m.people.lan!.userId), caretColor(m.people.kien!.userId)];
    const shown = kien.provider.awareness.getStates().get(lan.doc.clientID) as { user: { name: string; color: string } };
    expect(shown.user.name).toBe('Phạm Thị Lan');
    expect(own === chairs ? [own, distinctCaretColor(own, new Set([chairs]))] : [own]).toContain(shown.user.color);
    // An observer forges the removal of the chair's caret.
    const observer = await openRawSocket(url, m.documentId, { token: await tokenFor(m.admin, m.people.khoi!.userId, 'khoi') });
    const clock = 1000;
    observer.send(presenceFrame([{ clientId: kien.doc.clientID, clock, state: null }]));
    await new Promise((r) => setTimeout(r, 300));
    expect(lan.provider.awareness.getStates().get(kien.doc.clientID)).toMatchObject({ user: { name: 'Cung Hồng Kiên' } });
    expect(observer.received.some((f) => f[0] === MessageType.Awareness)).toBe(true);
    observer.ws.close();
  });

  it('[R16] a stock client that gave itself another colour is told the one it is shown in, adopts it and keeps it', async () => {
    const { url, rooms } = await server();
    const m = await votingMeeting(url);
    const lan = tracked(url, m.documentId, { token: await tokenFor(m.admin, m.people.lan!.userId, 'lan') });
    await whenSynced(lan);
    const color = caretColor(m.people.lan!.userId);
    lan.provider.awareness.setLocalStateField('user', { name: 'Phạm Thị Lan', color: '#000000' });
    const own = () => (lan.provider.awareness.getLocalState() as { user?: { color?: string } } | null)?.user?.color;
    await until(() => own() === color, 3000);
    // Later changes of its own (a caret moving) carry that colour, and the server's copy agrees.
    lan.provider.awareness.setLocalStateField('cursor', { anchor: 1 });
    await until(() => (rooms.loadedRoom(m.documentId)?.awareness.getStates().get(lan.doc.clientID) as { cursor?: unknown } | undefined)?.cursor !== undefined, 3000);
    expect(own()).toBe(color);
    expect(rooms.loadedRoom(m.documentId)!.awareness.getStates().get(lan.doc.clientID)).toMatchObject({ user: { color } });
  });
});
