import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { Connection, PresenceIdentity, Principal } from '../../server/collab/connection.ts';
import type { PeerSocket } from '../../server/collab/peer.ts';
import type { RoomManager } from '../../server/collab/rooms.ts';
import { MessageType } from '../../shared/protocol.ts';

/**
 * A client peer wired to the room core in memory: the server side is a `PeerSocket`, the client side a Y.Doc
 * speaking y-protocols, exactly as the y-websocket client does. Frames are delivered on a later microtask, as a
 * network would, and every frame the server sent is kept for inspection.
 */
export class MemoryPeer implements PeerSocket {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly received: Uint8Array[] = [];
  closedWith: { code: number; reason: string } | null = null;
  bufferedAmount = 0;
  pings = 0;
  /** When false the peer does not answer pings (a dead peer). */
  answersPings = true;
  conn!: Connection;

  constructor(private readonly name = 'peer') {
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === this) return;
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, MessageType.Sync);
      syncProtocol.writeUpdate(e, update);
      this.sendToServer(encoding.toUint8Array(e));
    });
  }

  static join(
    rooms: RoomManager,
    docId: string,
    opts: { readOnly?: boolean; suggestOnly?: boolean; name?: string; principal?: Principal; identity?: PresenceIdentity } = {},
  ): MemoryPeer {
    const peer = new MemoryPeer(opts.name);
    peer.conn = rooms.connect(docId, peer, {
      readOnly: opts.readOnly ?? false,
      suggestOnly: opts.suggestOnly,
      principal: opts.principal,
      identity: opts.identity,
    });
    // The client opens with its own sync step 1, as the y-websocket provider does.
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MessageType.Sync);
    syncProtocol.writeSyncStep1(e, peer.doc);
    peer.sendToServer(encoding.toUint8Array(e));
    return peer;
  }

  get text(): string {
    return this.doc.getText('t').toString();
  }

  sendToServer(data: Uint8Array): void {
    queueMicrotask(() => this.conn.receive(data));
  }

  /** Announces presence with a name, as the editor's caret extension does. */
  setPresence(state: Record<string, unknown>): void {
    this.awareness.setLocalState(state);
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.doc.clientID]);
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MessageType.Awareness);
    encoding.writeVarUint8Array(e, update);
    this.sendToServer(encoding.toUint8Array(e));
  }

  // PeerSocket (server → client)
  send(data: Uint8Array): void {
    this.received.push(data);
    queueMicrotask(() => this.handle(data));
  }

  close(code: number, reason: string): void {
    this.closedWith ??= { code, reason };
  }

  ping(): void {
    this.pings++;
    if (this.answersPings) queueMicrotask(() => this.conn.markAlive());
  }

  /** The client goes away (its socket closed). */
  leave(): void {
    this.conn.gone();
  }

  private handle(data: Uint8Array): void {
    if (this.closedWith) return;
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    if (type === MessageType.Sync) {
      const reply = encoding.createEncoder();
      encoding.writeVarUint(reply, MessageType.Sync);
      syncProtocol.readSyncMessage(decoder, reply, this.doc, this);
      if (encoding.length(reply) > 1) this.sendToServer(encoding.toUint8Array(reply));
    } else if (type === MessageType.Awareness) {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), this);
    }
  }

  /** Names of the other peers this one sees present. */
  presentNames(): string[] {
    return [...this.awareness.getStates().entries()]
      .filter(([id]) => id !== this.doc.clientID)
      .map(([, s]) => String((s as { name?: string }).name))
      .sort();
  }
}
