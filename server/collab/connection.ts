import { CloseCode } from '../../shared/protocol.ts';
import type { PeerSocket } from './peer.ts';

export interface ConnectionOptions {
  /** Updates from a read-only connection are dropped; it still receives everything and may show presence. */
  readOnly: boolean;
  /** Every update must be a suggestion of this peer's own (`suggest-gate.ts`); one that is not closes it. */
  suggestOnly?: boolean;
  maxBufferedBytes: number;
  /** Who opened it, with which credential, in which meeting: closed when any of these changes. */
  principal?: Principal;
  /** The name and colour others see on this peer's caret, whatever its own presence state says. */
  identity?: PresenceIdentity;
  /** Called once when the connection ends, whichever side ended it. */
  onGone?: (conn: Connection) => void;
}

export interface PresenceIdentity {
  name: string;
  color: string;
}

/** `credential` names the session or token that admitted the connection (opaque to the room core). */
export interface Principal {
  userId: string;
  meetingId: string;
  credential: string;
}

export interface MessageSink {
  receive(conn: Connection, data: Uint8Array): void;
  detach(conn: Connection): void;
}

let nextId = 1;

/**
 * One peer in one room. Messages that arrive before the room has loaded wait here, in order, so that the peer's
 * first sync is always answered from the stored document, never from an empty one.
 */
export class Connection {
  readonly id = nextId++;
  readonly readOnly: boolean;
  readonly suggestOnly: boolean;
  readonly principal: Principal | null;
  readonly identity: PresenceIdentity | null;
  /** The one awareness client id this peer announces; removed from the room's awareness when it leaves. */
  presenceId: number | null = null;
  /** An update of this peer's was dropped while the room was held (a vote, a finalisation request). */
  heldBack = false;
  /** Updates of this peer's that did not integrate since the server asked it for what it lacks. */
  incompleteUpdates = 0;
  /** Sync writes (step 2 and updates) received from this peer, and the count last acknowledged as stored. */
  writesReceived = 0;
  writesAcknowledged = 0;
  /** The acknowledgement waiting for the flush that stores this peer's latest writes: one per flush, not per write. */
  ackWaiting: { flush: Promise<void>; through: number } | null = null;
  /** A write of this peer's was dropped and no sync answer of its has been applied since: nothing is acknowledged. */
  behind = false;
  /**
   * This peer, which may only suggest, sent a direct edit that is being kept as its person's draft of refused
   * edits (`Room.onlySuggests`): how many of its writes are still being kept, and whether all so far were.
   */
  keepingRefused: { open: number; kept: boolean } | null = null;
  private sink: MessageSink | null = null;
  private queue: Uint8Array[] | null = [];
  private alive = true;
  private closedFlag = false;

  constructor(
    readonly socket: PeerSocket,
    readonly docId: string,
    private readonly options: ConnectionOptions,
  ) {
    this.readOnly = options.readOnly;
    this.suggestOnly = options.suggestOnly === true && !options.readOnly;
    this.principal = options.principal ?? null;
    this.identity = options.identity ?? null;
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  /** Called by the transport for every incoming frame. */
  receive(data: Uint8Array): void {
    if (this.closedFlag) return;
    this.alive = true;
    if (this.sink) this.sink.receive(this, data);
    else this.queue?.push(data);
  }

  /** Called by the room once it has loaded: queued messages are handled now. */
  attach(sink: MessageSink): void {
    this.sink = sink;
    const queued = this.queue ?? [];
    this.queue = null;
    for (const data of queued) {
      if (this.closedFlag) break;
      sink.receive(this, data);
    }
  }

  /** Sends unless the peer's unsent data would pass the limit; a reader that cannot keep up is closed. */
  send(data: Uint8Array): void {
    if (this.closedFlag) return;
    if (this.socket.bufferedAmount + data.byteLength > this.options.maxBufferedBytes) {
      this.close(CloseCode.SlowReader, 'slow reader');
      return;
    }
    this.socket.send(data);
  }

  markAlive(): void {
    this.alive = true;
  }

  /** One heartbeat tick: false when the peer did not answer since the previous tick. */
  heartbeat(): boolean {
    if (!this.alive) return false;
    this.alive = false;
    this.socket.ping();
    return true;
  }

  /** Closes the socket (server-initiated) and leaves the room. Idempotent. */
  close(code: number, reason: string): void {
    if (this.closedFlag) return;
    this.socket.close(code, reason);
    this.gone();
  }

  /** The transport reports that the socket is gone. Idempotent. */
  gone(): void {
    if (this.closedFlag) return;
    this.closedFlag = true;
    this.queue = null;
    this.options.onGone?.(this);
    this.sink?.detach(this);
  }
}
