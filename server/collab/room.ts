import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CloseCode, MessageType, SyncStep } from '../../shared/protocol.ts';
import type { DocumentStore } from '../storage/store.ts';
import { Connection, type MessageSink } from './connection.ts';
import { hasPending, integratesCompletely } from './dependencies.ts';
import { awarenessMessage, storedMessage, syncStep1, syncStep2, updateMessage } from './messages.ts';
import type { Logger } from './peer.ts';
import { PresenceGate, type PresenceLimits } from './presence.ts';

/**
 * Why nothing but the server may change the text. `hold`: for now (a vote, a finalisation request); edits dropped
 * meanwhile come back by themselves when it lifts, since every peer is then asked for what it has. `seal`: for
 * good (adopted, final); edits dropped then are handed to `onRefusedUpdate`, so that they are not lost.
 */
export type RoomLock = 'hold' | 'seal';

/** Updates a connection may send that do not integrate, while the server waits for its answer, before it is closed. */
const MAX_INCOMPLETE_UPDATES = 200;

export interface RoomOptions {
  compactAfterUpdates: number;
  /**
   * Socket writes per second a document may spend on broadcasts. A broadcast costs one write per peer, so the
   * least time between two broadcasts is peers ÷ this budget: a small drafting room sends every update at once,
   * a room with hundreds of readers sends a fast stream a few updates at a time.
   */
  broadcastWritesPerSecond: number;
  /** Upper bound on that pacing, whatever the room's size. */
  maxBroadcastDelayMs: number;
  /**
   * Told of each update dropped because the room is sealed, from a connection that could otherwise write: an
   * offline device's edits to a text that was finalised meanwhile, which must not vanish without a word.
   */
  onRefusedUpdate?: (room: Room, conn: Connection, update: Uint8Array) => void;
  /** Presence (awareness) limits; `false` refuses presence on this document altogether. */
  presence: PresenceLimits | false;
}

interface Pending {
  update: Uint8Array;
  origin: Connection | null;
}

class ProtocolError extends Error {}

/** Transaction origin of applying the stored state: not a change to store or relay. */
const LOAD_ORIGIN = Symbol('load');

/**
 * One loaded document: its Y.Doc, awareness and connections.
 *
 * Updates are applied to the Y.Doc as they arrive and collected; the batch is appended to storage in one
 * transaction and only then sent out, merged into one message, so a peer never sees an update that a crash could
 * lose. An update after a quiet spell goes out on the next turn of the event loop; a fast stream is paced so the
 * room keeps within its write budget (see `RoomOptions`), each batch one write and one frame per peer. A peer
 * never gets its own updates back.
 */
export class Room implements MessageSink {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly connections = new Set<Connection>();
  private pending: Pending[] = [];
  /** The flush that will take the updates pending now; null when none is scheduled. */
  private nextFlush: Promise<void> | null = null;
  private lastFlushAt = -Infinity;
  /** A batch is being written: the document holds updates that storage does not have yet. */
  private writing = false;
  private flushChain: Promise<void> = Promise.resolve();
  /** The stored rows this copy holds and the stored state does not, by sequence number: what compaction folds. */
  private unmerged: number[] = [];
  /** The stored state's version this copy holds (see `DocumentStore.compact`). */
  private stateVersion = 0;
  /** A compaction under way: the next waits for it, so no row is named twice. */
  private compacting: Promise<void> | null = null;
  private destroyed = false;
  /**
   * While set, updates from every connection are dropped, as from a read-only one (see `RoomLock`). The server's
   * own changes (`RoomManager.change`) still apply.
   */
  private lockKind: RoomLock | null = null;
  private readonly presence: PresenceGate | null;

  constructor(
    readonly id: string,
    private readonly store: DocumentStore,
    private readonly options: RoomOptions,
    private readonly log: Logger,
    /** Called when the last connection leaves. */
    private readonly onEmpty: (room: Room) => void = () => {},
    /** Called when storage fails: the room must be dropped without persisting, and reloaded on next use. */
    private readonly onBroken: (room: Room) => void = () => {},
  ) {
    // The server is not a participant: it has no awareness state of its own.
    this.awareness.setLocalState(null);
    this.presence = options.presence ? new PresenceGate(this.awareness, options.presence) : null;
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      // Loading is not a change: nothing to persist or broadcast.
      if (origin === LOAD_ORIGIN) return;
      this.pending.push({ update, origin: isConnection(origin) ? origin : null });
      this.scheduleFlush();
    });
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  /** Loads the stored state; no connection is attached before this resolves. */
  async load(): Promise<void> {
    const stored = await this.store.load(this.id);
    Y.transact(
      this.doc,
      () => {
        if (stored.state) Y.applyUpdate(this.doc, stored.state);
        for (const u of stored.updates) Y.applyUpdate(this.doc, u);
      },
      LOAD_ORIGIN,
    );
    this.unmerged = [...stored.seqs];
    this.stateVersion = stored.stateVersion;
  }

  get lock(): RoomLock | null {
    return this.lockKind;
  }

  get locked(): boolean {
    return this.lockKind !== null;
  }

  /**
   * Sets or lifts the lock. Lifting it asks every peer what it has that the server lacks (sync step 1): edits that
   * were in flight when the document froze, and were dropped, come back in the answers and are applied now, instead
   * of staying on that peer alone, with everything it types later unusable to the server for want of them. Sealing
   * a held document asks the peers whose edits the hold dropped, so that those are kept as refused edits.
   */
  setLock(lock: RoomLock | null): void {
    const was = this.lockKind;
    if (was === lock) return;
    this.lockKind = lock;
    if (was === null) return;
    const ask = syncStep1(this.doc);
    for (const conn of this.connections) {
      if (lock === null || (lock === 'seal' && conn.heldBack)) conn.send(ask);
      conn.heldBack = false;
    }
  }

  attach(conn: Connection): void {
    this.connections.add(conn);
    conn.send(syncStep1(this.doc));
    const states = this.awareness.getStates();
    if (states.size > 0) {
      const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()]);
      conn.send(awarenessMessage(update));
    }
    conn.attach(this);
  }

  detach(conn: Connection): void {
    if (!this.connections.delete(conn)) return;
    this.presence?.leave(conn);
    if (this.connections.size === 0) this.onEmpty(this);
  }

  receive(conn: Connection, data: Uint8Array): void {
    try {
      this.handle(conn, data);
    } catch (err) {
      this.log.warn(
        { docId: this.id, conn: conn.id, bytes: data.byteLength, err: String(err) },
        'malformed message; closing the connection',
      );
      conn.close(CloseCode.ProtocolError, 'protocol error');
    }
  }

  private handle(conn: Connection, data: Uint8Array): void {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MessageType.Sync:
        this.handleSync(conn, decoder);
        break;
      case MessageType.Awareness: {
        const update = decoding.readVarUint8Array(decoder);
        // Presence on a document that takes none (the meeting's live state) is dropped unread.
        this.presence?.receive(conn, update, this.connections);
        break;
      }
      case MessageType.QueryAwareness: {
        const ids = [...this.awareness.getStates().keys()];
        if (ids.length > 0) {
          conn.send(awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)));
        }
        break;
      }
      default:
        throw new ProtocolError(`unknown message type ${type}`);
    }
    if (decoding.hasContent(decoder)) throw new ProtocolError('trailing bytes after message');
  }

  private handleSync(conn: Connection, decoder: decoding.Decoder): void {
    const step = decoding.readVarUint(decoder);
    switch (step) {
      case SyncStep.Step1: {
        const stateVector = decoding.readVarUint8Array(decoder);
        Y.decodeStateVector(stateVector); // throws on a malformed vector before anything is sent
        // The answer may only hold what is stored: wait for any batch still being written.
        if (this.hasUnstored()) {
          void this.whenPersisted().then(() => conn.send(syncStep2(this.doc, stateVector)));
        } else {
          conn.send(syncStep2(this.doc, stateVector));
        }
        break;
      }
      case SyncStep.Step2:
      case SyncStep.Update: {
        const update = decoding.readVarUint8Array(decoder);
        conn.writesReceived++;
        if (conn.readOnly || this.lockKind !== null) {
          conn.behind = true;
          this.log.debug(
            { docId: this.id, conn: conn.id, lock: this.lockKind },
            'update from a connection that may not write dropped',
          );
          if (conn.readOnly) break;
          if (this.lockKind === 'hold') conn.heldBack = true;
          else this.options.onRefusedUpdate?.(this, conn, update);
          break;
        }
        if (this.applyFrom(conn, step, update)) this.acknowledge(conn);
        break;
      }
      default:
        throw new ProtocolError(`unknown sync step ${step}`);
    }
  }

  /**
   * Applies a peer's update, unless Yjs could not integrate all of it: then it is not applied at all (Yjs would
   * keep the rest pending and retry it on every later update, which a hostile writer turns into quadratic time).
   * An honest peer sends such an update in one case: it typed while reconnecting, before it had answered the
   * server's sync step 1 with the edits the server lacks. So the server asks it (sync step 1) and drops the
   * update; the answer holds that update too. An answer that still does not integrate, or too many such updates
   * without an answer, is a protocol error.
   */
  private applyFrom(conn: Connection, step: number, update: Uint8Array): boolean {
    if (!integratesCompletely(this.doc, update)) {
      if (step === SyncStep.Step2) throw new ProtocolError('sync answer depends on changes it does not hold');
      if (++conn.incompleteUpdates > MAX_INCOMPLETE_UPDATES) {
        throw new ProtocolError('updates keep depending on changes the server does not have');
      }
      conn.behind = true;
      if (conn.incompleteUpdates === 1) conn.send(syncStep1(this.doc));
      return false;
    }
    Y.applyUpdate(this.doc, update, conn);
    if (step === SyncStep.Step2) {
      conn.incompleteUpdates = 0;
      // A sync answer holds everything the peer had when it wrote it, so also whatever of its was dropped before.
      conn.behind = false;
    }
    if (hasPending(this.doc)) {
      // Only if the check above and Yjs ever disagree: never keep anything pending.
      this.doc.store.pendingStructs = null;
      this.doc.store.pendingDs = null;
      this.log.error({ docId: this.id, conn: conn.id }, 'an update left changes pending; dropped them');
      throw new ProtocolError('update left changes pending');
    }
    return true;
  }

  /**
   * Tells a peer that its writes so far are stored (`AuthKind.Stored`), once they are: what its save state rests
   * on. Never while something of its was dropped and not yet made good by a sync answer, and never from a room
   * whose storage failed. The stock client ignores the message.
   */
  private acknowledge(conn: Connection): void {
    if (conn.behind) return;
    const send = (through: number) => {
      if (this.destroyed || through <= conn.writesAcknowledged) return;
      conn.writesAcknowledged = through;
      conn.send(storedMessage(through));
    };
    if (!this.hasUnstored()) return send(conn.writesReceived);
    // Writes that one flush stores share one acknowledgement, sent when it resolves: a burst of updates costs one
    // closure and one message per flush, not one per update.
    const flush = this.whenPersisted();
    if (conn.ackWaiting?.flush === flush) {
      conn.ackWaiting.through = conn.writesReceived;
      return;
    }
    const waiting = { flush, through: conn.writesReceived };
    conn.ackWaiting = waiting;
    void flush.then(() => {
      if (conn.ackWaiting === waiting) conn.ackWaiting = null;
      send(waiting.through);
    });
  }

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const changed = added.concat(updated, removed);
    const message = awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    for (const conn of this.connections) {
      if (conn !== origin) conn.send(message);
    }
  };

  private scheduleFlush(): void {
    if (this.nextFlush || this.destroyed) return;
    this.nextFlush = new Promise((resolve) => {
      const run = () => {
        this.nextFlush = null;
        this.lastFlushAt = performance.now();
        this.flushChain = this.flushChain.then(() => this.flush());
        resolve(this.flushChain);
      };
      const wait = this.lastFlushAt + this.broadcastIntervalMs() - performance.now();
      if (wait <= 0) setImmediate(run);
      else setTimeout(run, wait);
    });
  }

  private hasUnstored(): boolean {
    return this.writing || this.nextFlush !== null || this.pending.length > 0;
  }

  private broadcastIntervalMs(): number {
    const { broadcastWritesPerSecond, maxBroadcastDelayMs } = this.options;
    return Math.min(maxBroadcastDelayMs, (this.connections.size * 1000) / broadcastWritesPerSecond);
  }

  /** Resolves once everything applied so far is stored (and sent). */
  whenPersisted(): Promise<void> {
    return this.nextFlush ?? this.flushChain;
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0 || this.destroyed) return;
    this.writing = true;
    try {
      const seqs = await this.store.append(this.id, batch.map((p) => p.update));
      for (const seq of seqs) this.unmerged.push(seq);
    } catch (err) {
      this.log.error({ docId: this.id, err: String(err) }, 'could not store updates; dropping the room');
      this.onBroken(this);
      return;
    } finally {
      this.writing = false;
    }
    this.broadcast(batch);
    if (this.unmerged.length >= this.options.compactAfterUpdates) await this.compact();
  }

  private broadcast(batch: Pending[]): void {
    const all = updateMessage(batch.length === 1 ? batch[0]!.update : Y.mergeUpdates(batch.map((p) => p.update)));
    const origins = new Set(batch.map((p) => p.origin).filter((o): o is Connection => o !== null));
    for (const conn of this.connections) {
      if (!origins.has(conn)) {
        conn.send(all);
        continue;
      }
      // A peer that sent part of the batch gets the rest of it, never its own updates.
      const others = batch.filter((p) => p.origin !== conn).map((p) => p.update);
      if (others.length > 0) conn.send(updateMessage(Y.mergeUpdates(others)));
    }
  }

  /** Folds the stored tail into one snapshot. */
  async compact(): Promise<void> {
    while (this.compacting) await this.compacting;
    if (this.unmerged.length === 0) return;
    // The rows stored so far are all in the document (a row is stored after its update is applied), so its
    // state holds every one of them; rows appended while this runs stay for the next compaction.
    const merged = this.unmerged.slice();
    const state = Y.encodeStateAsUpdate(this.doc);
    this.compacting = (async () => {
      try {
        this.stateVersion = await this.store.compact(this.id, { state, merged, baseVersion: this.stateVersion });
        this.unmerged.splice(0, merged.length);
      } catch (err) {
        this.log.warn({ docId: this.id, err: String(err) }, 'compaction failed; will retry');
      } finally {
        this.compacting = null;
      }
    })();
    await this.compacting;
  }

  /** Stores everything, compacts, and closes every connection with `code`. */
  async shutdown(code: number, reason: string): Promise<void> {
    await this.whenPersisted();
    await this.compact();
    for (const conn of [...this.connections]) conn.close(code, reason);
    this.destroy();
  }

  /** Drops the room without persisting (used after a storage failure and after shutdown). */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    for (const conn of [...this.connections]) conn.close(CloseCode.StorageError, 'document unavailable');
    this.presence?.destroy();
    this.awareness.destroy();
    this.doc.destroy();
  }

  get isDestroyed(): boolean {
    return this.destroyed;
  }
}

function isConnection(origin: unknown): origin is Connection {
  return origin instanceof Connection;
}
