import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';
import { MESSAGE_SYNC, STEP2, updateFrame } from './wire.ts';

/**
 * A load generator's writing peer: a real Y.Doc on one raw y-websocket connection (the fan-out's writer, the vote
 * baseline's relay writer). It syncs the way `WebsocketProvider` does (its step 1 on open, answers to the
 * server's sync messages), calls `onSynced` once the server's step 2 has arrived, and sends every local update of
 * `doc` as its own `sync/update` frame, synchronously inside Yjs's update handler: a time taken just before a
 * change is the time its frame was sent.
 */
export interface DocPeer {
  readonly socket: WebSocket;
  /** Whether the socket has closed. */
  readonly closed: boolean;
}

const REMOTE = Symbol('remote');

export function connectDocPeer(
  doc: Y.Doc,
  url: string,
  name: string,
  onSynced: () => void,
  options?: WebSocket.ClientOptions,
): DocPeer {
  const socket = new WebSocket(url, options);
  const peer = { socket, closed: false };
  let synced = false;
  socket.on('open', () => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(e, doc);
    socket.send(encoding.toUint8Array(e));
  });
  socket.on('message', (data: Buffer) => {
    const decoder = decoding.createDecoder(data);
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return;
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MESSAGE_SYNC);
    syncProtocol.readSyncMessage(decoder, e, doc, REMOTE);
    if (encoding.length(e) > 1) socket.send(encoding.toUint8Array(e));
    if (data[1] === STEP2 && !synced) {
      synced = true;
      onSynced();
    }
  });
  socket.on('close', () => {
    peer.closed = true;
  });
  socket.on('error', (err) => process.stderr.write(`${name} socket error: ${String(err)}\n`));
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin === REMOTE || socket.readyState !== WebSocket.OPEN) return;
    socket.send(updateFrame(update));
  });
  return peer;
}
