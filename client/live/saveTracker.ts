import * as decoding from 'lib0/decoding';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { AuthKind, MessageType, SyncStep } from '../../shared/protocol.ts';

export interface SaveCounts {
  /** Changes made on this device since the server last acknowledged everything it was sent. */
  unsent: number;
  /** The server has acknowledged everything this device had, and nothing was changed here since. */
  serverHasAll: boolean;
  /**
   * The server said on the open socket that it cannot save for now (`AuthKind.SavingPaused`: its database is out of
   * reach), and has not said since that it resumed or stored anything.
   */
  savingPaused: boolean;
}

interface SocketCount {
  /** Sync writes (step 2, updates) sent on this socket, in order. */
  sent: number;
  /** This socket has carried a sync answer: everything the device had then, the offline changes included. */
  answered: boolean;
}

/**
 * Knows whether the server has every change made on this device, from the server's acknowledgements
 * (`AuthKind.Stored`, see `shared/protocol.ts`): the provider's socket counts the sync writes it sends, and when
 * the server says it has stored as many as were sent on a socket that has carried a sync answer, it has them all.
 * Until then every change made here (not those that came from the server or the device's own copy) is unsent.
 */
export class SaveTracker {
  private counts: SaveCounts = { unsent: 0, serverHasAll: false, savingPaused: false };
  private readonly sockets = new WeakMap<object, SocketCount>();
  private readonly listeners = new Set<() => void>();
  private provider: WebsocketProvider | null = null;

  constructor(
    private readonly doc: Y.Doc,
    /** Origins of updates that are not changes made here: the device's copy being loaded. */
    private readonly notMine: (origin: unknown) => boolean = () => false,
  ) {
    doc.on('update', this.onUpdate);
  }

  /** The provider's `WebSocketPolyfill`: the platform's socket, counting the sync writes it sends. */
  socketClass(Base: typeof WebSocket): typeof WebSocket {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the socket class needs the tracker it reports to
    const tracker = this;
    return class CountingSocket extends Base {
      override send(...args: Parameters<WebSocket['send']>): void {
        tracker.sending(this, args[0]);
        super.send(...args);
      }
    };
  }

  /** Takes the server's acknowledgements from the provider (which would otherwise ignore them). */
  attach(provider: WebsocketProvider): void {
    this.provider = provider;
    provider.messageHandlers[MessageType.Auth] = (_encoder, decoder, from) => {
      const kind = decoding.readVarUint(decoder);
      if (kind === AuthKind.Stored) this.stored(from, decoding.readVarUint(decoder));
      else if (kind === AuthKind.SavingPaused || kind === AuthKind.SavingResumed) {
        this.set({ ...this.counts, savingPaused: kind === AuthKind.SavingPaused });
      } else if (kind === AuthKind.PermissionDenied) {
        console.warn(`Permission denied to access ${from.url}.\n${decoding.readVarString(decoder)}`);
      }
    };
    // A pause is the word of one socket's server: a socket that closed says nothing about the next one's.
    provider.on('status', this.onStatus);
  }

  private readonly onStatus = ({ status }: { status: string }): void => {
    if (status !== 'connected' && this.counts.savingPaused) this.set({ ...this.counts, savingPaused: false });
  };

  get current(): SaveCounts {
    return this.counts;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  destroy(): void {
    this.provider?.off('status', this.onStatus);
    this.doc.off('update', this.onUpdate);
    this.listeners.clear();
  }

  private readonly onUpdate = (_update: Uint8Array, origin: unknown): void => {
    if (origin === this.provider || this.notMine(origin)) return;
    this.set({ ...this.counts, unsent: this.counts.unsent + 1, serverHasAll: false });
  };

  private sending(socket: object, data: unknown): void {
    const bytes = data instanceof Uint8Array ? data : data instanceof ArrayBuffer ? new Uint8Array(data) : null;
    // One-byte varints: the message type, then the sync step.
    if (!bytes || bytes[0] !== MessageType.Sync || (bytes[1] !== SyncStep.Step2 && bytes[1] !== SyncStep.Update)) return;
    const count = this.sockets.get(socket) ?? { sent: 0, answered: false };
    count.sent++;
    if (bytes[1] === SyncStep.Step2) count.answered = true;
    this.sockets.set(socket, count);
  }

  private stored(provider: WebsocketProvider, through: number): void {
    const count = provider.ws && this.sockets.get(provider.ws);
    // Something stored: saving is not paused (whatever else the count says).
    if (!count || !count.answered || count.sent !== through) {
      if (this.counts.savingPaused) this.set({ ...this.counts, savingPaused: false });
      return;
    }
    this.set({ unsent: 0, serverHasAll: true, savingPaused: false });
  }

  private set(next: SaveCounts): void {
    const same = next.unsent === this.counts.unsent && next.serverHasAll === this.counts.serverHasAll;
    if (same && next.savingPaused === this.counts.savingPaused) return;
    this.counts = next;
    for (const listener of this.listeners) listener();
  }
}
