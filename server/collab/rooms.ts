import * as Y from 'yjs';
import { CloseCode } from '../../shared/protocol.ts';
import type { Bus } from '../cluster/bus.ts';
import { AppError } from '../errors.ts';
import type { DocumentStore } from '../storage/store.ts';
import { Connection, type PresenceIdentity, type Principal } from './connection.ts';
import type { Logger, PeerSocket } from './peer.ts';
import type { PresenceLimits } from './presence.ts';
import { Room, type RoomLock, type RoomOptions } from './room.ts';

export interface RoomManagerOptions {
  maxBufferedBytes: number;
  pingIntervalMs: number;
  unloadDelayMs: number;
  compactAfterUpdates: number;
  broadcastWritesPerSecond: number;
  maxBroadcastDelayMs: number;
  /** A document's lock (held for a vote or a finalisation request, sealed once adopted or final), asked when its room loads. */
  lockOf?: (docId: string) => Promise<RoomLock | null>;
  /** The suggestion ids an amendment vote froze in the document (`Room.setFrozen`), asked when its room loads. */
  frozenOf?: (docId: string) => Promise<ReadonlySet<string>>;
  onRefusedUpdate?: RoomOptions['onRefusedUpdate'];
  onDirectEditRefused?: RoomOptions['onDirectEditRefused'];
  /** Presence limits, and the documents that take no presence at all (`false`). */
  presence?: (docId: string) => PresenceLimits | false;
  /**
   * Several processes serving one installation (PostgreSQL and Redis): the bus rooms relay their stored batches
   * on. Absent, this process is the only one and nothing changes.
   */
  bus?: Bus;
  /** See `RoomOptions.relayGapMs`. */
  relayGapMs?: number;
  /** See `RoomOptions.relayQuietCheckMs`. */
  relayQuietCheckMs?: number;
  /** See `RoomOptions.peerCountTiming`. */
  peerCountTiming?: RoomOptions['peerCountTiming'];
  /** See `RoomOptions.storageUnavailable` and what follows it: saving paused while the database is away. */
  storageUnavailable?: RoomOptions['storageUnavailable'];
  savingPausedMaxBytes?: number;
  retryMinMs?: number;
  retryMaxMs?: number;
}

/** Generous enough for any caret; what a document takes when no `presence` option says otherwise. */
const DEFAULT_PRESENCE: PresenceLimits = { maxStateBytes: 4096, perSecond: 20 };

/**
 * Loads a room on its first connection, unloads it a while after its last one leaves (after a final persist),
 * and runs the heartbeat that closes peers which stopped answering.
 */
export interface RoomStats {
  rooms: number;
  connections: number;
  savingPaused: number;
  heldBytes: number;
}

export class RoomManager {
  private readonly rooms = new Map<string, Promise<Room>>();
  private readonly loaded = new Map<string, Room>();
  private readonly unloadTimers = new Map<string, NodeJS.Timeout>();
  /** Rooms being unloaded: a new connection waits for the final persist before loading again. */
  private readonly unloading = new Map<string, Promise<void>>();
  private readonly heartbeat: NodeJS.Timeout;
  /** Open connections per person, for the cap on sockets one person may hold. */
  private readonly perUser = new Map<string, number>();
  private closing = false;

  constructor(
    private readonly store: DocumentStore,
    private readonly options: RoomManagerOptions,
    private readonly log: Logger,
  ) {
    this.heartbeat = setInterval(() => this.beat(), options.pingIntervalMs);
    this.heartbeat.unref();
    // Messages sent while the bus was away are lost to this process: every loaded copy reads what it missed.
    options.bus?.onReconnect(() => {
      if (this.closing) return;
      // Rooms still loading too, once they have: their read may predate what was lost.
      for (const loading of this.rooms.values()) void loading.then((room) => room.catchUp(), () => {});
    });
  }

  /** Joins `socket` to the document; messages it sends before the document has loaded are queued. */
  connect(
    docId: string,
    socket: PeerSocket,
    access: { readOnly: boolean; suggestOnly?: boolean; principal?: Principal; identity?: PresenceIdentity },
  ): Connection {
    const conn = new Connection(socket, docId, {
      readOnly: access.readOnly,
      suggestOnly: access.suggestOnly,
      maxBufferedBytes: this.options.maxBufferedBytes,
      principal: access.principal,
      identity: access.identity,
      onGone: (c) => this.forget(c),
    });
    // Counted before anything can close it: closing uncounts it (`forget`).
    const userId = access.principal?.userId;
    if (userId !== undefined) this.perUser.set(userId, (this.perUser.get(userId) ?? 0) + 1);
    if (this.closing) {
      conn.close(CloseCode.ServerRestarting, 'server restarting');
      return conn;
    }
    this.cancelUnload(docId);
    this.room(docId).then(
      (room) => {
        if (conn.closed) {
          if (room.connections.size === 0) this.scheduleUnload(room);
          return;
        }
        // Dropped after a storage failure between loading and now: the client reconnects to a fresh load.
        if (room.isDestroyed) conn.close(CloseCode.StorageError, 'document unavailable');
        else room.attach(conn);
      },
      (err: unknown) => {
        this.log.error({ docId, err: String(err) }, 'could not load document');
        conn.close(CloseCode.StorageError, 'document unavailable');
      },
    );
    return conn;
  }

  /** Open connections of one person, on every document. */
  connectionsOf(userId: string): number {
    return this.perUser.get(userId) ?? 0;
  }

  private forget(conn: Connection): void {
    const userId = conn.principal?.userId;
    if (userId === undefined) return;
    const left = (this.perUser.get(userId) ?? 1) - 1;
    if (left > 0) this.perUser.set(userId, left);
    else this.perUser.delete(userId);
  }

  /**
   * A change the server makes itself (the meeting projection, a template's first text): loads the document if
   * needed, applies `change` in one transaction, and resolves once it is stored and sent to everyone connected.
   * Like anyone's, it is refused once the document is locked in storage (by this process or another), with
   * `document_read_only`, unless `evenIfLocked`: the server's one change to a text it locked, the number written
   * at finalisation.
   */
  async change(docId: string, change: (doc: Y.Doc, locked: boolean) => void, options: { evenIfLocked?: boolean } = {}): Promise<void> {
    if (this.closing) throw new Error('server closing');
    this.cancelUnload(docId);
    const room = await this.room(docId);
    try {
      if (room.isDestroyed) throw new Error('document unavailable');
      refuseWhilePaused(room);
      room.changeByServer(() => change(room.doc, room.locked), options.evenIfLocked);
      await room.whenPersisted();
      if (room.refusedBy) throw new AppError('document_read_only');
      if (room.isDestroyed) throw new Error('document unavailable');
    } finally {
      if (room.connections.size === 0) this.scheduleUnload(room);
    }
  }

  /** The document's whole state now, loading it if needed. */
  async snapshot(docId: string): Promise<Uint8Array> {
    if (this.closing) throw new Error('server closing');
    this.cancelUnload(docId);
    const room = await this.room(docId);
    try {
      if (room.isDestroyed) throw new Error('document unavailable');
      // The text now holds edits that are not stored, which nobody may see yet.
      refuseWhilePaused(room);
      return Y.encodeStateAsUpdate(room.doc);
    } finally {
      if (room.connections.size === 0) this.scheduleUnload(room);
    }
  }

  /**
   * Holds this process's copy of the document against every connection's updates (when it is loaded) and resolves
   * once what it took before is stored: what a vote or a finalisation request does before it locks the document in
   * storage (`DocumentHeads.freeze`), so that the last edits of this process's clients are in the version. The lock
   * in storage is what holds on every process.
   */
  async hold(docId: string): Promise<void> {
    await this.unloading.get(docId);
    const room = this.loaded.get(docId) ?? (await this.rooms.get(docId)?.catch(() => undefined));
    if (!room || room.isDestroyed) return;
    // Waiting for the database to come back would keep the command hanging for as long as it is away.
    refuseWhilePaused(room);
    if (room.lock === null) room.setLock('hold');
    await room.whenPersisted();
  }

  /**
   * Freezes `ids` in this process's copy of the document (when loaded), beside what is frozen already, and resolves
   * once what it took before is stored: what an amendment vote does before it takes the version voted on. The other
   * processes' copies take the frozen ids from the opening's `document.lock` event (`relock`).
   */
  async freeze(docId: string, ids: ReadonlySet<string>): Promise<void> {
    await this.unloading.get(docId);
    const room = this.loaded.get(docId) ?? (await this.rooms.get(docId)?.catch(() => undefined));
    if (!room || room.isDestroyed) return;
    room.setFrozen(new Set([...room.frozen, ...ids]));
    await room.whenPersisted();
  }

  /** Sets a loaded room's frozen suggestion ids; a room still loading gets them once loaded. */
  setFrozen(docId: string, ids: ReadonlySet<string>): void {
    const loaded = this.loaded.get(docId);
    if (loaded) loaded.setFrozen(ids);
    else void this.rooms.get(docId)?.then((room) => room.setFrozen(ids), () => {});
  }

  /**
   * Sets a loaded room's lock; a room still loading gets it once loaded (after the lock it read from `lockOf`,
   * which may predate this one); an unloaded one reads it from `lockOf` when it loads.
   */
  setLock(docId: string, lock: RoomLock | null): void {
    const loaded = this.loaded.get(docId);
    if (loaded) loaded.setLock(lock);
    else void this.rooms.get(docId)?.then((room) => room.setLock(lock), () => {});
  }

  /**
   * Closes the connections whose principal matches, after what admitted them changed (a role, a membership, a
   * session or token that ended); clients that reconnect meet the socket gate again.
   */
  closeConnections(match: (principal: Principal) => boolean, code: number, reason: string): number {
    let closed = 0;
    for (const room of this.loaded.values()) {
      for (const conn of [...room.connections]) {
        if (conn.principal && match(conn.principal)) {
          conn.close(code, reason);
          closed++;
        }
      }
    }
    return closed;
  }

  /** The room if it is loaded now. */
  loadedRoom(docId: string): Room | undefined {
    return this.loaded.get(docId);
  }

  /** For `/healthz`: documents loaded, sync sockets, and documents whose saving is paused with the bytes they hold. */
  stats(): RoomStats {
    let connections = 0;
    let savingPaused = 0;
    let heldBytes = 0;
    for (const room of this.loaded.values()) {
      connections += room.connections.size;
      if (room.savingPaused) {
        savingPaused++;
        heldBytes += room.heldBytes;
      }
    }
    return { rooms: this.loaded.size, connections, savingPaused, heldBytes };
  }

  private room(docId: string): Promise<Room> {
    const existing = this.rooms.get(docId);
    if (existing) return existing;
    const loading = (async () => {
      await this.unloading.get(docId);
      const room = new Room(
        docId,
        this.store,
        {
          compactAfterUpdates: this.options.compactAfterUpdates,
          broadcastWritesPerSecond: this.options.broadcastWritesPerSecond,
          maxBroadcastDelayMs: this.options.maxBroadcastDelayMs,
          onRefusedUpdate: this.options.onRefusedUpdate,
          onDirectEditRefused: this.options.onDirectEditRefused,
          presence: this.options.presence?.(docId) ?? DEFAULT_PRESENCE,
          bus: this.options.bus,
          relayGapMs: this.options.relayGapMs,
          relayQuietCheckMs: this.options.relayQuietCheckMs,
          peerCountTiming: this.options.peerCountTiming,
          storageUnavailable: this.options.storageUnavailable,
          savingPausedMaxBytes: this.options.savingPausedMaxBytes,
          retryMinMs: this.options.retryMinMs,
          retryMaxMs: this.options.retryMaxMs,
        },
        this.log,
        (r) => this.scheduleUnload(r),
        (r, code) => this.drop(r, code),
      );
      try {
        await room.load();
        room.setLock((await this.options.lockOf?.(docId)) ?? null);
        room.setFrozen((await this.options.frozenOf?.(docId)) ?? new Set());
      } catch (err) {
        room.destroy();
        throw err;
      }
      this.loaded.set(docId, room);
      return room;
    })();
    this.rooms.set(docId, loading);
    loading.catch(() => this.rooms.delete(docId));
    return loading;
  }

  private scheduleUnload(room: Room): void {
    if (this.closing || this.unloadTimers.has(room.id)) return;
    const timer = setTimeout(() => {
      this.unloadTimers.delete(room.id);
      void this.unload(room);
    }, this.options.unloadDelayMs);
    timer.unref();
    this.unloadTimers.set(room.id, timer);
  }

  private cancelUnload(docId: string): void {
    const timer = this.unloadTimers.get(docId);
    if (timer) {
      clearTimeout(timer);
      this.unloadTimers.delete(docId);
    }
  }

  private async unload(room: Room): Promise<void> {
    if (room.connections.size > 0 || room.isDestroyed) return;
    // Its edits are held until the database takes them (or the room holds too much and is dropped): not given up
    // because everyone left. Tried again later.
    if (room.savingPaused) return this.scheduleUnload(room);
    // From here on a new connection loads a fresh room, after this one's final persist.
    this.rooms.delete(room.id);
    this.loaded.delete(room.id);
    const done = room.shutdown(CloseCode.Normal, 'unloaded').catch((err: unknown) => {
      this.log.error({ docId: room.id, err: String(err) }, 'final persist failed');
    });
    this.unloading.set(room.id, done);
    await done;
    this.unloading.delete(room.id);
    this.log.debug({ docId: room.id }, 'document unloaded');
  }

  /** After storage failed (4500) or refused a batch (4010): the clients reconnect to a fresh load. */
  private drop(room: Room, code: number): void {
    if (this.loaded.get(room.id) === room) {
      this.rooms.delete(room.id);
      this.loaded.delete(room.id);
      this.cancelUnload(room.id);
    }
    room.destroy(code);
  }

  private beat(): void {
    for (const room of this.loaded.values()) {
      for (const conn of [...room.connections]) {
        if (!conn.heartbeat()) conn.close(CloseCode.DeadPeer, 'no answer to ping');
      }
    }
  }

  /** Persists every document and closes every connection with "server restarting". */
  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.heartbeat);
    for (const timer of this.unloadTimers.values()) clearTimeout(timer);
    this.unloadTimers.clear();
    const rooms = await Promise.all([...this.rooms.values()].map((p) => p.catch(() => null)));
    this.rooms.clear();
    this.loaded.clear();
    await Promise.all([
      ...rooms.map((room) => room?.shutdown(CloseCode.ServerRestarting, 'server restarting')),
      ...this.unloading.values(),
    ]);
  }
}

/** A command that needs the room's text stored (a freeze, a server change, a read of the text) fails at once. */
function refuseWhilePaused(room: Room): void {
  if (room.savingPaused) throw new AppError('database_unavailable');
}
