import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * What a room tells its document's copies on other processes, over the bus (`server/cluster/bus.ts`), on the
 * channel `doc:<id>`: a batch it has just stored, as rows `from` … `to`, merged into one update. Sent only after
 * the commit, so a copy that applies it never shows a peer what a crash could lose.
 */
export interface RelayedBatch {
  /** The sender's `Bus.processId`: a room skips its own. */
  processId: string;
  from: number;
  to: number;
  update: Uint8Array;
}

const BATCH = 0;

export function relayChannel(docId: string): string {
  return `doc:${docId}`;
}

export function encodeRelayed(batch: RelayedBatch): Buffer {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, BATCH);
  encoding.writeVarString(e, batch.processId);
  encoding.writeVarUint(e, batch.from);
  encoding.writeVarUint(e, batch.to);
  encoding.writeVarUint8Array(e, batch.update);
  const bytes = encoding.toUint8Array(e);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The batch, or null for a message this version does not know (a newer process's, during an upgrade). */
export function decodeRelayed(message: Uint8Array): RelayedBatch | null {
  try {
    const d = decoding.createDecoder(message);
    if (decoding.readVarUint(d) !== BATCH) return null;
    const processId = decoding.readVarString(d);
    const from = decoding.readVarUint(d);
    const to = decoding.readVarUint(d);
    const update = decoding.readVarUint8Array(d);
    if (to < from || from < 1) return null;
    return { processId, from, to, update };
  } catch {
    return null;
  }
}
