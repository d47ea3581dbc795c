import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { AuthKind, CloseCode, MessageType } from '../../shared/protocol.ts';
import { MemoryPeer } from '../../test/helpers/memory-peer.ts';
import { ROOM_DEFAULTS } from '../../test/helpers/rooms.ts';
import { until } from '../../test/helpers/wait.ts';
import { databaseUnavailable } from '../db/kysely.ts';
import { AppError } from '../errors.ts';
import { SqliteStore } from '../storage/sqlite.ts';
import type { AppendOptions, Compaction, DocumentStore } from '../storage/store.ts';
import { silentLogger } from './peer.ts';
import { RoomManager, type RoomManagerOptions } from './rooms.ts';

/** The real store, whose writes fail as PostgreSQL's do while it restarts (connection refused) when `down`. */
class FlakyStore implements DocumentStore {
  down = false;
  /** Another kind of failure: a statement that failed, not a database out of reach. */
  broken = false;
  attempts: number[] = [];
  constructor(readonly inner: SqliteStore) {}
  load(docId: string) {
    return this.inner.load(docId);
  }
  since(docId: string, after: number) {
    return this.inner.since(docId, after);
  }
  async append(docId: string, updates: readonly Uint8Array[], options?: AppendOptions) {
    await new Promise((r) => setTimeout(r, 1));
    this.attempts.push(performance.now());
    if (this.down) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    if (this.broken) throw Object.assign(new Error('value too long'), { code: '22001' });
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
let store: FlakyStore;
let managers: RoomManager[];
const manager = (opts: Partial<RoomManagerOptions> = {}) => {
  const m = new RoomManager(
    store,
    { ...ROOM_DEFAULTS, storageUnavailable: databaseUnavailable, retryMinMs: 40, retryMaxMs: 160, ...opts },
    silentLogger,
  );
  managers.push(m);
  return m;
};

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-paused-'));
  store = new FlakyStore(SqliteStore.open(dir));
  managers = [];
});
afterEach(async () => {
  for (const m of managers) await m.close();
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The kinds of the `Auth` messages a peer received, in order (`Stored` with its count). */
function authLog(peer: MemoryPeer): string[] {
  return peer.received
    .filter((m) => m[0] === MessageType.Auth)
    .map((m) => (m[1] === AuthKind.Stored ? `stored ${m[2]}` : m[1] === AuthKind.SavingPaused ? 'paused' : m[1] === AuthKind.SavingResumed ? 'resumed' : `auth ${m[1]}`));
}

async function storedText(docId = 'd'): Promise<string> {
  const stored = await store.inner.load(docId);
  const doc = new Y.Doc();
  if (stored.state) Y.applyUpdate(doc, stored.state);
  for (const u of stored.updates) Y.applyUpdate(doc, u);
  return doc.getText('t').toString();
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('saving paused while the database cannot be reached (room core)', () => {
  it('[C25] the room keeps its peers, tells them saving paused, shows and stores nothing of the held edits, retries with a growing wait, and on recovery stores them in order before sending them', async () => {
    const rooms = manager();
    const writer = MemoryPeer.join(rooms, 'd');
    const reader = MemoryPeer.join(rooms, 'd');
    await until(() => rooms.stats().connections === 2);
    writer.doc.getText('t').insert(0, 'Điều 1. ');
    await until(() => reader.text === 'Điều 1. ');
    await until(() => authLog(writer).includes('stored 2'));

    store.down = true;
    store.attempts = [];
    writer.doc.getText('t').insert(8, 'Thông qua');
    await until(() => authLog(writer).includes('paused') && authLog(reader).includes('paused'), 2000, 'saving paused');
    // More typed while paused, and a newcomer: it is told at once, and its first sync holds only what is stored.
    writer.doc.getText('t').insert(17, ' báo cáo');
    const late = MemoryPeer.join(rooms, 'd');
    await until(() => authLog(late).includes('paused'), 2000, 'the newcomer told');
    await sleep(400);
    expect(writer.closedWith).toBeNull();
    expect(reader.closedWith).toBeNull();
    expect(rooms.loadedRoom('d')!.savingPaused).toBe(true);
    expect(reader.text).toBe('Điều 1. ');
    expect(late.text).toBe('');
    expect(authLog(writer).at(-1)).toBe('paused');
    expect(await storedText()).toBe('Điều 1. ');
    // Tried again after 40, 80, 160, 160 … ms: a few attempts, not one per turn of the event loop.
    const gaps = store.attempts.slice(1).map((t, i) => t - store.attempts[i]!);
    expect(store.attempts.length).toBeGreaterThanOrEqual(3);
    expect(store.attempts.length).toBeLessThanOrEqual(7);
    expect(gaps[0]).toBeGreaterThanOrEqual(35);
    expect(Math.max(...gaps)).toBeGreaterThanOrEqual(140);
    expect(Math.max(...gaps)).toBeLessThan(1000);

    // Commands that need the text stored are refused at once, with the code HTTP answers 503 for.
    await expect(rooms.hold('d')).rejects.toSatisfy((e) => e instanceof AppError && e.code === 'database_unavailable');
    await expect(rooms.snapshot('d')).rejects.toSatisfy((e) => e instanceof AppError && e.code === 'database_unavailable');
    await expect(rooms.change('d', (doc) => doc.getText('t').insert(0, 'x'))).rejects.toSatisfy(
      (e) => e instanceof AppError && e.code === 'database_unavailable',
    );
    expect(rooms.loadedRoom('d')!.locked).toBe(false);

    store.down = false;
    await until(() => reader.text === 'Điều 1. Thông qua báo cáo' && late.text === reader.text, 2000, 'the held edits after recovery');
    await until(() => authLog(writer).at(-1) === 'stored 4', 2000, 'the acknowledgement');
    const log = authLog(writer);
    expect(log.slice(log.indexOf('paused'))).toEqual(['paused', 'resumed', 'stored 4']);
    expect(authLog(reader).slice(-2)).toEqual(['paused', 'resumed']);
    expect(rooms.loadedRoom('d')!.savingPaused).toBe(false);
    // The held batch first, then what was typed after it: the stored rows replay to the same text.
    expect(await storedText()).toBe('Điều 1. Thông qua báo cáo');
    const rows = (await store.inner.load('d')).updates.length;
    writer.doc.getText('t').insert(0, '» ');
    await until(() => reader.text.startsWith('» '), 2000, 'saving as usual');
    expect((await store.inner.load('d')).updates.length).toBe(rows + 1);
  });

  it('[C25] past SAVING_PAUSED_MAX_BYTES held the room is dropped (4500) and leaves no retry behind; other failures drop it at once; a shutdown does not wait for the database', async () => {
    const rooms = manager({ savingPausedMaxBytes: 64 * 1024 });
    const a = MemoryPeer.join(rooms, 'd');
    const b = MemoryPeer.join(rooms, 'd');
    await until(() => rooms.stats().connections === 2);
    store.down = true;
    a.doc.getText('t').insert(0, 'Kế hoạch năm');
    await until(() => authLog(b).includes('paused'), 2000, 'saving paused');
    a.doc.getText('t').insert(0, 'x'.repeat(70 * 1024));
    await until(() => a.closedWith !== null && b.closedWith !== null, 2000, 'the room dropped');
    expect([a.closedWith?.code, b.closedWith?.code]).toEqual([CloseCode.StorageError, CloseCode.StorageError]);
    expect(b.text).toBe('');
    expect(rooms.stats().rooms).toBe(0);
    const attempts = store.attempts.length;
    await sleep(400);
    expect(store.attempts.length).toBe(attempts);

    // A statement that failed is not a database away: dropped at once, as before (R13).
    store.down = false;
    store.broken = true;
    const c = MemoryPeer.join(rooms, 'e');
    await until(() => rooms.stats().connections === 1);
    c.doc.getText('t').insert(0, 'Nghị quyết');
    await until(() => c.closedWith !== null, 2000, 'dropped');
    expect(c.closedWith?.code).toBe(CloseCode.StorageError);
    expect(authLog(c)).not.toContain('paused');
    store.broken = false;

    // Stopping the server while saving is paused: every peer is told "restarting" at once, nothing is retried.
    const d = MemoryPeer.join(rooms, 'f');
    await until(() => rooms.stats().connections === 1);
    store.down = true;
    d.doc.getText('t').insert(0, 'Biên bản');
    await until(() => authLog(d).includes('paused'), 2000, 'saving paused');
    const started = performance.now();
    await rooms.close();
    expect(performance.now() - started).toBeLessThan(2000);
    expect(d.closedWith?.code).toBe(CloseCode.ServerRestarting);
    const afterClose = store.attempts.length;
    await sleep(400);
    expect(store.attempts.length).toBe(afterClose);
    expect(await storedText('f')).toBe('');
  });

  it('[C25] a room whose saving is paused is not unloaded when its last peer leaves: it stores the held edits once the database is back', async () => {
    const rooms = manager({ unloadDelayMs: 50 });
    const a = MemoryPeer.join(rooms, 'd');
    await until(() => rooms.stats().connections === 1);
    store.down = true;
    a.doc.getText('t').insert(0, 'Hội nghị');
    await until(() => authLog(a).includes('paused'), 2000, 'saving paused');
    a.leave();
    await sleep(300);
    expect(rooms.stats().rooms).toBe(1);
    store.down = false;
    await until(() => rooms.stats().rooms === 0, 3000, 'unloaded after storing');
    expect(await storedText()).toBe('Hội nghị');
  });
});
