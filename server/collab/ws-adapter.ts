import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { CloseCode, COLLAB_PATH, isValidDocumentId } from '../../shared/protocol.ts';
import { binaryFrame } from './frame.ts';
import type { PresenceIdentity, Principal } from './connection.ts';
import type { Logger, PeerSocket } from './peer.ts';
import type { RoomManager } from './rooms.ts';

/** The decision at connect time: refused with a close code, or admitted read-only or read-write. */
export type CollabAccess =
  | { refuse: number; reason: string }
  | { readOnly: boolean; suggestOnly?: boolean; principal?: Principal; identity?: PresenceIdentity };

export interface CollabSocketOptions {
  maxMessageBytes: number;
  log: Logger;
  /** Decides at connect time whether the peer may connect and write; everyone may write when absent. */
  /** Decided before the upgrade completes: no message of the connection is read until it has been. */
  access?: (req: IncomingMessage, docId: string) => Promise<CollabAccess>;
}

/**
 * Binds the room core to `ws` on the HTTP server's upgrade event, for `/collab/<documentId>`.
 * Returns a function that closes every socket (used at shutdown, after the rooms have persisted).
 */
export function attachCollabSockets(
  server: Server,
  rooms: RoomManager,
  options: CollabSocketOptions,
): { closeAll(code: number, reason: string): Promise<void> } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes, perMessageDeflate: false });
  const prefix = `${COLLAB_PATH}/`;

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (!pathname.startsWith(prefix)) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    let docId: string | null;
    try {
      docId = decodeURIComponent(pathname.slice(prefix.length));
    } catch {
      docId = null;
    }
    // A client that goes away while its access is decided must not take the process with it.
    const dropped = () => socket.destroy();
    socket.on('error', dropped);
    void decide(req, docId).then((access) => {
      socket.off('error', dropped);
      if (socket.destroyed) return;
      wss.handleUpgrade(req, socket, head, (ws) => {
        if (docId === null || 'refuse' in access) {
          const refusal = docId === null ? { refuse: CloseCode.NotFound, reason: 'invalid document id' } : access;
          // A refused client may already have sent a frame, oversized or invalid: ws reports it as an error on this
          // socket, which with no listener would throw and take the whole process down.
          ws.on('error', (err) => options.log.debug({ docId, err: err.message }, 'refused sync socket error'));
          if ('refuse' in refusal) ws.close(refusal.refuse, refusal.reason);
          return;
        }
        bind(ws, socket, docId, access);
      });
    });
  });

  async function decide(req: IncomingMessage, docId: string | null): Promise<CollabAccess> {
    if (docId === null || !isValidDocumentId(docId)) return { refuse: CloseCode.NotFound, reason: 'invalid document id' };
    try {
      return (await options.access?.(req, docId)) ?? { readOnly: false };
    } catch (err) {
      options.log.error({ docId, err: String(err) }, 'could not decide access; refusing');
      return { refuse: CloseCode.StorageError, reason: 'try again' };
    }
  }

  /**
   * Data frames are written straight to the TCP socket, framed once per message (see frame.ts). This is safe
   * because no extension is negotiated (perMessageDeflate is off), so ws's own sender never holds frames back
   * and control frames (ping, close) it writes stay in order with ours.
   */
  function bind(ws: WebSocket, socket: Duplex, docId: string, access: Exclude<CollabAccess, { refuse: number }>): void {
    const peer: PeerSocket = {
      send: (data) => {
        if (ws.readyState === WebSocket.OPEN) socket.write(binaryFrame(data));
      },
      close: (code, reason) => ws.close(code, reason),
      get bufferedAmount() {
        return socket.writableLength;
      },
      ping: () => ws.ping(),
    };
    const conn = rooms.connect(docId, peer, access);
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (!isBinary) {
        options.log.warn({ docId, conn: conn.id }, 'text frame on the sync socket; closing the connection');
        conn.close(CloseCode.ProtocolError, 'protocol error');
        return;
      }
      conn.receive(data);
    });
    ws.on('pong', () => conn.markAlive());
    ws.on('close', () => conn.gone());
    ws.on('error', (err) => {
      // ws closes the socket itself (1009 for an oversized frame, 1002 for an invalid one).
      options.log.warn({ docId, conn: conn.id, err: err.message }, 'sync socket error');
      conn.gone();
    });
  }

  return {
    async closeAll(code, reason) {
      const open = [...wss.clients];
      for (const ws of open) ws.close(code, reason);
      // Give peers a moment to answer the close frame, then cut whoever did not.
      await new Promise<void>((resolve) => {
        const deadline = setTimeout(resolve, 1000);
        deadline.unref();
        const check = () => {
          if (open.every((ws) => ws.readyState === ws.CLOSED)) {
            clearTimeout(deadline);
            resolve();
          }
        };
        for (const ws of open) ws.once('close', check);
        check();
      });
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    },
  };
}
