import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as decoding from 'lib0/decoding';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { AuthKind, MessageType, SyncStep } from '../../shared/protocol.ts';
import { MemoryPeer } from '../../test/helpers/memory-peer.ts';
import { syncFrame } from '../../test/helpers/raw-socket.ts';
import { ROOM_DEFAULTS } from '../../test/helpers/rooms.ts';
import { until } from '../../test/helpers/wait.ts';
import { SqliteStore } from '../storage/sqlite.ts';
import type { AppendOptions, Compaction, DocumentStore } from '../storage/store.ts';
import { silentLogger } from './peer.ts';
import { RoomManager } from './rooms.ts';

/** The real store, with writes that can be held back to look at what the room does meanwhile. */
class GatedStore implements DocumentStore {
  private gate: Promise<void> | null = null;
  private open: () => void = () => {};
  constructor(readonly inner: SqliteStore) {}
  hold(): void {
    this.gate = new Promise((resolve) => (this.open = resolve));
  }
  release(): void {
    this.gate = null;
    this.open();
  }
  load(docId: string) {
    return this.inner.load(docId);
  }
  since(docId: string, after: number) {
    return this.inner.since(docId, after);
  }
  async append(docId: string, updates: readonly Uint8Array[], options?: AppendOptions) {
    await this.gate;
    return this.inner.append(docId, updates, options);
  }
  compact(docId: string, compaction: Compaction) {
    return this.inner.compact(docId, compaction);
  }
  close() {
    return this.inner.close();
  }
}

let dir: string;
let store: GatedStore;
let rooms: RoomManager;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-ack-'));
  store = new GatedStore(SqliteStore.open(dir));
  rooms = new RoomManager(store, ROOM_DEFAULTS, silentLogger);
});
afterEach(async () => {
  store.release();
  await rooms.close();
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The counts in the acknowledgements a peer received, in order. */
function acks(peer: MemoryPeer): number[] {
  return peer.received
    .filter((m) => m[0] === MessageType.Auth && m[1] === AuthKind.Stored)
    .map((m) => {
      const d = decoding.createDecoder(m);
      decoding.readVarUint(d);
      decoding.readVarUint(d);
      return decoding.readVarUint(d);
    });
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

describe('the server tells a writer what it has stored (AuthKind.Stored)', () => {
  it('[R17] a writer’s sync answer and updates are acknowledged with their count, only once storage has them', async () => {
    const peer = MemoryPeer.join(rooms, 'd');
    // Its sync answer (step 2) is its first write.
    await until(() => acks(peer).at(-1) === 1, 2000, 'the sync answer acknowledged');
    store.hold();
    peer.doc.getText('t').insert(0, 'Điều 1.');
    peer.doc.getText('t').insert(7, ' Thông qua.');
    await settle();
    expect(acks(peer).at(-1)).toBe(1);
    store.release();
    await until(() => acks(peer).at(-1) === 3, 2000, 'both updates acknowledged');
    // What was acknowledged is what storage holds.
    const stored = await store.inner.load('d');
    const copy = new Y.Doc();
    for (const u of [...(stored.state ? [stored.state] : []), ...stored.updates]) Y.applyUpdate(copy, u);
    expect(copy.getText('t').toString()).toBe('Điều 1. Thông qua.');
    // A count never goes down, and is not repeated.
    expect(acks(peer)).toEqual([...new Set(acks(peer))].sort((a, b) => a - b));
  });

  it('[R17] a burst of updates stored in a few flushes is acknowledged once per flush, not once per update', async () => {
    const peer = MemoryPeer.join(rooms, 'd');
    await until(() => acks(peer).at(-1) === 1, 2000, 'the sync answer acknowledged');
    store.hold();
    for (let i = 0; i < 40; i++) peer.doc.getText('t').insert(0, `${i};`);
    await settle();
    store.release();
    await until(() => acks(peer).at(-1) === 41, 2000, 'every update acknowledged');
    // One flush was under way when the hold began and the rest waited for the next: two or three, never forty.
    expect(acks(peer).length).toBeLessThanOrEqual(4);
  });

  it('[R17] a read-only peer is never acknowledged; a writer whose edits a hold dropped is not, until its answer after the lift', async () => {
    const reader = MemoryPeer.join(rooms, 'd', { readOnly: true });
    const writer = MemoryPeer.join(rooms, 'd');
    await until(() => acks(writer).at(-1) === 1, 2000, 'the writer synced');
    const room = rooms.loadedRoom('d')!;
    room.setLock('hold');
    writer.doc.getText('t').insert(0, 'trong lúc biểu quyết');
    await settle();
    expect(acks(writer)).toEqual([1]);
    expect(room.doc.getText('t').toString()).toBe('');
    // Lifting the hold asks every peer; the writer's answer brings the dropped edit, and then it is acknowledged.
    room.setLock(null);
    await until(() => acks(writer).at(-1) === 3, 2000, 'the answer acknowledged');
    expect(room.doc.getText('t').toString()).toBe('trong lúc biểu quyết');
    expect(acks(reader)).toEqual([]);
  });

  it('[R17] an update dropped as incomplete is acknowledged only with the sync answer that holds it', async () => {
    const peer = MemoryPeer.join(rooms, 'd');
    await until(() => acks(peer).at(-1) === 1, 2000, 'synced');
    // Typed while reconnecting: the peer has two keystrokes the server lacks, and sends the second first.
    const offline = new Y.Doc();
    const updates: Uint8Array[] = [];
    offline.on('update', (u: Uint8Array) => updates.push(u));
    offline.getText('t').insert(0, 'a');
    offline.getText('t').insert(1, 'b');
    store.hold();
    for (const u of updates) Y.applyUpdate(peer.doc, u, peer); // its own, not sent by the helper
    peer.conn.receive(syncFrame(SyncStep.Update, updates[1]!));
    // Dropped, and the peer asked; its answer (sync step 2, holding both) is its third write.
    await settle();
    expect(acks(peer)).toEqual([1]);
    store.release();
    await until(() => acks(peer).at(-1) === 3, 2000, 'the answer acknowledged');
    expect(rooms.loadedRoom('d')!.doc.getText('t').toString()).toBe('ab');
  });
});
