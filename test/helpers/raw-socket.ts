import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { MessageType, SyncStep } from '../../shared/protocol.ts';

export interface RawSocket {
  ws: WebSocket;
  /** Resolves with the close code once the socket is closed (by either side). */
  closed: Promise<number>;
  /** Frames the server sent, in order. */
  received: Buffer[];
  send(frame: Uint8Array): void;
}

/**
 * A sync socket driven by hand, frame by frame, as a hostile or broken client would: it answers nothing by itself.
 * Authenticated with an API token (`?token=`) or the given headers (a cookie and the page's Origin).
 */
export function openRawSocket(
  baseUrl: string,
  docId: string,
  auth: { token?: string; headers?: Record<string, string> } = {},
): Promise<RawSocket> {
  const query = auth.token ? `?token=${encodeURIComponent(auth.token)}` : '';
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/collab/${encodeURIComponent(docId)}${query}`, {
    headers: auth.headers,
  });
  const received: Buffer[] = [];
  ws.on('message', (data: Buffer) => received.push(data));
  ws.on('error', () => {});
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, closed, received, send: (frame) => ws.send(frame) }));
    void closed.then((code) => reject(new Error(`the socket was closed before it opened (${code})`)));
  });
}

/** A `Sync` message of the given step carrying `payload` (an update, or a state vector for step 1). */
export function syncFrame(step: number, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.Sync);
  encoding.writeVarUint(e, step);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

export const updateFrame = (update: Uint8Array): Uint8Array => syncFrame(SyncStep.Update, update);

/** An awareness message with the given entries, as any client could forge it. */
export function presenceFrame(entries: { clientId: number; clock: number; state: unknown }[]): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, entries.length);
  for (const e of entries) {
    encoding.writeVarUint(inner, e.clientId);
    encoding.writeVarUint(inner, e.clock);
    encoding.writeVarString(inner, JSON.stringify(e.state));
  }
  const outer = encoding.createEncoder();
  encoding.writeVarUint(outer, MessageType.Awareness);
  encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
  return encoding.toUint8Array(outer);
}
