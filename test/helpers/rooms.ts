import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { silentLogger } from '../../server/collab/peer.ts';
import { RoomManager, type RoomManagerOptions } from '../../server/collab/rooms.ts';
import { SqliteStore } from '../../server/storage/sqlite.ts';

/** Room manager options for tests: pings and unloads far away, no pacing to speak of. */
export const ROOM_DEFAULTS: RoomManagerOptions = {
  maxBufferedBytes: 1024 * 1024,
  pingIntervalMs: 60_000,
  unloadDelayMs: 60_000,
  compactAfterUpdates: 1000,
  broadcastWritesPerSecond: 1_000_000,
  maxBroadcastDelayMs: 25,
};

/**
 * Room managers on a real SQLite store in a fresh directory for each test, closed (and the directory removed)
 * after it: `const rooms = roomManagers(); … const m = rooms({ presence: … })`.
 */
export function roomManagers(): (opts?: Partial<RoomManagerOptions>) => RoomManager {
  let dir = '';
  let store: SqliteStore | null = null;
  let made: RoomManager[] = [];
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-rooms-'));
    store = SqliteStore.open(dir);
    made = [];
  });
  afterEach(async () => {
    for (const m of made) await m.close();
    await store?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return (opts = {}) => {
    const m = new RoomManager(store!, { ...ROOM_DEFAULTS, ...opts }, silentLogger);
    made.push(m);
    return m;
  };
}
