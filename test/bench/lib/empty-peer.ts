import WebSocket from 'ws';
import { monoMicros } from './procfs.ts';
import { EMPTY_STEP1, EMPTY_STEP2, MESSAGE_SYNC, STEP1, STEP2 } from './wire.ts';

/**
 * A reading peer that holds no document (the fan-out's readers, the vote's scanning watchers): on open it sends a
 * step 1 with an empty state vector, it answers the server's step 1 with an empty step 2 (see wire.ts), and it
 * hands every other sync frame — the server's step 2 and each update — to `onFrame` undecoded, with the time
 * (`monoMicros`) at which `ws` emitted it. It counts as synced once the server's step 2 has arrived.
 */
export interface EmptyPeer {
  readonly ws: WebSocket;
  /** The close code once the socket has closed. */
  readonly closedCode: number | null;
  /** Drops the connection at once. */
  close(): void;
}

export interface EmptyPeerOptions {
  perMessageDeflate: boolean;
  /** How long connecting and syncing may take. */
  timeoutMs: number;
  onFrame: (data: Buffer, now: number) => void;
  /** Frames other than sync (awareness, …). */
  onOther?: (data: Buffer) => void;
}

/** Resolves once the peer has synced; rejects on the time-out, or on a close or error before that. */
export function openEmptyPeer(url: string, o: EmptyPeerOptions): Promise<EmptyPeer> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: o.perMessageDeflate });
    const peer = { ws, closedCode: null as number | null, close: () => ws.terminate() };
    let synced = false;
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error('connect/sync time-out'));
    }, o.timeoutMs);
    ws.on('open', () => ws.send(EMPTY_STEP1));
    ws.on('message', (data: Buffer) => {
      const now = monoMicros();
      if (data[0] !== MESSAGE_SYNC) {
        o.onOther?.(data);
        return;
      }
      const step = data[1];
      if (step === STEP1) {
        ws.send(EMPTY_STEP2);
        return;
      }
      o.onFrame(data, now);
      if (step === STEP2 && !synced) {
        synced = true;
        clearTimeout(timer);
        resolve(peer);
      }
    });
    ws.on('close', (code) => {
      peer.closedCode = code;
      clearTimeout(timer);
      if (!synced) reject(new Error(`closed before sync (${code})`));
    });
    ws.on('error', (err) => {
      clearTimeout(timer);
      if (!synced) reject(err);
    });
  });
}
