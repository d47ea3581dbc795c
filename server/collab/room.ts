import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CloseCode, MessageType, SyncStep } from '../../shared/protocol.ts';
import type { Bus } from '../cluster/bus.ts';
import type { AppendResult, DocumentStore, StoredDocument, StoredLock } from '../storage/store.ts';
import { Connection, type MessageSink } from './connection.ts';
import { hasPending, integratesCompletely } from './dependencies.ts';
import { awarenessMessage, savingMessage, storedMessage, syncStep1, syncStep2, updateMessage } from './messages.ts';
import type { Logger } from './peer.ts';
import { PeerCounts, type PeerCountTiming } from './peer-counts.ts';
import { PresenceGate, type PresenceLimits } from './presence.ts';
import { Ranges } from './ranges.ts';
import { DEFAULT_SAVING_PAUSE_LIMITS, SavingPause } from './saving-pause.ts';
import { FreezeGate } from './freeze-gate.ts';
import { AuthorshipLedger } from './authorship.ts';
import { SuggestGate } from './suggest-gate.ts';
import {
  decodeRelay,
  encodePeerCount,
  encodePresenceQuery,
  encodeRelayed,
  encodeRelayedPresence,
  relayChannel,
  type RelayedBatch,
  type RelayedPresence,
} from './relay.ts';

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
  /**
   * Told of each update the suggest gate refused (a direct edit from a connection that may only suggest) and of
   * everything that connection sends after it: resolves to whether it was kept (as that person's draft of refused
   * edits), or null at once when it is not taken at all (over the limits). Absent, such an update is dropped.
   */
  onDirectEditRefused?: (room: Room, conn: Connection, update: Uint8Array) => Promise<boolean> | null;
  /** Presence (awareness) limits; `false` refuses presence on this document altogether. */
  presence: PresenceLimits | false;
  /**
   * Several processes: the bus the room sends each batch it stored to its document's copies on other processes,
   * and hears theirs from. Absent, the room is the document's only copy.
   */
  bus?: Bus;
  /**
   * How long a batch numbered past a gap waits for the missing one to arrive on the bus before the room reads it
   * from storage (batches from different processes may arrive out of order; one lost with the bus never arrives).
   */
  relayGapMs?: number;
  /**
   * How long after its last batch (its own or another's) a copy reads storage once for rows it never heard of: the
   * last batch of a burst whose process died between its commit and its publish, which no later batch reveals.
   */
  relayQuietCheckMs?: number;
  /** How copies tell each other their peer counts, for pacing (default `DEFAULT_PEER_COUNT_TIMING`). */
  peerCountTiming?: PeerCountTiming;
  /**
   * Whether an error from storage says that it cannot be reached for now (a database restarting, a network cut),
   * rather than that it failed: the room then pauses saving and tries the batch again, instead of dropping itself.
   * Absent: every error drops the room.
   */
  storageUnavailable?: (err: unknown) => boolean;
  /** Bytes of edits a room may hold while saving is paused; past them it is dropped (4500). */
  savingPausedMaxBytes?: number;
  /** The wait before the first retry of a held batch, doubled at each failure up to `retryMaxMs`. */
  retryMinMs?: number;
  retryMaxMs?: number;
}

interface Pending {
  update: Uint8Array;
  origin: Connection | null;
  /** The server's own change to a text it locked (see `Room.changeByServer`): stored through the lock. */
  evenIfLocked: boolean;
}

class ProtocolError extends Error {}

/** Transaction origin of applying the stored state: not a change to store or relay. */
const LOAD_ORIGIN = Symbol('load');
/** Transaction origins of the server's own changes: stored and sent to every connection. */
const SERVER_ORIGIN = Symbol('server');
const SERVER_EVEN_IF_LOCKED_ORIGIN = Symbol('server, even if locked');
/** Transaction origin of what another process stored (from the bus or read back from storage): sent, not stored. */
const RELAY_ORIGIN = Symbol('relay');

const DEFAULT_RELAY_GAP_MS = 100;
const DEFAULT_RELAY_QUIET_CHECK_MS = 5000;

/**
 * One loaded document: its Y.Doc, awareness and connections.
 *
 * Updates are applied to the Y.Doc as they arrive and collected; the batch is appended to storage in one
 * transaction and only then sent out, merged into one message, so a peer never sees an update that a crash could
 * lose. An update after a quiet spell goes out on the next turn of the event loop; a fast stream is paced so the
 * room keeps within its write budget (see `RoomOptions`), each batch one write and one frame per peer. A peer
 * never gets its own updates back.
 *
 * With several processes (`RoomOptions.bus`) each process serving the document holds a copy. A stored batch is
 * also published with its row numbers; the other copies apply batches in number order, so each copy holds every
 * row up to its `head`, and they read what they missed (a lost message, numbers their own appends skipped) from
 * storage. Storage refuses an append to a document locked elsewhere: the room is then dropped and reloaded.
 */
export class Room implements MessageSink {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly connections = new Set<Connection>();
  private pending: Pending[] = [];
  /** What other processes stored, applied here and waiting for the next flush to be sent to this room's peers. */
  private relayedOut: Uint8Array[] = [];
  /** The flush that will take the updates pending now; null when none is scheduled. */
  private nextFlush: Promise<void> | null = null;
  private lastFlushAt = -Infinity;
  /** A batch is being written: the document holds updates that storage does not have yet. */
  private writing = false;
  private flushChain: Promise<void> = Promise.resolve();
  /** Every stored row up to this number is in this copy. */
  private head = 0;
  /** This copy's own stored batches numbered past a gap (rows of other processes not here yet). */
  private ahead: [number, number][] = [];
  /** Batches from other processes numbered past a gap, waiting for it to fill. */
  private readonly waiting = new Map<number, RelayedBatch>();
  private gapTimer: NodeJS.Timeout | null = null;
  /** Reads of missed rows that failed in a row (the database away): the next waits longer. */
  private failedCatchUps = 0;
  /** The one read after a quiet spell (`RoomOptions.relayQuietCheckMs`), and when the last batch came. */
  private quietTimer: NodeJS.Timeout | null = null;
  private lastBatchAt = 0;
  private catchingUp: Promise<void> | null = null;
  /** A catch-up was asked for while one was reading: read again after it. */
  private catchUpAgain = false;
  /** Messages from the bus that arrived while the document was loading. */
  private early: RelayedBatch[] | null = [];
  /** Presence from other processes that arrived while the document was loading. */
  private earlyPresence: RelayedPresence[] = [];
  /** The bus reconnected while the document was loading: read what was missed once it has loaded. */
  private catchUpAfterLoad = false;
  private unsubscribe: (() => Promise<void>) | null = null;
  /** The stored rows this copy holds and has not folded: what compaction deletes. */
  private readonly unfolded = new Ranges();
  /** Updates this copy stored since it last compacted: what decides when it compacts. */
  private storedSinceCompaction = 0;
  /** The stored state's version this copy holds (see `DocumentStore.compact`). */
  private stateVersion = 0;
  /** A compaction under way: the next waits for it, so no row is named twice. */
  private compacting: Promise<void> | null = null;
  private destroyed = false;
  /** Saving paused: set while storage cannot be reached (see `flush`). */
  private pause: SavingPause | null = null;
  /** Shutting down: a batch storage cannot take now is given up, not held and tried again. */
  private stopping: { code: number; reason: string } | null = null;
  /** Storage refused a batch because the document is locked (set when the room is dropped for it). */
  refusedBy: StoredLock | null = null;
  /**
   * While set, updates from every connection are dropped, as from a read-only one (see `RoomLock`). The server's
   * own changes (`RoomManager.change`) still apply.
   */
  private lockKind: RoomLock | null = null;
  private readonly presence: PresenceGate | null;
  /** With a bus: the document's peers on every process, which the pacing is measured by. */
  private readonly peerCounts: PeerCounts | null = null;
  /** Checks the updates of connections that may only suggest (made on the first one). */
  private suggestGate: SuggestGate | null = null;
  /** Who each suggestion in the document is by, so that nobody writes one in another person's name. */
  private readonly authorship = new AuthorshipLedger();
  /**
   * The suggestion ids of amendments being voted on (`server/motions/amendments.ts`): an update that touches text
   * carrying one holds its connection back, as a `hold` lock does, until they are lifted.
   */
  private frozenIds: ReadonlySet<string> = new Set();
  private freezeGate: FreezeGate | null = null;

  constructor(
    readonly id: string,
    private readonly store: DocumentStore,
    private readonly options: RoomOptions,
    private readonly log: Logger,
    /** Called when the last connection leaves. */
    private readonly onEmpty: (room: Room) => void = () => {},
    /**
     * Called when storage failed or refused a batch: the room must be dropped without persisting, and reloaded on
     * next use, its connections closed with `code`.
     */
    private readonly onBroken: (room: Room, code: number) => void = () => {},
  ) {
    // The server is not a participant: it has no awareness state of its own.
    this.awareness.setLocalState(null);
    this.presence = options.presence ? new PresenceGate(this.awareness, options.presence) : null;
    const bus = options.bus;
    if (bus) {
      this.peerCounts = new PeerCounts(
        () => this.connections.size,
        (count) => {
          bus.publish(relayChannel(this.id), encodePeerCount(bus.processId, count)).catch((err: unknown) => {
            this.log.debug({ docId: this.id, err: String(err) }, 'could not publish the peer count');
          });
        },
        options.peerCountTiming,
      );
    }
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      // Loading is not a change: nothing to persist or broadcast.
      if (origin === LOAD_ORIGIN) return;
      if (origin === RELAY_ORIGIN) this.relayedOut.push(update);
      else {
        const conn = isConnection(origin) ? origin : null;
        this.pending.push({ update, origin: conn, evenIfLocked: origin === SERVER_EVEN_IF_LOCKED_ORIGIN });
      }
      this.scheduleFlush();
    });
    this.awareness.on('update', this.onAwarenessUpdate);
    this.doc.on('update', this.countHeld);
    this.doc.on('update', (update: Uint8Array) => this.authorship.note(update));
  }

  /** Loads the stored state; no connection is attached before this resolves. */
  async load(): Promise<void> {
    // Listening first: a batch stored after the read below arrives on the bus; one stored before is in the read.
    const bus = this.options.bus;
    if (bus) {
      this.unsubscribe = await bus.subscribe(relayChannel(this.id), (message) => {
        const relayed = decodeRelay(message);
        if (!relayed || relayed.processId === bus.processId || this.destroyed) return;
        if (relayed.kind === 'query') {
          this.publishPresence(this.localPresenceIds());
          this.peerCounts?.asked();
        } else if (relayed.kind === 'peers') this.peerCounts?.heard(relayed.processId, relayed.count);
        else if (relayed.kind === 'presence') this.receivePresence(relayed);
        else if (this.early) this.early.push(relayed);
        else this.receiveRelayed(relayed);
      });
    }
    const stored = await this.store.load(this.id);
    Y.transact(
      this.doc,
      () => {
        if (stored.state) Y.applyUpdate(this.doc, stored.state);
        for (const u of stored.updates) Y.applyUpdate(this.doc, u);
      },
      LOAD_ORIGIN,
    );
    for (const seq of stored.seqs) this.unfolded.add(seq, seq);
    this.stateVersion = stored.stateVersion;
    this.head = stored.head;
    const early = this.early ?? [];
    this.early = null;
    for (const batch of early) this.receiveRelayed(batch);
    for (const presence of this.earlyPresence.splice(0)) this.receivePresence(presence);
    if (this.catchUpAfterLoad) void this.catchUp();
    // The carets shown on other processes now, without waiting for their clients' next renewal.
    if (bus && this.presence) {
      bus.publish(relayChannel(this.id), encodePresenceQuery(bus.processId)).catch((err: unknown) => {
        this.log.debug({ docId: this.id, err: String(err) }, 'could not ask for presence');
      });
    }
  }

  /** Applies a change of the server's own; `evenIfLocked`: stored even though the document is locked. */
  changeByServer(change: () => void, evenIfLocked = false): void {
    this.doc.transact(change, evenIfLocked ? SERVER_EVEN_IF_LOCKED_ORIGIN : SERVER_ORIGIN);
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

  get frozen(): ReadonlySet<string> {
    return this.frozenIds;
  }

  /**
   * Sets the frozen suggestion ids (a partial freeze: the rest of the text stays open). When ids are lifted, the peers
   * held back for touching frozen text are asked again for what they have (sync step 1), so that their edits come
   * back and merge, as when a hold lock lifts; any that touch ids still frozen are held again.
   */
  setFrozen(ids: ReadonlySet<string>): void {
    const was = this.frozenIds;
    if (was.size === ids.size && [...ids].every((id) => was.has(id))) return;
    this.frozenIds = new Set(ids);
    if (ids.size === 0) {
      this.freezeGate?.release();
      this.freezeGate = null;
    }
    const lifted = [...was].some((id) => !ids.has(id));
    if (!lifted || this.lockKind !== null) return;
    const ask = syncStep1(this.doc);
    for (const conn of this.connections) {
      if (!conn.heldBack) continue;
      conn.heldBack = false;
      conn.send(ask);
    }
  }

  attach(conn: Connection): void {
    this.connections.add(conn);
    this.peerCounts?.changed();
    if (this.pause) conn.send(savingMessage(true));
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
    this.peerCounts?.changed();
    this.presence?.leave(conn);
    if (conn.suggestOnly) this.releaseSuggestGate();
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
        if (conn.keepingRefused) {
          // After a refused direct edit, what the peer sends builds on it: kept with it, never applied here.
          conn.behind = true;
          this.keepRefused(conn, update);
          break;
        }
        if (conn.heldBack && this.frozenIds.size > 0) {
          // Held back for touching frozen text: what it sends now may depend on that edit; asked again at the lift.
          conn.behind = true;
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
    if (this.forgesAuthorship(conn, update)) return false;
    if (this.frozenIds.size > 0 && this.touchesFrozen(conn, update)) return false;
    if (conn.suggestOnly && !this.onlySuggests(conn, update)) return false;
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
   * A connection that may only suggest sent an update: admitted only if its effect is that person's suggestions
   * (`suggest-gate.ts`); otherwise nothing of it is applied, it is kept as the person's draft of refused edits, and
   * the connection is closed (`DirectEditsKept`, or `SuggestionsOnly` when it was not kept; the client explains
   * either and does not retry into it).
   */
  private onlySuggests(conn: Connection, update: Uint8Array): boolean {
    this.suggestGate ??= new SuggestGate(this.doc);
    const refused = this.suggestGate.refusal(conn.principal?.userId ?? '', update);
    if (refused === null) return true;
    this.log.info({ docId: this.id, conn: conn.id, why: refused }, 'a direct edit from a connection that may only suggest refused');
    // The freeze gate's probe took the update the room does not: it starts again from the room's document.
    this.freezeGate?.release();
    conn.behind = true;
    this.keepRefused(conn, update);
    return false;
  }

  /**
   * Whether a peer's update writes a suggestion in someone else's name (`authorship.ts`): then nothing of it is
   * applied and the connection is closed (`SuggestionNotYours`). An honest client never sends one; it strips other
   * people's suggestion marks from what is pasted.
   */
  private forgesAuthorship(conn: Connection, update: Uint8Array): boolean {
    const forged = this.authorship.forgery(conn.principal?.userId ?? '', update);
    if (forged === null) return false;
    this.log.warn({ docId: this.id, conn: conn.id, suggestion: forged.id, named: forged.by }, 'a suggestion in another person’s name refused');
    // The gates' probes follow the room's document; they never saw this update.
    conn.close(CloseCode.SuggestionNotYours, 'suggestion not yours');
    return true;
  }

  /**
   * A refused direct edit (or a later write of the same connection) goes to the person's draft of refused edits.
   * The connection stays open, applying nothing, until all it sent is kept; then it is closed with
   * `DirectEditsKept`, and the device drops its copy. If any of it is not kept, at once with `SuggestionsOnly`: the
   * device keeps its copy, and with it the edits.
   */
  private keepRefused(conn: Connection, update: Uint8Array): void {
    const keeping = this.options.onDirectEditRefused?.(this, conn, update) ?? null;
    if (keeping === null) {
      conn.close(CloseCode.SuggestionsOnly, 'suggestions only');
      return;
    }
    const state = (conn.keepingRefused ??= { open: 0, kept: true });
    state.open++;
    void keeping.then(
      (kept) => this.refusedKept(conn, kept),
      () => this.refusedKept(conn, false),
    );
  }

  private refusedKept(conn: Connection, kept: boolean): void {
    const state = conn.keepingRefused;
    if (!state) return;
    state.open--;
    state.kept &&= kept;
    if (!state.kept) conn.close(CloseCode.SuggestionsOnly, 'suggestions only');
    else if (state.open === 0) conn.close(CloseCode.DirectEditsKept, 'kept as a draft');
  }

  /**
   * Whether a peer's update would change text an amendment vote froze: then it is not applied and the connection is
   * held back (its later updates dropped unread) until the freeze lifts and it is asked again. Never a close: an
   * honest client that edited the text offline gets its edits merged after the vote.
   */
  private touchesFrozen(conn: Connection, update: Uint8Array): boolean {
    this.freezeGate ??= new FreezeGate(this.doc);
    if (!this.freezeGate.touches(this.frozenIds, update)) return false;
    this.log.info({ docId: this.id, conn: conn.id }, 'an edit of text frozen for an amendment vote held back');
    conn.heldBack = true;
    conn.behind = true;
    return true;
  }

  private releaseSuggestGate(): void {
    if (![...this.connections].some((c) => c.suggestOnly)) this.suggestGate?.release();
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
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
    const message = awarenessMessage(update);
    for (const conn of this.connections) {
      if (conn !== origin) conn.send(message);
    }
    // A connection's presence, or its removal as it left, goes to the other processes too (already limited to
    // PRESENCE_UPDATES_PER_SECOND per connection by the gate); what came from them, or timed out here, does not.
    if (origin !== RELAY_ORIGIN && origin !== 'timeout') this.publishPresence(changed, update);
  };

  /** The client ids this room's own connections show. */
  private localPresenceIds(): number[] {
    const states = this.awareness.getStates();
    return [...this.connections].map((c) => c.presenceId).filter((id): id is number => id !== null && states.has(id));
  }

  private publishPresence(ids: number[], update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)): void {
    const bus = this.options.bus;
    if (!bus || !this.presence || ids.length === 0 || this.destroyed) return;
    const owners = ids.map((id): [number, string] => [id, this.presence?.ownerOf(id) ?? '']);
    bus.publish(relayChannel(this.id), encodeRelayedPresence({ processId: bus.processId, update, owners })).catch((err: unknown) => {
      this.log.debug({ docId: this.id, err: String(err) }, 'could not publish presence');
    });
  }

  /** Presence from another process's room: shown to this room's peers, never owned by them. */
  private receivePresence(presence: RelayedPresence): void {
    if (!this.presence) return;
    if (this.early) {
      this.earlyPresence.push(presence);
      return;
    }
    this.presence.adoptRemote(presence.owners, this.connections, presence.processId);
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, presence.update, RELAY_ORIGIN);
    } catch (err) {
      this.log.warn({ docId: this.id, err: String(err) }, 'presence from another process did not decode');
    }
  }

  private scheduleFlush(): void {
    if (this.nextFlush || this.destroyed) return;
    // While saving is paused the held flush takes every new edit at its next attempt.
    if (this.pause) return;
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
    // With several processes the budget is the document's, shared by every copy: each waits as long as one
    // process holding all the peers would, so the installation sends as many frames as that one process.
    const peers = this.peerCounts?.total() ?? this.connections.size;
    return Math.min(maxBroadcastDelayMs, (peers * 1000) / broadcastWritesPerSecond);
  }

  /** Resolves once everything applied so far is stored (and sent). */
  whenPersisted(): Promise<void> {
    return this.nextFlush ?? this.flushChain;
  }

  /**
   * Stores what is pending, then sends it to the room's peers and publishes it on the bus. When storage cannot be
   * reached (`RoomOptions.storageUnavailable`), saving pauses: the room keeps its connections and tells them
   * (`AuthKind.SavingPaused`), keeps the batch it could not store, in order, with every edit made since behind it,
   * sends none of it to anyone, and tries again after 0.5 s, 1 s, 2 s … at most 5 s; what others stored (the relay)
   * still goes out at each attempt. Everything waiting on storage (acknowledgements, a newcomer's sync answer,
   * `whenPersisted`) waits for this flush, which ends once all is stored. Past `savingPausedMaxBytes` held, on any
   * other error, or when shutting down, the room is dropped as before (4500): its clients keep their edits and send
   * them again after reconnecting.
   */
  private async flush(): Promise<void> {
    let batch = this.pending;
    this.pending = [];
    const relayed = this.relayedOut;
    this.relayedOut = [];
    if (this.destroyed) return;
    const stored: Pending[] = [];
    const published: RelayedBatch[] = [];
    if (batch.length > 0) {
      this.writing = true;
      try {
        for (;;) {
          const outcome = await this.storeRuns(batch, stored, published);
          if (outcome === 'refused' || this.destroyed) return;
          if (outcome.error === undefined) {
            // Stored. Edits made while saving was paused were held for this flush: they are stored before it ends.
            if (!this.pause) break;
            if (this.pending.length === 0) {
              this.resume();
              // What other processes stored while this flush held the room's sending goes out with it.
              relayed.push(...this.relayedOut.splice(0));
              break;
            }
            batch = this.pending;
            this.pending = [];
            continue;
          }
          const unavailable = this.options.storageUnavailable?.(outcome.error) ?? false;
          if (!unavailable || this.stopping) {
            this.giveUp(outcome.error, unavailable ? 'could not store updates while shutting down' : 'could not store updates; dropping the room');
            return;
          }
          this.pauseSaving(outcome.left, outcome.error);
          // What is stored goes out now: what others stored, and any run of this batch stored before the failure.
          this.sendStored(relayed, stored, published);
          await this.pause!.wait();
          if (this.destroyed) return;
          if (this.stopping) {
            this.giveUp(outcome.error, 'could not store updates while shutting down');
            return;
          }
          batch = outcome.left.concat(this.pending);
          this.pending = [];
          relayed.push(...this.relayedOut.splice(0));
        }
      } finally {
        this.writing = false;
      }
    }
    this.sendStored(relayed, stored, published);
    if (this.storedSinceCompaction >= this.options.compactAfterUpdates) await this.compact();
  }

  /**
   * Appends `batch` run by run; stops at the first run storage fails to take, which is returned with the rest as
   * `left`. `'refused'`: the document is locked elsewhere, and the room has been dropped.
   */
  private async storeRuns(
    batch: Pending[],
    stored: Pending[],
    published: RelayedBatch[],
  ): Promise<'refused' | { error?: unknown; left: Pending[] }> {
    // The server's changes to a locked text are stored on their own: the lock refuses everything else.
    let done = 0;
    for (const run of runsOf(batch)) {
      const updates = run.map((p) => p.update);
      let result: AppendResult;
      try {
        result = await this.store.append(this.id, updates, { server: run[0]!.evenIfLocked });
      } catch (error) {
        return { error, left: batch.slice(done) };
      }
      if (!result.stored) {
        this.log.info({ docId: this.id, lock: result.lock }, 'storage refused a batch: the document was locked elsewhere; reloading it');
        this.refusedBy = result.lock;
        this.onBroken(this, CloseCode.DocumentReloaded);
        return 'refused';
      }
      done += run.length;
      this.storedOwn(result.from, result.to);
      stored.push(...run);
      if (this.options.bus) {
        const update = updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates);
        published.push({ processId: this.options.bus.processId, from: result.from, to: result.to, update });
      }
    }
    return { left: [] };
  }

  /** Sends what is stored to the room's peers and publishes this copy's own on the bus; empties the lists. */
  private sendStored(relayed: Uint8Array[], stored: Pending[], published: RelayedBatch[]): void {
    // A batch stored in one run was merged for the bus already: the peers' message reuses it.
    this.broadcast(relayed.splice(0), stored.splice(0), published.length === 1 ? published[0]!.update : null);
    for (const message of published.splice(0)) this.publish(message);
  }

  private pauseSaving(left: Pending[], err: unknown): void {
    if (this.pause) {
      this.pause.attempts++;
      this.log.debug({ docId: this.id, attempts: this.pause.attempts, err: String(err) }, 'storage still unreachable; holding the edits');
      return;
    }
    let bytes = 0;
    for (const p of left) bytes += p.update.byteLength;
    for (const p of this.pending) bytes += p.update.byteLength;
    const { savingPausedMaxBytes, retryMinMs, retryMaxMs } = this.options;
    const limits = {
      maxBytes: savingPausedMaxBytes ?? DEFAULT_SAVING_PAUSE_LIMITS.maxBytes,
      retryMinMs: retryMinMs ?? DEFAULT_SAVING_PAUSE_LIMITS.retryMinMs,
      retryMaxMs: retryMaxMs ?? DEFAULT_SAVING_PAUSE_LIMITS.retryMaxMs,
    };
    this.pause = new SavingPause(bytes, limits, () => this.holdingTooMuch());
    this.log.warn({ docId: this.id, heldBytes: bytes, err: String(err) }, 'storage unreachable: saving paused, holding the edits and trying again');
    const paused = savingMessage(true);
    for (const conn of this.connections) conn.send(paused);
  }

  private resume(): void {
    const pause = this.pause;
    if (!pause) return;
    this.pause = null;
    this.log.warn({ docId: this.id, pausedMs: Date.now() - pause.since, attempts: pause.attempts }, 'storage reachable again: saving resumed');
    const resumed = savingMessage(false);
    for (const conn of this.connections) conn.send(resumed);
  }

  /** Counts the edits made while saving is paused (what storage or the relay brought is not held). */
  private readonly countHeld = (update: Uint8Array, origin: unknown): void => {
    if (origin !== LOAD_ORIGIN && origin !== RELAY_ORIGIN) this.pause?.add(update.byteLength);
  };

  private holdingTooMuch(): void {
    const pause = this.pause;
    if (!pause || this.destroyed) return;
    this.log.error(
      { docId: this.id, heldBytes: pause.heldBytes, pausedMs: Date.now() - pause.since },
      'saving paused too long: the edits held passed the limit; dropping the room (its clients keep their edits)',
    );
    this.onBroken(this, CloseCode.StorageError);
  }

  /** Drops the room after a batch it will not retry; its clients still hold the edits and send them again. */
  private giveUp(err: unknown, message: string): void {
    this.log.error({ docId: this.id, err: String(err) }, message);
    if (this.stopping) this.destroy(this.stopping.code);
    else this.onBroken(this, CloseCode.StorageError);
  }

  /** Saving is paused: storage cannot be reached, and the room holds its new edits until it can. */
  /** Bytes of edits held while saving is paused (0 when it is not). */
  get heldBytes(): number {
    return this.pause?.heldBytes ?? 0;
  }

  get savingPaused(): boolean {
    return this.pause !== null;
  }

  private publish(batch: RelayedBatch): void {
    const bus = this.options.bus!;
    // A message lost here is not an update lost: it is stored, and the other copies read it back at their next gap
    // or when the bus reconnects.
    bus.publish(relayChannel(this.id), encodeRelayed(batch)).catch((err: unknown) => {
      this.log.warn({ docId: this.id, from: batch.from, to: batch.to, err: String(err) }, 'could not publish a stored batch');
    });
  }

  /** Rows `from` … `to` of this copy's own were stored. */
  private storedOwn(from: number, to: number): void {
    this.armQuietCheck();
    this.unfolded.add(from, to);
    this.storedSinceCompaction += to - from + 1;
    if (to <= this.head) return; // a catch-up already read them back
    if (from === this.head + 1) {
      this.head = to;
      this.advance();
    } else {
      // Another process stored rows in between: they come on the bus, or from storage after a while.
      this.ahead.push([from, to]);
      this.ahead.sort((a, b) => a[0] - b[0]);
      this.scheduleCatchUp();
    }
  }

  /** A batch another process stored. */
  private receiveRelayed(batch: RelayedBatch): void {
    if (batch.to <= this.head) return;
    if (batch.from > this.head + 1) {
      this.waiting.set(batch.from, batch);
      this.scheduleCatchUp();
      return;
    }
    this.applyRelayed(batch);
    this.advance();
  }

  private applyRelayed(batch: RelayedBatch): void {
    this.armQuietCheck();
    Y.applyUpdate(this.doc, batch.update, RELAY_ORIGIN);
    this.checkNothingPending();
    this.unfolded.add(batch.from, batch.to);
    this.head = Math.max(this.head, batch.to);
  }

  /** Moves `head` over every batch that now follows it, this copy's own and those waiting. */
  private advance(): void {
    for (;;) {
      const own = this.ahead[0];
      if (own && own[0] <= this.head + 1) {
        this.ahead.shift();
        this.head = Math.max(this.head, own[1]);
        continue;
      }
      const next = this.waiting.get(this.head + 1);
      if (next) {
        this.waiting.delete(next.from);
        this.applyRelayed(next);
        continue;
      }
      break;
    }
    this.ahead = this.ahead.filter(([, to]) => to > this.head);
    for (const [from, batch] of this.waiting) if (batch.to <= this.head) this.waiting.delete(from);
    if (this.ahead.length === 0 && this.waiting.size === 0 && this.gapTimer) {
      clearTimeout(this.gapTimer);
      this.gapTimer = null;
    }
  }

  /**
   * After the last batch of a spell, one read of storage: rows committed by a process that died before publishing
   * them are otherwise found only by the next batch's gap, which in a quiet document may never come.
   */
  private armQuietCheck(): void {
    if (!this.options.bus || this.destroyed) return;
    this.lastBatchAt = performance.now();
    if (this.quietTimer) return;
    const quietMs = this.options.relayQuietCheckMs ?? DEFAULT_RELAY_QUIET_CHECK_MS;
    const check = () => {
      const wait = this.lastBatchAt + quietMs - performance.now();
      if (wait > 0) {
        this.quietTimer = setTimeout(check, wait);
        this.quietTimer.unref();
        return;
      }
      this.quietTimer = null;
      void this.catchUp();
    };
    this.quietTimer = setTimeout(check, quietMs);
    this.quietTimer.unref();
  }

  private scheduleCatchUp(): void {
    if (this.gapTimer || this.destroyed) return;
    // After failed reads (the database away), each wait twice the last, up to 5 s: not ten reads a second per room.
    const gapMs = this.options.relayGapMs ?? DEFAULT_RELAY_GAP_MS;
    const wait = Math.min(Math.max(gapMs, 5000), gapMs * 2 ** this.failedCatchUps);
    this.gapTimer = setTimeout(() => {
      this.gapTimer = null;
      void this.catchUp();
    }, wait);
    this.gapTimer.unref();
  }

  /**
   * Reads from storage every row after `head` (and the state, if some were folded) and applies it: what the bus did
   * not bring. Called on a gap that did not fill in time, and by the manager when the bus reconnects.
   */
  catchUp(): Promise<void> {
    if (this.destroyed) return Promise.resolve();
    if (this.early) {
      // Still loading: what was missed before the read is in it, what was missed after is read once it is done.
      this.catchUpAfterLoad = true;
      return Promise.resolve();
    }
    if (this.catchingUp) {
      this.catchUpAgain = true;
      return this.catchingUp;
    }
    const run = async () => {
      do {
        this.catchUpAgain = false;
        let missing: StoredDocument;
        try {
          missing = await this.store.since(this.id, this.head);
        } catch (err) {
          this.log.warn({ docId: this.id, err: String(err) }, 'could not read missed updates; will retry');
          this.failedCatchUps = Math.min(this.failedCatchUps + 1, 16);
          this.scheduleCatchUp();
          return;
        }
        this.failedCatchUps = 0;
        if (this.destroyed) return;
        this.applyStored(missing);
      } while (this.catchUpAgain && !this.destroyed);
    };
    this.catchingUp = run().finally(() => {
      this.catchingUp = null;
      if (this.ahead.length > 0 || this.waiting.size > 0) this.scheduleCatchUp();
    });
    return this.catchingUp;
  }

  private applyStored(missing: StoredDocument): void {
    if (missing.head <= this.head) return;
    const from = this.head + 1;
    // In number order, which is an order every update's dependencies come before it in; what this copy has already
    // (its own rows, a state folding rows it holds) changes nothing.
    Y.transact(
      this.doc,
      () => {
        if (missing.state) Y.applyUpdate(this.doc, missing.state);
        missing.updates.forEach((update, i) => {
          if (missing.seqs[i]! >= from) Y.applyUpdate(this.doc, update);
        });
      },
      RELAY_ORIGIN,
    );
    this.checkNothingPending();
    this.unfolded.add(from, missing.head);
    this.head = missing.head;
    this.advance();
  }

  private checkNothingPending(): void {
    if (!hasPending(this.doc)) return;
    // Stored rows applied in number order never depend on what is not there; should they, nothing stays pending.
    this.doc.store.pendingStructs = null;
    this.doc.store.pendingDs = null;
    this.log.error({ docId: this.id, head: this.head }, 'a stored update left changes pending; dropped them');
  }

  /** `merged`: the batch's updates merged, when the caller has it. */
  private broadcast(relayed: Uint8Array[], batch: Pending[], merged: Uint8Array | null = null): void {
    const updates = relayed.concat(batch.map((p) => p.update));
    if (updates.length === 0) return;
    const whole = relayed.length === 0 && merged ? merged : updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates);
    const all = updateMessage(whole);
    const origins = new Set(batch.map((p) => p.origin).filter((o): o is Connection => o !== null));
    for (const conn of this.connections) {
      if (!origins.has(conn)) {
        conn.send(all);
        continue;
      }
      // A peer that sent part of the batch gets the rest of it, never its own updates.
      const others = relayed.concat(batch.filter((p) => p.origin !== conn).map((p) => p.update));
      if (others.length > 0) conn.send(updateMessage(Y.mergeUpdates(others)));
    }
  }

  /**
   * Folds what this copy holds into one snapshot. Only while everything in the copy is stored: a snapshot taken
   * with an edit still to be stored would store that edit by the back door, even if storage then refuses it (a
   * document locked elsewhere) or fails. A compaction put off for that is tried again after the next batch.
   */
  async compact(): Promise<void> {
    while (this.compacting) await this.compacting;
    // (What other processes stored and waits to be sent here is stored: it may be folded.)
    if (this.unfolded.empty || this.writing || this.pending.length > 0 || this.destroyed) return;
    // Every row in `unfolded` is in the document, and nothing else in it is unstored: its state holds exactly
    // stored rows. Rows stored while this runs stay for the next compaction.
    const merged = this.unfolded.ranges();
    const state = Y.encodeStateAsUpdate(this.doc);
    const stored = this.storedSinceCompaction;
    this.compacting = (async () => {
      try {
        this.stateVersion = await this.store.compact(this.id, { state, merged, baseVersion: this.stateVersion });
        this.unfolded.remove(merged);
        this.storedSinceCompaction -= stored;
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
    // A batch held while saving is paused is not waited for: the room goes, and its clients send it again.
    this.stopping = { code, reason };
    this.pause?.end();
    await this.whenPersisted();
    await this.compact();
    for (const conn of [...this.connections]) conn.close(code, reason);
    this.destroy();
  }

  /**
   * Drops the room without persisting (used after a storage failure or refusal, and after shutdown); connections
   * still open are closed with `code`.
   */
  destroy(code: number = CloseCode.StorageError): void {
    if (this.destroyed) return;
    this.destroyed = true;
    if (this.gapTimer) clearTimeout(this.gapTimer);
    this.gapTimer = null;
    if (this.quietTimer) clearTimeout(this.quietTimer);
    this.quietTimer = null;
    this.peerCounts?.close();
    // The held flush ends (it finds the room destroyed) and leaves no timer behind.
    this.pause?.end();
    this.pause = null;
    this.unsubscribe?.().catch((err: unknown) => this.log.warn({ docId: this.id, err: String(err) }, 'could not unsubscribe'));
    this.unsubscribe = null;
    const reason =
      code === CloseCode.DocumentReloaded ? 'document reloaded' : this.stopping?.code === code ? this.stopping.reason : 'document unavailable';
    for (const conn of [...this.connections]) conn.close(code, reason);
    this.presence?.destroy();
    this.suggestGate?.release();
    this.freezeGate?.release();
    this.awareness.destroy();
    this.doc.destroy();
  }

  /** The document's peers on every process that holds it (this one's alone without a bus): what pacing counts. */
  get installationPeers(): number {
    return this.peerCounts?.total() ?? this.connections.size;
  }

  get isDestroyed(): boolean {
    return this.destroyed;
  }
}

function isConnection(origin: unknown): origin is Connection {
  return origin instanceof Connection;
}

/** The batch cut where `evenIfLocked` changes, in order. */
function runsOf(batch: Pending[]): Pending[][] {
  const runs: Pending[][] = [];
  for (const p of batch) {
    const last = runs[runs.length - 1];
    if (last && last[0]!.evenIfLocked === p.evenIfLocked) last.push(p);
    else runs.push([p]);
  }
  return runs;
}
