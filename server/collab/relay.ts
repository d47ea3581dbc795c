import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * What a room tells its document's copies on other processes, over the bus (`server/cluster/bus.ts`), on the
 * channel `doc:<id>`: a batch it has just stored, as rows `from` … `to`, merged into one update. Sent only after
 * the commit, so a copy that applies it never shows a peer what a crash could lose. Presence goes on the same
 * channel (`RelayedPresence`), and so does each copy's peer count (`encodePeerCount`).
 */
export interface RelayedBatch {
  /** The sender's `Bus.processId`: a room skips its own. */
  processId: string;
  from: number;
  to: number;
  update: Uint8Array;
}

/**
 * Presence another process's room applied from one of its connections (or removed as it left), as an awareness
 * update, with who owns each client id in it (an account id; empty for an anonymous connection), so that no
 * connection here can take over someone's caret. Never stored.
 */
export interface RelayedPresence {
  processId: string;
  update: Uint8Array;
  owners: [clientId: number, owner: string][];
}

const BATCH = 0;
const PRESENCE = 1;
/** A room that has just loaded asks the others for the presence of their connections. */
const PRESENCE_QUERY = 2;
/** How many peers the sender's copy has (`PeerCounts`). */
const PEERS = 3;

export function encodePeerCount(processId: string, count: number): Buffer {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, PEERS);
  encoding.writeVarString(e, processId);
  encoding.writeVarUint(e, count);
  return Buffer.from(encoding.toUint8Array(e));
}

export function encodePresenceQuery(processId: string): Buffer {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, PRESENCE_QUERY);
  encoding.writeVarString(e, processId);
  return Buffer.from(encoding.toUint8Array(e));
}

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

export function encodeRelayedPresence(presence: RelayedPresence): Buffer {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, PRESENCE);
  encoding.writeVarString(e, presence.processId);
  encoding.writeVarUint8Array(e, presence.update);
  encoding.writeVarUint(e, presence.owners.length);
  for (const [clientId, owner] of presence.owners) {
    encoding.writeVarUint(e, clientId);
    encoding.writeVarString(e, owner);
  }
  const bytes = encoding.toUint8Array(e);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * A stored batch or presence, or null for a message this version does not know (a newer process's, during an
 * upgrade) or that does not decode.
 */
export function decodeRelay(
  message: Uint8Array,
):
  | ({ kind: 'batch' } & RelayedBatch)
  | ({ kind: 'presence' } & RelayedPresence)
  | { kind: 'query'; processId: string }
  | { kind: 'peers'; processId: string; count: number }
  | null {
  try {
    const d = decoding.createDecoder(message);
    const kind = decoding.readVarUint(d);
    const processId = decoding.readVarString(d);
    if (kind === BATCH) {
      const from = decoding.readVarUint(d);
      const to = decoding.readVarUint(d);
      const update = decoding.readVarUint8Array(d);
      if (to < from || from < 1) return null;
      return { kind: 'batch', processId, from, to, update };
    }
    if (kind === PRESENCE) {
      const update = decoding.readVarUint8Array(d);
      const owners: [number, string][] = [];
      for (let n = decoding.readVarUint(d); n > 0; n--) owners.push([decoding.readVarUint(d), decoding.readVarString(d)]);
      return { kind: 'presence', processId, update, owners };
    }
    if (kind === PRESENCE_QUERY) return { kind: 'query', processId };
    if (kind === PEERS) return { kind: 'peers', processId, count: decoding.readVarUint(d) };
    return null;
  } catch {
    return null;
  }
}

/** The stored batch in `message`, or null (see `decodeRelay`). */
export function decodeRelayed(message: Uint8Array): RelayedBatch | null {
  const relayed = decodeRelay(message);
  return relayed?.kind === 'batch' ? relayed : null;
}
