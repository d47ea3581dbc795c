import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode, MessageType } from '../../shared/protocol.ts';
import { MemoryPeer } from '../../test/helpers/memory-peer.ts';
import { ROOM_DEFAULTS } from '../../test/helpers/rooms.ts';
import { until } from '../../test/helpers/wait.ts';
import { SqliteStore } from '../storage/sqlite.ts';
import type { AppendOptions, Compaction, DocumentStore } from '../storage/store.ts';
import { silentLogger } from './peer.ts';
import { RoomManager, type RoomManagerOptions } from './rooms.ts';

/** The real SQLite store with a gate on writes, to watch what happens while a write is in flight. */
class GatedStore implements DocumentStore {
  appends: number[] = [];
  private gate: Promise<void> | null = null;
  private openGate: () => void = () => {};
  constructor(readonly inner: SqliteStore) {}
  hold(): void {
    this.gate = new Promise((r) => (this.openGate = r));
  }
  release(): void {
    this.gate = null;
    this.openGate();
  }
  load(docId: string) {
    return this.inner.load(docId);
  }
  since(docId: string, after: number) {
    return this.inner.since(docId, after);
  }
  failNext = false;
  async append(docId: string, updates: readonly Uint8Array[], options?: AppendOptions) {
    await this.gate;
    if (this.failNext) {
      this.failNext = false;
      throw new Error('disk full');
    }
    this.appends.push(updates.length);
    return this.inner.append(docId, updates, options);
  }
  compact(docId: string, compaction: Compaction) {
    return this.inner.compact(docId, compaction);
  }
  close() {
    return this.inner.close();
  }
}

const defaults = ROOM_DEFAULTS;

let dir: string;
let store: GatedStore;
let managers: RoomManager[];
const manager = (opts: Partial<RoomManagerOptions> = {}) => {
  const m = new RoomManager(store, { ...defaults, ...opts }, silentLogger);
  managers.push(m);
  return m;
};
const frame = (...parts: number[]) => new Uint8Array(parts);

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-room-'));
  store = new GatedStore(SqliteStore.open(dir));
  managers = [];
});
afterEach(async () => {
  store.release();
  for (const m of managers) await m.close();
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('room core over in-memory sockets', () => {
  it('[R1] the handshake gives a new peer the stored document, even when it speaks before the document has loaded', async () => {
    const seed = new Y.Doc();
    seed.getText('t').insert(0, 'Biên bản Hội nghị');
    await store.inner.append('d', [Y.encodeStateAsUpdate(seed)]);
    const rooms = manager();
    const peer = MemoryPeer.join(rooms, 'd'); // sync step 1 is sent before the room has loaded
    await until(() => peer.text === 'Biên bản Hội nghị', 2000, 'the stored text');
    expect(peer.received[0]?.[0]).toBe(MessageType.Sync);
    // The server never answered with an empty document first.
    const emptyAnswers = peer.received.filter((m) => m.length <= 5 && m[0] === MessageType.Sync && m[1] === 1);
    expect(emptyAnswers).toEqual([]);
  });

  it('[R2] an update reaches every other peer and never comes back to its sender', async () => {
    const rooms = manager();
    const [a, b, c] = ['a', 'b', 'c'].map((n) => MemoryPeer.join(rooms, 'd', { name: n })) as [MemoryPeer, MemoryPeer, MemoryPeer];
    await until(() => rooms.stats().connections === 3);
    await until(() => [a, b, c].every((p) => p.received.length >= 2));
    const before = a.received.length;
    a.doc.getText('t').insert(0, 'Điều 1.');
    await until(() => b.text === 'Điều 1.' && c.text === 'Điều 1.');
    await new Promise((r) => setTimeout(r, 20));
    const updatesToA = a.received.slice(before).filter((m) => m[0] === MessageType.Sync && m[1] === 2);
    expect(updatesToA).toEqual([]);
  });

  it('[R3] a burst in one turn is stored in one write and sent as one message, encoded once for all peers', async () => {
    const rooms = manager();
    const [a, b, c] = ['a', 'b', 'c'].map((n) => MemoryPeer.join(rooms, 'd', { name: n })) as [MemoryPeer, MemoryPeer, MemoryPeer];
    await until(() => rooms.stats().connections === 3 && [a, b, c].every((p) => p.received.length >= 2));
    await new Promise((r) => setTimeout(r, 20));
    store.appends = [];
    const [bBefore, cBefore] = [b.received.length, c.received.length];
    for (let i = 0; i < 20; i++) a.doc.getText('t').insert(i, 'x'); // 20 frames, delivered in one turn
    await until(() => b.text.length === 20 && c.text.length === 20);
    expect(store.appends).toEqual([20]);
    const toB = b.received.slice(bBefore);
    const toC = c.received.slice(cBefore);
    expect(toB).toHaveLength(1);
    expect(toC).toHaveLength(1);
    expect(toB[0]).toBe(toC[0]); // the same bytes object: encoded once
  });

  it('[R3] peers that both wrote in one turn each get only the other’s part', async () => {
    const rooms = manager();
    const a = MemoryPeer.join(rooms, 'd');
    const b = MemoryPeer.join(rooms, 'd');
    await until(() => rooms.stats().connections === 2 && a.received.length >= 2 && b.received.length >= 2);
    a.doc.getText('t').insert(0, 'A');
    b.doc.getArray('other').push(['B']);
    await until(() => a.doc.getArray('other').length === 1 && b.text === 'A');
    expect(a.text).toBe('A');
  });

  it('[R4] an update is written to storage before any peer receives it', async () => {
    const rooms = manager();
    const a = MemoryPeer.join(rooms, 'd');
    const b = MemoryPeer.join(rooms, 'd');
    await until(() => rooms.stats().connections === 2 && b.received.length >= 2);
    await new Promise((r) => setTimeout(r, 20));
    store.hold();
    a.doc.getText('t').insert(0, 'Nghị quyết');
    await new Promise((r) => setTimeout(r, 50));
    expect(b.text).toBe('');
    expect((await store.inner.load('d')).updates).toHaveLength(0);
    // A peer that joins now is not answered with the unstored text either.
    const late = MemoryPeer.join(rooms, 'd');
    await new Promise((r) => setTimeout(r, 50));
    expect(late.text).toBe('');
    store.release();
    await until(() => b.text === 'Nghị quyết' && late.text === 'Nghị quyết');
    expect((await store.inner.load('d')).updates.length).toBeGreaterThan(0);
  });

  it('[R5] a read-only connection’s updates are dropped, and it still receives everyone else’s', async () => {
    const rooms = manager();
    const writer = MemoryPeer.join(rooms, 'd');
    const observer = MemoryPeer.join(rooms, 'd', { readOnly: true });
    const third = MemoryPeer.join(rooms, 'd');
    await until(() => rooms.stats().connections === 3);
    observer.doc.getText('t').insert(0, 'forged');
    writer.doc.getText('t').insert(0, 'real');
    await until(() => observer.text.includes('real') && third.text === 'real');
    await new Promise((r) => setTimeout(r, 30));
    expect(third.text).toBe('real');
    expect(rooms.loadedRoom('d')!.doc.getText('t').toString()).toBe('real');
    const stored = new Y.Doc();
    for (const u of (await store.inner.load('d')).updates) Y.applyUpdate(stored, u);
    expect(stored.getText('t').toString()).toBe('real');
  });

  it('[R5] a frozen document drops every connection’s updates, and on unfreezing asks for them again', async () => {
    const rooms = manager();
    const a = MemoryPeer.join(rooms, 'd');
    const b = MemoryPeer.join(rooms, 'd');
    await until(() => rooms.stats().connections === 2);
    a.doc.getText('t').insert(0, 'before;');
    await until(() => b.text === 'before;');
    await rooms.hold('d');
    a.doc.getText('t').insert(7, 'frozen;');
    await new Promise((r) => setTimeout(r, 30));
    expect(b.text).toBe('before;');
    expect(rooms.loadedRoom('d')!.doc.getText('t').toString()).toBe('before;');
    rooms.setLock('d', null);
    await until(() => b.text === 'before;frozen;');
    expect(rooms.loadedRoom('d')!.doc.getText('t').toString()).toBe('before;frozen;');
  });

  it('[R6] a malformed message closes only that connection with the protocol-error code', async () => {
    const rooms = manager();
    const good = MemoryPeer.join(rooms, 'd');
    await until(() => rooms.stats().connections === 1);
    const bad: Uint8Array[] = [
      frame(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff), // varint overflow
      frame(), // empty frame
      frame(9), // unknown message type
      frame(MessageType.Sync, 7), // unknown sync step
      frame(MessageType.Sync, 2, 5, 1, 2, 3, 4, 5), // undecodable update
      frame(MessageType.Sync, 2, 200), // length past the end
      frame(MessageType.Awareness, 3, 1, 2, 3), // undecodable awareness
      frame(MessageType.Sync, 0, 1, 0xff), // malformed state vector
      frame(MessageType.QueryAwareness, 1, 2, 3), // trailing bytes
    ];
    for (const data of bad) {
      const peer = MemoryPeer.join(rooms, 'd');
      await until(() => peer.received.length > 0);
      peer.conn.receive(data);
      expect(peer.closedWith?.code, `frame ${[...data]}`).toBe(CloseCode.ProtocolError);
      expect(peer.conn.closed).toBe(true);
    }
    good.doc.getText('t').insert(0, 'vẫn chạy');
    const other = MemoryPeer.join(rooms, 'd');
    await until(() => other.text === 'vẫn chạy');
    expect(good.closedWith).toBeNull();
  });

  it('[R7] a reader whose send buffer passes the limit is closed as a slow reader', async () => {
    const rooms = manager({ maxBufferedBytes: 64 * 1024 });
    const writer = MemoryPeer.join(rooms, 'd');
    const slow = MemoryPeer.join(rooms, 'd');
    await until(() => rooms.stats().connections === 2);
    slow.bufferedAmount = 60 * 1024; // the network stopped draining it
    writer.doc.getText('t').insert(0, 'x'.repeat(8 * 1024));
    await until(() => slow.closedWith !== null);
    expect(slow.closedWith?.code).toBe(CloseCode.SlowReader);
    expect(writer.closedWith).toBeNull();
    expect(rooms.stats().connections).toBe(1);
  });

  it('[R8] a peer that stops answering pings is closed', async () => {
    const rooms = manager({ pingIntervalMs: 100 });
    const live = MemoryPeer.join(rooms, 'd');
    const dead = MemoryPeer.join(rooms, 'd');
    await until(() => rooms.stats().connections === 2);
    dead.answersPings = false;
    await until(() => dead.closedWith !== null, 2000, 'the dead peer to be closed');
    expect(dead.closedWith?.code).toBe(CloseCode.DeadPeer);
    expect(live.closedWith).toBeNull();
    expect(live.pings).toBeGreaterThan(0);
  });

  it('[R9] a document unloads a while after its last peer leaves, compacted, and loads back intact', async () => {
    const rooms = manager({ unloadDelayMs: 50 });
    const a = MemoryPeer.join(rooms, 'd');
    a.doc.getText('t').insert(0, 'Kế hoạch năm 2024');
    await until(() => (rooms.loadedRoom('d')?.doc.getText('t').length ?? 0) > 0);
    await rooms.loadedRoom('d')!.whenPersisted();
    a.leave();
    await until(() => rooms.stats().rooms === 0, 2000, 'the room to unload');
    const stored = await store.inner.load('d');
    expect(stored.state).not.toBeNull();
    expect(stored.updates).toEqual([]);
    const b = MemoryPeer.join(rooms, 'd');
    await until(() => b.text === 'Kế hoạch năm 2024');
  });

  it('[R9] a peer arriving during the unload delay keeps the room', async () => {
    const rooms = manager({ unloadDelayMs: 100 });
    const a = MemoryPeer.join(rooms, 'd');
    await until(() => rooms.stats().connections === 1);
    a.leave();
    const b = MemoryPeer.join(rooms, 'd');
    await new Promise((r) => setTimeout(r, 200));
    expect(rooms.stats()).toEqual({ rooms: 1, connections: 1, savingPaused: 0, heldBytes: 0 });
    expect(b.closedWith).toBeNull();
  });

  it('[R10] the stored history is compacted so that the tail stays short', async () => {
    const rooms = manager({ compactAfterUpdates: 10 });
    const a = MemoryPeer.join(rooms, 'd');
    await until(() => rooms.stats().connections === 1);
    for (let i = 0; i < 35; i++) {
      a.doc.getText('t').insert(i, String(i % 10));
      await new Promise((r) => setTimeout(r, 1));
    }
    await until(() => rooms.loadedRoom('d')!.doc.getText('t').length === 35);
    await rooms.loadedRoom('d')!.whenPersisted();
    const stored = await store.inner.load('d');
    expect(stored.state).not.toBeNull();
    expect(stored.updates.length).toBeLessThan(10);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, stored.state!);
    for (const u of stored.updates) Y.applyUpdate(copy, u);
    expect(copy.getText('t').toString()).toBe(a.text);
  });

  it('[R11] presence is relayed to the others and removed when a peer leaves', async () => {
    const rooms = manager();
    const a = MemoryPeer.join(rooms, 'd');
    const b = MemoryPeer.join(rooms, 'd');
    await until(() => rooms.stats().connections === 2);
    a.setPresence({ name: 'Cung Hồng Kiên' });
    b.setPresence({ name: 'Nguyễn Văn An' });
    await until(() => a.presentNames().join() === 'Nguyễn Văn An' && b.presentNames().join() === 'Cung Hồng Kiên');
    const late = MemoryPeer.join(rooms, 'd');
    await until(() => late.presentNames().join() === 'Cung Hồng Kiên,Nguyễn Văn An', 2000, 'presence for a late peer');
    a.leave();
    await until(() => b.presentNames().length === 0 && late.presentNames().join() === 'Nguyễn Văn An');
  });

  it('[R12] closing the manager persists everything and closes every peer with "server restarting"', async () => {
    const rooms = manager();
    const a = MemoryPeer.join(rooms, 'd');
    await until(() => rooms.stats().connections === 1);
    a.doc.getText('t').insert(0, 'Hội nghị kết thúc');
    await rooms.close();
    expect(a.closedWith?.code).toBe(CloseCode.ServerRestarting);
    const stored = await store.inner.load('d');
    const copy = new Y.Doc();
    if (stored.state) Y.applyUpdate(copy, stored.state);
    for (const u of stored.updates) Y.applyUpdate(copy, u);
    expect(copy.getText('t').toString()).toBe('Hội nghị kết thúc');
  });
});

describe('storage failure', () => {
  it('[R13] a failed write drops the document and closes its peers; on reconnect their text is stored after all', async () => {
    const rooms = manager();
    const a = MemoryPeer.join(rooms, 'd');
    const b = MemoryPeer.join(rooms, 'd');
    await until(() => rooms.stats().connections === 2);
    store.failNext = true;
    a.doc.getText('t').insert(0, 'Điều 2. Giao Ban Giám đốc');
    await until(() => a.closedWith !== null && b.closedWith !== null);
    expect([a.closedWith?.code, b.closedWith?.code]).toEqual([CloseCode.StorageError, CloseCode.StorageError]);
    expect(b.text).toBe(''); // never relayed what could not be stored
    expect(rooms.stats().rooms).toBe(0);

    // The writer's device still has the text; reconnecting re-sends it through the ordinary handshake.
    const again = MemoryPeer.join(rooms, 'd');
    Y.applyUpdate(again.doc, Y.encodeStateAsUpdate(a.doc));
    const reader = MemoryPeer.join(rooms, 'd');
    await until(() => reader.text === 'Điều 2. Giao Ban Giám đốc', 2000, 'the text to arrive after reconnecting');
    await rooms.loadedRoom('d')!.whenPersisted();
    const stored = new Y.Doc();
    for (const u of (await store.inner.load('d')).updates) Y.applyUpdate(stored, u);
    expect(stored.getText('t').toString()).toBe('Điều 2. Giao Ban Giám đốc');
  });
});

describe('message framing', () => {
  it('[R6] a frame the stock client would send is accepted', () => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MessageType.QueryAwareness);
    expect(encoding.toUint8Array(e)).toEqual(frame(3));
  });
});

describe('broadcast pacing', () => {
  it('[R3] a lone update goes out at once; in a room paced by its write budget, a fast stream goes out together', async () => {
    // Two peers at 10 writes/s: at most one broadcast per 200 ms.
    const rooms = manager({ broadcastWritesPerSecond: 10, maxBroadcastDelayMs: 1000 });
    const a = MemoryPeer.join(rooms, 'd');
    const b = MemoryPeer.join(rooms, 'd');
    await until(() => rooms.stats().connections === 2 && b.received.length >= 2);
    await new Promise((r) => setTimeout(r, 250));
    const before = b.received.length;
    const started = performance.now();
    a.doc.getText('t').insert(0, 'a');
    await until(() => b.text === 'a');
    expect(performance.now() - started).toBeLessThan(100); // not held back by the interval
    store.appends = [];
    for (const ch of 'bcde') {
      a.doc.getText('t').insert(0, ch);
      await new Promise((r) => setTimeout(r, 20)); // four updates in separate turns, within one interval
    }
    await until(() => b.text === 'edcba', 1000);
    expect(store.appends).toEqual([4]);
    expect(b.received.length - before).toBe(2);
  });

  it('[R3] pacing never holds an update longer than the maximum delay', async () => {
    const rooms = manager({ broadcastWritesPerSecond: 1, maxBroadcastDelayMs: 30 });
    const a = MemoryPeer.join(rooms, 'd');
    const b = MemoryPeer.join(rooms, 'd');
    await until(() => rooms.stats().connections === 2 && b.received.length >= 2);
    a.doc.getText('t').insert(0, 'a');
    await until(() => b.text === 'a');
    const started = performance.now();
    a.doc.getText('t').insert(0, 'b');
    await until(() => b.text === 'ba', 1000);
    expect(performance.now() - started).toBeLessThan(200);
  });
});
