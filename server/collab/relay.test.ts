import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Kysely } from 'kysely';
import * as encoding from 'lib0/encoding';
import { CloseCode, MessageType } from '../../shared/protocol.ts';
import { stockClientsForEachTest, whenSynced, type StockClient } from '../../test/helpers/clients.ts';
import { MemoryPeer } from '../../test/helpers/memory-peer.ts';
import { createTestDatabase, postgresAvailable, type TestDatabase } from '../../test/helpers/postgres.ts';
import { BusHub, redisAvailable, redisTestBus } from '../../test/helpers/relay-bus.ts';
import { ROOM_DEFAULTS } from '../../test/helpers/rooms.ts';
import { until } from '../../test/helpers/wait.ts';
import type { Bus } from '../cluster/bus.ts';
import { postgresKysely, postgresPool } from '../db/kysely.ts';
import type { Schema } from '../db/schema.ts';
import { DocumentHeads } from '../documents/heads-repo.ts';
import { PostgresStore } from '../storage/postgres.ts';
import type { AppendOptions, AppendResult, Compaction, DocumentStore, StoredLock } from '../storage/store.ts';
import { silentLogger } from './peer.ts';
import { decodeRelayed } from './relay.ts';
import type { RoomLock } from './room.ts';
import { RoomManager, type RoomManagerOptions } from './rooms.ts';
import { attachCollabSockets } from './ws-adapter.ts';

/**
 * Several processes' rooms on one document, modelled in one test process: each "process" is a room manager with its
 * own PostgreSQL store (its own pool) and its own socket server, and they share one bus; the clients are stock
 * y-websocket clients. The bus is real Redis where the test means to cross it, else an in-memory hub whose faults
 * (a message lost, held back, the connection coming back) the test controls.
 */
const postgres = await postgresAvailable('the rooms of several processes');
const redis = postgres && (await redisAvailable('the rooms of several processes'));

let db: TestDatabase | null = null;
let sql: Kysely<Schema> | null = null;
beforeAll(async () => {
  if (!postgres) return;
  db = await createTestDatabase();
  // Made once, so the schema is there before any process connects.
  await (await PostgresStore.connect(db.url)).close();
  sql = postgresKysely(postgresPool(db.url, 4));
});
afterAll(async () => {
  await sql?.destroy();
  await db?.drop();
});

/** The real store, watched: appends can be held back, and each one's commit is reported when it resolves. */
class ObservedStore implements DocumentStore {
  private gate: Promise<void> | null = null;
  private openGate: () => void = () => {};
  compactions = 0;
  onCommitted: (updates: readonly Uint8Array[], result: AppendResult) => void = () => {};
  constructor(readonly inner: PostgresStore) {}
  hold(): void {
    this.gate = new Promise((resolve) => (this.openGate = resolve));
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
  async append(docId: string, updates: readonly Uint8Array[], options?: AppendOptions) {
    await this.gate;
    const result = await this.inner.append(docId, updates, options);
    this.onCommitted(updates, result);
    return result;
  }
  async compact(docId: string, compaction: Compaction) {
    const version = await this.inner.compact(docId, compaction);
    this.compactions++;
    return version;
  }
  close() {
    return this.inner.close();
  }
}

interface Proc {
  rooms: RoomManager;
  store: ObservedStore;
  url: string;
  /** What the rooms logged at error level. */
  errors: string[];
  close(): Promise<void>;
}

let procs: Proc[] = [];
const buses: Bus[] = [];
afterEach(async () => {
  await Promise.all(procs.map((p) => p.close()));
  await Promise.all(buses.splice(0).map((b) => b.close()));
  procs = [];
});
const client = stockClientsForEachTest();

async function lockOf(docId: string): Promise<RoomLock | null> {
  const row = await sql!.selectFrom('doc_head').select('lock').where('doc_id', '=', docId).executeTakeFirst();
  return (row?.lock as RoomLock | null | undefined) ?? null;
}

async function setStoredLock(docId: string, lock: StoredLock | null): Promise<void> {
  await new DocumentHeads(sql!).setLock(docId, lock);
}

/** One "process": a room manager on its own store and socket server, on `bus`. */
async function proc(bus: Bus, options: Partial<RoomManagerOptions> = {}): Promise<Proc> {
  const store = new ObservedStore(await PostgresStore.connect(db!.url));
  const errors: string[] = [];
  const log = { ...silentLogger, error: (obj: object, msg: string) => void errors.push(`${msg} ${JSON.stringify(obj)}`) };
  const rooms = new RoomManager(store, { ...ROOM_DEFAULTS, bus, relayGapMs: 40, lockOf, ...options }, log);
  const server = http.createServer();
  const sockets = attachCollabSockets(server, rooms, { maxMessageBytes: 1 << 20, log: silentLogger });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const made: Proc = {
    rooms,
    store,
    errors,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      store.release();
      await rooms.close();
      await sockets.closeAll(CloseCode.ServerRestarting, 'server restarting');
      await new Promise((resolve) => server.close(resolve));
      await store.close();
    },
  };
  procs.push(made);
  return made;
}

const docId = () => `relay-${randomBytes(5).toString('hex')}`;

/** The document's text as stored. */
async function storedText(id: string): Promise<string> {
  const loaded = await procs[0]!.store.inner.load(id);
  const doc = new Y.Doc();
  if (loaded.state) Y.applyUpdate(doc, loaded.state);
  for (const u of loaded.updates) Y.applyUpdate(doc, u);
  return doc.getText('t').toString();
}

const type = (c: StockClient, text: string) => c.doc.getText('t').insert(c.doc.getText('t').length, text);
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.runIf(postgres)('rooms of several processes on one PostgreSQL database and one bus', () => {
  it.runIf(redis)('[C1] stock clients on two processes, over real Redis, editing one document at once converge, storage has the same text, and presence crosses', async () => {
    const prefix = `quorum-test-${randomBytes(4).toString('hex')}:`;
    const [busA, busB] = [await redisTestBus(prefix), await redisTestBus(prefix)];
    buses.push(busA, busB);
    const [a, b] = [await proc(busA), await proc(busB)];
    const id = docId();
    const clients = [client(a.url, id), client(a.url, id), client(b.url, id), client(b.url, id)];
    await Promise.all(clients.map((c) => whenSynced(c)));
    for (let round = 0; round < 30; round++) {
      clients.forEach((c, i) => {
        const t = c.doc.getText('t');
        t.insert(Math.floor(t.length / 2), `${'abcd'[i]}${round % 10}`);
      });
      if (round % 5 === 0) await pause(5);
    }
    await until(() => new Set(clients.map((c) => c.doc.getText('t').toString())).size === 1, 10_000, 'convergence');
    const text = clients[0]!.doc.getText('t').toString();
    expect(text).toHaveLength(4 * 30 * 2);
    await until(() => a.rooms.loadedRoom(id)!.doc.getText('t').toString() === text, 5000, 'process A');
    await until(() => b.rooms.loadedRoom(id)!.doc.getText('t').toString() === text, 5000, 'process B');
    await a.rooms.loadedRoom(id)!.whenPersisted();
    await b.rooms.loadedRoom(id)!.whenPersisted();
    expect(await storedText(id)).toBe(text);

    // Presence crosses too: a caret on A is seen on B, and goes when its client leaves.
    const [onA] = clients;
    const [, , onB] = clients;
    onA!.provider.awareness.setLocalStateField('user', { name: 'Người trên A', color: '#1f77b4' });
    const seenOnB = () => onB!.provider.awareness.getStates().get(onA!.doc.clientID) as { user?: { name: string } } | undefined;
    await until(() => seenOnB()?.user?.name === 'Người trên A', 5000, 'presence from A on B');
    onA!.destroy();
    await until(() => seenOnB() === undefined, 5000, 'the caret gone on B');
  });

  it('[C1] a connection on one process cannot announce the client id of a caret shown from another', async () => {
    const hub = new BusHub();
    const [a, b] = [await proc(hub.join()), await proc(hub.join())];
    const id = docId();
    const principal = (userId: string) => ({ userId, meetingId: 'm', credential: `session:${userId}` });
    const an = MemoryPeer.join(a.rooms, id, { principal: principal('an'), identity: { name: 'An', color: '#1f77b4' } });
    const binh = MemoryPeer.join(b.rooms, id, { principal: principal('binh'), identity: { name: 'Bình', color: '#ff7f0e' } });
    an.setPresence({ name: 'An' });
    await until(() => binh.awareness.getStates().has(an.doc.clientID), 5000, 'An’s caret on B');
    // Bình's connection claims An's client id, with a newer clock.
    const impostor = MemoryPeer.join(b.rooms, id, { principal: principal('binh'), identity: { name: 'Bình', color: '#ff7f0e' } });
    const claim = encoding.createEncoder();
    encoding.writeVarUint(claim, MessageType.Awareness);
    const entry = encoding.createEncoder();
    encoding.writeVarUint(entry, 1);
    encoding.writeVarUint(entry, an.doc.clientID);
    encoding.writeVarUint(entry, 50);
    encoding.writeVarString(entry, JSON.stringify({ name: 'giả mạo' }));
    encoding.writeVarUint8Array(claim, encoding.toUint8Array(entry));
    impostor.sendToServer(encoding.toUint8Array(claim));
    await pause(200);
    const shownOnB = b.rooms.loadedRoom(id)!.awareness.getStates().get(an.doc.clientID) as { user?: { name: string } };
    expect(shownOnB.user?.name).toBe('An');
    const shownOnA = a.rooms.loadedRoom(id)!.awareness.getStates().get(an.doc.clientID) as { user?: { name: string } };
    expect(shownOnA.user?.name).toBe('An');
  });

  it('[C1] a person joining on another process is shown in a colour that no one else’s caret there has', async () => {
    const hub = new BusHub();
    const [a, b] = [await proc(hub.join()), await proc(hub.join())];
    const id = docId();
    const principal = (userId: string) => ({ userId, meetingId: 'm', credential: `session:${userId}` });
    // Both people's own colour is the same one: on one process the second would get another; so on two.
    const an = MemoryPeer.join(a.rooms, id, { principal: principal('an'), identity: { name: 'An', color: '#1f77b4' } });
    an.setPresence({ name: 'An' });
    const binh = MemoryPeer.join(b.rooms, id, { principal: principal('binh'), identity: { name: 'Bình', color: '#1f77b4' } });
    await until(() => b.rooms.loadedRoom(id)?.awareness.getStates().has(an.doc.clientID) === true, 5000, 'An’s caret on B');
    binh.setPresence({ name: 'Bình' });
    const colorOn = (p: Proc, clientId: number) =>
      (p.rooms.loadedRoom(id)?.awareness.getStates().get(clientId) as { user?: { color?: string } } | undefined)?.user?.color;
    await until(() => colorOn(a, binh.doc.clientID) !== undefined, 5000, 'Bình’s caret on A');
    expect(colorOn(b, an.doc.clientID)).toBe('#1f77b4');
    expect(colorOn(b, binh.doc.clientID)).not.toBe('#1f77b4');
    expect(colorOn(a, binh.doc.clientID)).toBe(colorOn(b, binh.doc.clientID));
  });

  it('[C1] a client joining on another process sees the carets already shown, without waiting for their renewal', async () => {
    const hub = new BusHub();
    const [a, b] = [await proc(hub.join()), await proc(hub.join())];
    const id = docId();
    const a1 = client(a.url, id);
    await whenSynced(a1);
    a1.provider.awareness.setLocalStateField('user', { name: 'Đã ở đây', color: '#2ca02c' });
    await until(() => a.rooms.loadedRoom(id)?.awareness.getStates().has(a1.doc.clientID) === true);
    // B's room loads only now, and asks A for the carets it shows.
    const b1 = client(b.url, id);
    await whenSynced(b1);
    await until(() => b1.provider.awareness.getStates().has(a1.doc.clientID), 2000, 'A’s caret on B at once');
  });

  it('[C2] an update reaches a peer on another process only after it is committed, and not while its append waits', async () => {
    const hub = new BusHub();
    const [a, b] = [await proc(hub.join()), await proc(hub.join())];
    const id = docId();
    const [a1, a2, b1] = [client(a.url, id), client(a.url, id), client(b.url, id)];
    await Promise.all([a1, a2, b1].map((c) => whenSynced(c)));
    let committed = false;
    a.store.onCommitted = (updates, result) => {
      const doc = new Y.Doc();
      for (const u of updates) Y.applyUpdate(doc, u);
      if (result.stored && doc.getText('t').toString().includes('Điều 1.')) committed = true;
    };
    const seenBeforeCommit: string[] = [];
    for (const [name, peer] of [['a2', a2], ['b1', b1]] as const) {
      peer.doc.on('update', () => {
        if (peer.doc.getText('t').toString().includes('Điều 1.') && !committed) seenBeforeCommit.push(name);
      });
    }
    a.store.hold();
    type(a1, 'Điều 1.');
    await pause(300);
    expect(b1.doc.getText('t').toString()).toBe('');
    expect(a2.doc.getText('t').toString()).toBe('');
    expect(await storedText(id)).toBe('');
    a.store.release();
    await until(() => b1.doc.getText('t').toString() === 'Điều 1.' && a2.doc.getText('t').toString() === 'Điều 1.', 5000, 'delivery');
    expect(committed).toBe(true);
    expect(seenBeforeCommit).toEqual([]);
  });

  it('[C3] a batch lost on the bus is read from storage when the next one shows the gap', async () => {
    const hub = new BusHub();
    const [busA, busB] = [hub.join(), hub.join()];
    const [a, b] = [await proc(busA), await proc(busB)];
    const id = docId();
    const [a1, b1] = [client(a.url, id), client(b.url, id)];
    await Promise.all([a1, b1].map((c) => whenSynced(c)));
    let lose = 1;
    hub.filter = (m, to) => (m.from === busA.processId && to === busB.processId && lose-- > 0 ? 'drop' : 'deliver');
    type(a1, 'một ');
    await pause(250);
    // Lost indeed: nothing else brought it.
    expect(b1.doc.getText('t').toString()).toBe('');
    type(a1, 'hai ');
    await until(() => b1.doc.getText('t').toString() === 'một hai ', 5000, 'the lost batch, from storage');
    const batches = hub.published.map((m) => decodeRelayed(m.message)).filter((r) => r !== null);
    expect(batches.map((r) => [r.from, r.to])).toEqual([
      [1, 1],
      [2, 2],
    ]);
  });

  it('[C3] the last batch of a burst, lost on the bus with no batch after it, is read from storage after a quiet spell', async () => {
    const hub = new BusHub();
    const [busA, busB] = [hub.join(), hub.join()];
    const [a, b] = [await proc(busA, { relayQuietCheckMs: 300 }), await proc(busB, { relayQuietCheckMs: 300 })];
    const id = docId();
    const [a1, b1] = [client(a.url, id), client(b.url, id)];
    await Promise.all([a1, b1].map((c) => whenSynced(c)));
    type(a1, 'một ');
    await until(() => b1.doc.getText('t').toString() === 'một ', 5000, 'the first batch');
    // A's last batch never reaches B, as when A dies between its commit and its publish; nobody types after it.
    hub.filter = (m, to) => (m.from === busA.processId && to === busB.processId && decodeRelayed(m.message) !== null ? 'drop' : 'deliver');
    type(a1, 'hai ');
    await until(() => b1.doc.getText('t').toString() === 'một hai ', 5000, 'the lost last batch, from storage');
  });

  it('[C4] rows another process took between this one’s own are read from storage when their message is late, and the late message changes nothing', async () => {
    const hub = new BusHub();
    const [busA, busB] = [hub.join(), hub.join()];
    const [a, b] = [await proc(busA), await proc(busB)];
    const id = docId();
    const [a1, b1, b2] = [client(a.url, id), client(b.url, id), client(b.url, id)];
    await Promise.all([a1, b1, b2].map((c) => whenSynced(c)));
    hub.filter = (m, to) => (m.from === busA.processId && to === busB.processId ? 'hold' : 'deliver');
    type(a1, 'A ');
    await until(() => a.rooms.loadedRoom(id) !== undefined);
    await pause(100); // A's row 1 is stored; its message waits
    type(b1, 'B ');
    // B's own append took row 2: the gap before it is read from storage, so B's clients get A's text.
    await until(() => b2.doc.getText('t').toString().includes('A ') && b2.doc.getText('t').toString().includes('B '), 5000, 'A’s row on B');
    await until(() => a1.doc.getText('t').toString().includes('B '), 5000, 'B’s row on A');
    const before = b2.doc.getText('t').toString();
    // Late, A's message holds nothing B lacks: B applies nothing and sends its peers nothing.
    let frames = 0;
    b2.provider.ws!.addEventListener('message', () => frames++);
    hub.filter = () => 'deliver';
    hub.release();
    await pause(150);
    expect(frames).toBe(0);
    expect(b2.doc.getText('t').toString()).toBe(before);
    expect(a1.doc.getText('t').toString()).toBe(before);
  });

  it('[C4] three processes with writers on each converge, in storage too, when the bus reorders batches and loses some', async () => {
    const hub = new BusHub();
    hub.delay = () => Math.floor(Math.random() * 25);
    hub.filter = (m) => (decodeRelayed(m.message) && Math.random() < 0.1 ? 'drop' : 'deliver');
    const ps = [await proc(hub.join()), await proc(hub.join()), await proc(hub.join())];
    const id = docId();
    const clients = ps.flatMap((p) => [client(p.url, id), client(p.url, id)]);
    await Promise.all(clients.map((c) => whenSynced(c)));
    for (let round = 0; round < 40; round++) {
      clients.forEach((c, i) => {
        const t = c.doc.getText('t');
        t.insert(Math.floor(Math.random() * (t.length + 1)), `${'abcdef'[i]}`);
      });
      await pause(3);
    }
    // Delivery made whole again, and one more edit so every copy sees the last gap.
    hub.filter = () => 'deliver';
    type(clients[0]!, '.');
    await until(() => new Set(clients.map((c) => c.doc.getText('t').toString())).size === 1, 15_000, 'convergence');
    const text = clients[0]!.doc.getText('t').toString();
    expect(text).toHaveLength(6 * 40 + 1);
    for (const p of ps) await until(() => p.rooms.loadedRoom(id)!.doc.getText('t').toString() === text, 5000, 'every copy');
    for (const p of ps) await p.rooms.loadedRoom(id)!.whenPersisted();
    expect(await storedText(id)).toBe(text);
    // Batches applied in number order: never anything left pending in a copy.
    expect(ps.flatMap((p) => p.errors)).toEqual([]);
  });

  it('[C5] when the bus comes back, every loaded room reads what it missed meanwhile', async () => {
    const hub = new BusHub();
    const [busA, busB] = [hub.join(), hub.join()];
    const [a, b] = [await proc(busA), await proc(busB)];
    const ids = [docId(), docId()];
    const on = ids.map((id) => [client(a.url, id), client(b.url, id)] as const);
    await Promise.all(on.flat().map((c) => whenSynced(c)));
    hub.filter = (m, to) => (to === busB.processId ? 'hold' : 'deliver');
    on.forEach(([a1], i) => type(a1, `văn bản ${i} `));
    await pause(200);
    expect(hub.discard()).toBe(2); // lost with the connection
    expect(on.map(([, b1]) => b1.doc.getText('t').toString())).toEqual(['', '']);
    hub.filter = () => 'deliver';
    hub.reconnect(busB.processId);
    await until(() => on.every(([, b1], i) => b1.doc.getText('t').toString() === `văn bản ${i} `), 5000, 'catch-up');
  });

  it('[C6] a compaction by one process deletes none of the rows another stored and it does not hold yet', async () => {
    const hub = new BusHub();
    const [busA, busB] = [hub.join(), hub.join()];
    // A reads no gap from storage for the length of the test: its copy lacks B's row until the bus brings it.
    const [a, b] = [await proc(busA, { compactAfterUpdates: 10, relayGapMs: 60_000 }), await proc(busB)];
    const id = docId();
    const [a1, b1] = [client(a.url, id), client(b.url, id)];
    await Promise.all([a1, b1].map((c) => whenSynced(c)));
    hub.filter = (m, to) => (m.from === busB.processId && to === busA.processId ? 'hold' : 'deliver');
    type(b1, 'của B ');
    await until(() => b.rooms.loadedRoom(id) !== undefined);
    await pause(100);
    for (let i = 0; i < 15; i++) {
      type(a1, `${i} `);
      await pause(5);
    }
    await until(() => a.store.compactions > 0, 5000, 'a compaction on A');
    // A's copy never held B's row; it is still stored, and in the text.
    expect(a.rooms.loadedRoom(id)!.doc.getText('t').toString()).not.toContain('của B ');
    const loaded = await a.store.inner.load(id);
    expect(loaded.state).not.toBeNull();
    expect(await storedText(id)).toContain('của B ');
    hub.filter = () => 'deliver';
    hub.release();
    await until(() => a1.doc.getText('t').toString() === b1.doc.getText('t').toString(), 5000, 'convergence');
    // Both compact at unload (at close): still nothing lost.
    const text = a1.doc.getText('t').toString();
    await Promise.all(procs.map((p) => p.close()));
    procs = [];
    expect(text).toContain('của B ');
    const again = await PostgresStore.connect(db!.url);
    try {
      const doc = new Y.Doc();
      const stored = await again.load(id);
      if (stored.state) Y.applyUpdate(doc, stored.state);
      for (const u of stored.updates) Y.applyUpdate(doc, u);
      expect(doc.getText('t').toString()).toBe(text);
    } finally {
      await again.close();
    }
  });

  it('[C7] an edit to a document locked on another process is refused by storage: the room reloads (4010), the edit is held, and comes back when the lock lifts', async () => {
    const hub = new BusHub();
    const [a, b] = [await proc(hub.join()), await proc(hub.join())];
    const id = docId();
    const [a1, b1] = [client(a.url, id), client(b.url, id)];
    await Promise.all([a1, b1].map((c) => whenSynced(c)));
    type(a1, 'trước; ');
    await until(() => b1.doc.getText('t').toString() === 'trước; ');
    // Locked in storage, as a vote opened on another process does; this process's room has not heard of it.
    await setStoredLock(id, 'hold');
    type(b1, 'trong khi khóa; ');
    await until(() => b1.closeCodes.includes(CloseCode.DocumentReloaded), 5000, 'the reload');
    await whenSynced(b1);
    await until(() => b.rooms.loadedRoom(id)?.lock === 'hold', 5000, 'the reloaded room held');
    await pause(200);
    expect(await storedText(id)).toBe('trước; ');
    expect(a1.doc.getText('t').toString()).toBe('trước; ');
    expect(b1.doc.getText('t').toString()).toBe('trước; trong khi khóa; ');
    // The lock lifts (a vote closed without adopting): every process's room is told, and the held edit comes back.
    await setStoredLock(id, null);
    a.rooms.setLock(id, null);
    b.rooms.setLock(id, null);
    await until(() => a1.doc.getText('t').toString() === 'trước; trong khi khóa; ', 5000, 'the held edit, after the lift');
    expect(await storedText(id)).toBe('trước; trong khi khóa; ');
  });
  it('[C30] a document paces its broadcasts by its peers on every process: a process holding few of them waits as long as one holding them all would', async () => {
    const hub = new BusHub();
    // 100 writes/s for the document: with 10 peers, 100 ms between broadcasts; this process's 2 alone would allow 20 ms.
    const pacing = {
      broadcastWritesPerSecond: 100,
      maxBroadcastDelayMs: 1000,
      peerCountTiming: { announceEveryMs: 50, refreshEveryMs: 1000, expireMs: 3000 },
    };
    const [a, b] = [await proc(hub.join(), pacing), await proc(hub.join(), pacing)];
    const id = docId();
    const [writer, near] = [client(a.url, id), client(a.url, id)];
    const far = Array.from({ length: 8 }, () => client(b.url, id));
    await Promise.all([writer, near, ...far].map((c) => whenSynced(c)));
    const peersOn = (p: Proc) => p.rooms.loadedRoom(id)?.installationPeers;
    await until(() => peersOn(a) === 10 && peersOn(b) === 10, 5000, 'both copies counting all 10 peers');
    let nearFrames = 0;
    let farFrames = 0;
    near.doc.on('update', () => nearFrames++);
    far[0]!.doc.on('update', () => farFrames++);
    const started = performance.now();
    for (let i = 0; i < 40; i++) {
      type(writer, `${i};`);
      await pause(10);
    }
    const typedFor = performance.now() - started;
    const done = (c: StockClient) => c.doc.getText('t').toString().endsWith('39;');
    await until(() => done(near) && far.every(done), 5000, 'every reader has all 40 updates');
    // One broadcast per 100 ms at most, on each process, plus the first and the last.
    const most = Math.ceil(typedFor / 100) + 2;
    expect(nearFrames).toBeLessThanOrEqual(most);
    expect(farFrames).toBeLessThanOrEqual(most);
    // The far readers leave: the near copy hears it and paces by its own peers again; a count that stops being
    // refreshed (its process killed) is forgotten after expireMs.
    for (const c of far) c.destroy();
    await until(() => peersOn(a) === 2, 5000, 'the near copy counting its own peers only');
    const third = await proc(hub.join('p-third'), pacing);
    await whenSynced(client(third.url, id));
    await until(() => peersOn(a) === 3, 5000, 'the third copy counted');
    // The third process goes silent, as if killed: nothing of its reaches the bus any more, not even a last 0.
    hub.filter = (message) => (message.from === 'p-third' ? 'drop' : 'deliver');
    await until(() => peersOn(a) === 2, 8000, 'the silent copy forgotten');
  });
});
