import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import { describe, expect, it } from 'vitest';
import { CloseCode, MessageType } from '../../shared/protocol.ts';
import { MemoryPeer } from '../../test/helpers/memory-peer.ts';
import { presenceFrame as presence } from '../../test/helpers/raw-socket.ts';
import { roomManagers } from '../../test/helpers/rooms.ts';
import { until } from '../../test/helpers/wait.ts';

const manager = roomManagers();

const kien = { userId: 'u-kien', meetingId: 'm', credential: 'session:k' };
const mai = { userId: 'u-mai', meetingId: 'm', credential: 'session:m' };

describe('presence', () => {
  it('[R15] a document that takes no presence (the meeting’s live state) drops every presence message unread', async () => {
    const rooms = manager({ presence: (docId) => (docId.startsWith('meeting:') ? false : { maxStateBytes: 4096, perSecond: 20 }) });
    const watcher = MemoryPeer.join(rooms, 'meeting:m', { readOnly: true });
    const observer = MemoryPeer.join(rooms, 'meeting:m', { readOnly: true });
    await until(() => rooms.stats().connections === 2);
    const huge = 'x'.repeat(900_000);
    for (let i = 1; i <= 20; i++) observer.conn.receive(presence([{ clientId: 77, clock: i, state: { huge } }]));
    await new Promise((r) => setTimeout(r, 20));
    expect(rooms.loadedRoom('meeting:m')!.awareness.getStates().size).toBe(0);
    expect(watcher.received.some((m) => m[0] === MessageType.Awareness)).toBe(false);
    expect(watcher.closedWith).toBeNull();
    expect(observer.closedWith).toBeNull();
  });

  it('[R15] a presence state over the size cap closes that connection (4400) and reaches nobody', async () => {
    const rooms = manager({ presence: () => ({ maxStateBytes: 4096, perSecond: 20 }) });
    const other = MemoryPeer.join(rooms, 'd');
    const flooder = MemoryPeer.join(rooms, 'd', { readOnly: true });
    await until(() => rooms.stats().connections === 2);
    flooder.conn.receive(presence([{ clientId: flooder.doc.clientID, clock: 1, state: { huge: 'x'.repeat(5000) } }]));
    expect(flooder.closedWith?.code).toBe(CloseCode.ProtocolError);
    await new Promise((r) => setTimeout(r, 20));
    expect(other.received.some((m) => m[0] === MessageType.Awareness)).toBe(false);
    expect(rooms.loadedRoom('d')!.awareness.getStates().size).toBe(0);
  });

  it('[R15] one client id per connection: nobody moves, renames or removes another person’s caret', async () => {
    const rooms = manager();
    const a = MemoryPeer.join(rooms, 'd', { principal: kien, identity: { name: 'Cung Hồng Kiên', color: '#15803d' } });
    const b = MemoryPeer.join(rooms, 'd', { principal: mai, identity: { name: 'Nguyễn Thị Thanh Mai', color: '#6d28d9' } });
    await until(() => rooms.stats().connections === 2);
    a.setPresence({ user: { name: 'Cung Hồng Kiên', color: '#15803d' }, cursor: null });
    await until(() => b.awareness.getStates().has(a.doc.clientID));
    b.setPresence({ user: { name: 'Nguyễn Thị Thanh Mai', color: '#6d28d9' } });
    await until(() => rooms.loadedRoom('d')!.awareness.getStates().has(b.doc.clientID));
    const room = rooms.loadedRoom('d')!;
    const clockOfA = room.awareness.meta.get(a.doc.clientID)!.clock;

    // b forges a's caret with a newer clock, then removes it, then announces a second id of its own.
    b.conn.receive(presence([{ clientId: a.doc.clientID, clock: clockOfA + 5, state: { user: { name: 'Kẻ mạo danh' } } }]));
    b.conn.receive(presence([{ clientId: a.doc.clientID, clock: clockOfA + 6, state: null }]));
    b.conn.receive(presence([{ clientId: 424242, clock: 1, state: { user: { name: 'Bóng ma' } } }]));
    await new Promise((r) => setTimeout(r, 20));
    expect(room.awareness.getStates().get(a.doc.clientID)).toMatchObject({ user: { name: 'Cung Hồng Kiên' } });
    expect(room.awareness.getStates().has(424242)).toBe(false);
    expect(b.closedWith).toBeNull();

    // A stock client echoes what it receives: entries for other ids are skipped, its own still counts.
    const echo = awarenessProtocol.encodeAwarenessUpdate(b.awareness, [...b.awareness.getStates().keys()]);
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MessageType.Awareness);
    encoding.writeVarUint8Array(e, echo);
    b.conn.receive(encoding.toUint8Array(e));
    expect(b.closedWith).toBeNull();
  });

  it('[R15] the name and colour others see are the signed-in person’s, whatever the client claims', async () => {
    const rooms = manager();
    const watcher = MemoryPeer.join(rooms, 'd');
    const liar = MemoryPeer.join(rooms, 'd', { readOnly: true, principal: mai, identity: { name: 'Nguyễn Thị Thanh Mai', color: '#6d28d9' } });
    await until(() => rooms.stats().connections === 2);
    liar.setPresence({ user: { name: 'Chủ tọa', color: '#000000' }, cursor: { anchor: 1 } });
    await until(() => watcher.awareness.getStates().has(liar.doc.clientID));
    expect(watcher.awareness.getStates().get(liar.doc.clientID)).toEqual({
      user: { name: 'Nguyễn Thị Thanh Mai', color: '#6d28d9' },
      cursor: { anchor: 1 },
    });
  });

  it('[R15] a connection changing its presence faster than the cap is slowed to it, and its latest state still arrives', async () => {
    const rooms = manager({ presence: () => ({ maxStateBytes: 4096, perSecond: 10 }) });
    const watcher = MemoryPeer.join(rooms, 'd');
    const fast = MemoryPeer.join(rooms, 'd');
    await until(() => rooms.stats().connections === 2);
    const seen: number[] = [];
    watcher.awareness.on('change', () => {
      const state = watcher.awareness.getStates().get(fast.doc.clientID) as { n?: number } | undefined;
      if (state?.n !== undefined) seen.push(state.n);
    });
    for (let n = 1; n <= 200; n++) fast.conn.receive(presence([{ clientId: fast.doc.clientID, clock: n, state: { n } }]));
    await until(() => seen.at(-1) === 200, 3000, 'the last state');
    // A burst of twice the rate passes at once; the rest of the 200 were folded into the latest.
    expect(seen.length).toBeLessThanOrEqual(25);
  });

  it('[R11] a person reconnecting keeps their caret’s client id; when they leave it is removed for everyone', async () => {
    const rooms = manager();
    const watcher = MemoryPeer.join(rooms, 'd');
    const first = MemoryPeer.join(rooms, 'd', { principal: kien });
    await until(() => rooms.stats().connections === 2);
    first.conn.receive(presence([{ clientId: 9001, clock: 1, state: { n: 1 } }]));
    await until(() => watcher.awareness.getStates().has(9001));
    first.leave();
    await until(() => !watcher.awareness.getStates().has(9001));
    const again = MemoryPeer.join(rooms, 'd', { principal: kien });
    await until(() => rooms.stats().connections === 2);
    again.conn.receive(presence([{ clientId: 9001, clock: 3, state: { n: 2 } }]));
    await until(() => (watcher.awareness.getStates().get(9001) as { n?: number } | undefined)?.n === 2);
  });
});

describe('presence over a room’s life', () => {
  it('[R15] someone reconnecting in a loop, each time with a new client id, does not grow the room without end', async () => {
    const rooms = manager();
    const watcher = MemoryPeer.join(rooms, 'd');
    const stays = MemoryPeer.join(rooms, 'd', { principal: mai });
    await until(() => rooms.stats().connections === 2);
    stays.conn.receive(presence([{ clientId: 7, clock: 1, state: { n: 0 } }]));
    for (let i = 1; i <= 3000; i++) {
      const peer = MemoryPeer.join(rooms, 'd', { principal: kien });
      await until(() => rooms.stats().connections === 3);
      peer.conn.receive(presence([{ clientId: 100_000 + i, clock: 1, state: { n: i } }]));
      peer.leave();
    }
    const room = rooms.loadedRoom('d')!;
    expect(room.awareness.meta.size).toBeLessThanOrEqual(1100);
    // Who is still here keeps their caret, and the watcher still sees it.
    expect(room.awareness.getStates().get(7)).toEqual({ n: 0 });
    expect(watcher.closedWith).toBeNull();
  }, 60_000);
});
