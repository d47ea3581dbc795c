import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import { distinctCaretColor } from '../../shared/presence.ts';
import type { Connection } from './connection.ts';
import { awarenessMessage } from './messages.ts';

export interface PresenceLimits {
  /** Largest presence state one connection may announce (its JSON, in bytes); a larger one is a protocol error. */
  maxStateBytes: number;
  /** Presence changes per second one connection may make; faster ones are coalesced to this rate. */
  perSecond: number;
}

interface Entry {
  clientId: number;
  clock: number;
  state: Record<string, unknown> | null;
  /** The colour the client gave itself, to tell it when the room shows it in another. */
  claimedColor: unknown;
}

/** A person's colour in this room and the connections (their tabs and devices) that show it. */
interface HeldColor {
  color: string;
  holders: Set<Connection>;
}

interface Bucket {
  tokens: number;
  at: number;
  /** The newest change that waits for a token; older waiting ones are superseded by it. */
  waiting: Entry | null;
  timer: NodeJS.Timeout | null;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Client ids remembered per room beyond those shown now. Each connection that announces itself adds one, and the
 * room lives as long as anyone is connected: someone reconnecting in a loop would otherwise grow the room (and
 * y-protocols' own per-id clocks) without end. Past this, the oldest ids shown by nobody are forgotten.
 */
const REMEMBERED_IDS = 1024;

/**
 * What a connection may say about presence (y-protocols awareness) in a room:
 * - its own caret only: one client id per connection, never one that another live connection holds or that
 *   belonged to someone else earlier in the room (so nobody moves, renames or removes another person's caret).
 *   The stock y-websocket client echoes every presence change it receives back to the server; those entries are
 *   for other ids and are skipped unread, not treated as an error;
 * - a state of at most `maxStateBytes`, an object (or null when leaving), whose `user` (the name and colour
 *   others see) is replaced with the one the server knows for the signed-in person, in a colour nobody else
 *   present in the room has (their own, `caretColor`, if free; else the next free one), kept while any of their
 *   connections is here and shared by all of them. A client that gave itself another colour is told, with its own
 *   state one clock ahead, which the stock client adopts (and echoes back) as if it had set it;
 * - at most `perSecond` changes a second: faster ones wait, and only the newest waiting one is applied.
 */
export class PresenceGate {
  /** Client id → who first announced it (an account, or the connection itself when anonymous). */
  private readonly owners = new Map<number, string>();
  private readonly buckets = new Map<Connection, Bucket>();
  /** Person (account id) → the colour they are shown in, while any connection of theirs holds it. */
  private readonly colors = new Map<string, HeldColor>();

  constructor(
    private readonly awareness: awarenessProtocol.Awareness,
    private readonly limits: PresenceLimits,
  ) {}

  /** Takes a peer's awareness message. Throws on one that does not decode or announces too large a state. */
  receive(conn: Connection, update: Uint8Array, connections: ReadonlySet<Connection>): void {
    const own = this.ownEntry(conn, update, connections);
    if (own === null) return;
    const bucket = this.bucketOf(conn);
    this.refill(bucket);
    if (bucket.tokens >= 1 && bucket.waiting === null) {
      bucket.tokens -= 1;
      this.apply(conn, own);
      return;
    }
    bucket.waiting = own;
    this.wake(conn, bucket);
  }

  /** The connection left: its caret goes, for everyone, and the person's colour is free once all of theirs have. */
  leave(conn: Connection): void {
    const bucket = this.buckets.get(conn);
    if (bucket?.timer) clearTimeout(bucket.timer);
    this.buckets.delete(conn);
    const person = personOf(conn);
    const held = this.colors.get(person);
    if (held?.holders.delete(conn) && held.holders.size === 0) this.colors.delete(person);
    if (conn.presenceId !== null && this.awareness.getStates().has(conn.presenceId)) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [conn.presenceId], null);
    }
  }

  /** Who announced `clientId` here: an account id, or `connection:<n>` for an anonymous connection. */
  ownerOf(clientId: number): string | undefined {
    return this.owners.get(clientId);
  }

  /**
   * Presence from another process's room: each client id there belongs to its owner here too (an account id, or an
   * anonymous connection over there), so no connection here may announce it unless it is that person's. An id a
   * connection here holds stays its.
   */
  adoptRemote(owners: readonly (readonly [number, string])[], connections: ReadonlySet<Connection>, processId: string): void {
    for (const [clientId, owner] of owners) {
      if ([...connections].some((c) => c.presenceId === clientId)) continue;
      this.owners.delete(clientId);
      this.owners.set(clientId, owner === '' || owner.startsWith('connection:') ? `remote:${processId}:${owner}` : owner);
    }
    if (this.owners.size > REMEMBERED_IDS) this.forgetOldest();
  }

  destroy(): void {
    for (const bucket of this.buckets.values()) if (bucket.timer) clearTimeout(bucket.timer);
    this.buckets.clear();
  }

  private ownEntry(conn: Connection, update: Uint8Array, connections: ReadonlySet<Connection>): Entry | null {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    let own: Entry | null = null;
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const raw = decoding.readVarUint8Array(decoder);
      if (!this.mayAnnounce(conn, clientId, connections)) continue;
      if (raw.byteLength > this.limits.maxStateBytes) {
        throw new Error(`presence state of ${raw.byteLength} bytes (at most ${this.limits.maxStateBytes})`);
      }
      const parsed: unknown = JSON.parse(utf8.decode(raw));
      if (parsed !== null && (typeof parsed !== 'object' || Array.isArray(parsed))) {
        throw new Error('a presence state is an object or null');
      }
      const state = parsed as Record<string, unknown> | null;
      const claimed: unknown = state?.user;
      const claimedColor = claimed !== null && typeof claimed === 'object' ? (claimed as { color?: unknown }).color : undefined;
      if (state !== null && conn.identity) state.user = { name: conn.identity.name, color: conn.identity.color };
      own = { clientId, clock, state, claimedColor };
    }
    if (decoding.hasContent(decoder)) throw new Error('trailing bytes after a presence update');
    return own;
  }

  private mayAnnounce(conn: Connection, clientId: number, connections: ReadonlySet<Connection>): boolean {
    if (conn.presenceId !== null) return conn.presenceId === clientId;
    const owner = this.owners.get(clientId);
    const me = personOf(conn);
    if (owner !== undefined && owner !== me) return false;
    for (const other of connections) if (other !== conn && other.presenceId === clientId) return false;
    // A person reconnecting keeps their client id; anyone else's stays theirs.
    this.owners.delete(clientId);
    this.owners.set(clientId, me);
    conn.presenceId = clientId;
    if (this.owners.size > REMEMBERED_IDS) this.forgetOldest();
    return true;
  }

  /** Forgets the oldest ids nobody shows now, down to half the bound, with y-protocols' clock for each. */
  private forgetOldest(): void {
    const shown = this.awareness.getStates();
    for (const id of this.owners.keys()) {
      if (this.owners.size <= REMEMBERED_IDS / 2) break;
      if (shown.has(id)) continue;
      this.owners.delete(id);
      this.awareness.meta.delete(id);
    }
  }

  private apply(conn: Connection, entry: Entry): void {
    const user = entry.state?.user as { name: string; color: string } | undefined;
    const identified = entry.state !== null && conn.identity !== null && user !== undefined;
    if (identified) user.color = this.colorOf(conn, conn.identity!.color);
    awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeEntry(entry, entry.clock), conn);
    // The person's own screen shows the colour the others see: the stock client takes a newer state of its own id.
    if (identified && entry.claimedColor !== user.color) {
      conn.send(awarenessMessage(encodeEntry(entry, entry.clock + 1)));
    }
  }

  /** The person's colour in this room: the one they hold already, or a free one, their own first. */
  private colorOf(conn: Connection, own: string): string {
    const person = personOf(conn);
    let held = this.colors.get(person);
    if (!held) {
      const taken = new Set([...this.colors.values()].map((h) => h.color));
      // And the colours of the carets this room shows from other processes, of other people.
      for (const [clientId, state] of this.awareness.getStates()) {
        const owner = this.owners.get(clientId);
        if (owner === undefined || owner === person || this.colors.has(owner)) continue;
        const color = (state as { user?: { color?: unknown } }).user?.color;
        if (typeof color === 'string') taken.add(color);
      }
      held = { color: distinctCaretColor(own, taken), holders: new Set() };
      this.colors.set(person, held);
    }
    held.holders.add(conn);
    return held.color;
  }

  private bucketOf(conn: Connection): Bucket {
    let bucket = this.buckets.get(conn);
    if (!bucket) {
      // A short burst (a caret moved by a few keys) passes at once.
      bucket = { tokens: this.burst(), at: performance.now(), waiting: null, timer: null };
      this.buckets.set(conn, bucket);
    }
    return bucket;
  }

  private burst(): number {
    return Math.max(1, this.limits.perSecond * 2);
  }

  private refill(bucket: Bucket): void {
    const now = performance.now();
    bucket.tokens = Math.min(this.burst(), bucket.tokens + ((now - bucket.at) * this.limits.perSecond) / 1000);
    bucket.at = now;
  }

  private wake(conn: Connection, bucket: Bucket): void {
    if (bucket.timer) return;
    const waitMs = Math.max(1, ((1 - bucket.tokens) * 1000) / this.limits.perSecond);
    bucket.timer = setTimeout(() => {
      bucket.timer = null;
      if (conn.closed || bucket.waiting === null) return;
      this.refill(bucket);
      if (bucket.tokens < 1) {
        this.wake(conn, bucket);
        return;
      }
      bucket.tokens -= 1;
      const entry = bucket.waiting;
      bucket.waiting = null;
      this.apply(conn, entry);
    }, waitMs);
    bucket.timer.unref();
  }
}

/** Who a connection is for presence: its account, or the connection itself when anonymous. */
const personOf = (conn: Connection): string => conn.principal?.userId ?? `connection:${conn.id}`;

function encodeEntry(entry: Entry, clock: number): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, entry.clientId);
  encoding.writeVarUint(e, clock);
  encoding.writeVarString(e, JSON.stringify(entry.state));
  return encoding.toUint8Array(e);
}
