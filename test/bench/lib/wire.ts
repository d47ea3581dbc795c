import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

/**
 * The few y-websocket frames a load-generating peer needs, and the marker the writer puts into every update.
 *
 * A reader is a real but empty peer: it answers the server's sync step 1 with a step 2 (built by y-protocols
 * from an empty Y.Doc) and asks for the document with its own step 1, exactly as `WebsocketProvider` does on
 * connect. It never decodes updates; it only looks for the writer's ASCII markers in their bytes, which is
 * enough because Yjs stores inserted strings as UTF-8 in the update (merged updates keep them contiguous).
 */

export const MESSAGE_SYNC = 0;
export const STEP1 = syncProtocol.messageYjsSyncStep1;
export const STEP2 = syncProtocol.messageYjsSyncStep2;
export const UPDATE = syncProtocol.messageYjsUpdate;

const empty = new Y.Doc();

/** `[sync, step 1, state vector of an empty doc]` */
export const EMPTY_STEP1: Uint8Array = (() => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(e, empty);
  return encoding.toUint8Array(e);
})();

/** `[sync, step 2, an empty update]`: an empty peer's answer to any step 1. */
export const EMPTY_STEP2: Uint8Array = (() => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  syncProtocol.writeSyncStep2(e, empty);
  return encoding.toUint8Array(e);
})();

export function updateFrame(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  syncProtocol.writeUpdate(e, update);
  return encoding.toUint8Array(e);
}

/** `#<seq>@<send time, µs of CLOCK_MONOTONIC>#` */
export function marker(seq: number, sentMicros: number): string {
  return `#${seq}@${Math.round(sentMicros)}#`;
}

const HASH = 0x23;
const AT = 0x40;

/** Calls `found(seq, sentMicros)` for every marker in `bytes`. */
export function scanMarkers(bytes: Uint8Array, found: (seq: number, sentMicros: number) => void): void {
  const n = bytes.length;
  for (let i = 0; i < n; i++) {
    if (bytes[i] !== HASH) continue;
    let j = i + 1;
    let seq = 0;
    let digits = 0;
    while (j < n && bytes[j]! >= 0x30 && bytes[j]! <= 0x39) {
      seq = seq * 10 + (bytes[j]! - 0x30);
      j++;
      digits++;
    }
    if (digits === 0 || j >= n || bytes[j] !== AT) continue;
    j++;
    let t = 0;
    digits = 0;
    while (j < n && bytes[j]! >= 0x30 && bytes[j]! <= 0x39) {
      t = t * 10 + (bytes[j]! - 0x30);
      j++;
      digits++;
    }
    if (digits === 0 || j >= n || bytes[j] !== HASH) continue;
    found(seq, t);
    i = j; // the closing '#' is not the start of the next marker
  }
}
