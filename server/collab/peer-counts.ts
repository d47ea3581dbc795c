/**
 * How many peers a document has on every process that holds it, so that a room paces its broadcasts by the whole
 * installation's audience rather than its own (docs/architecture.md, "Pacing across processes").
 *
 * Each copy announces its own connection count on the document's channel when it changes (at most once per
 * `announceEveryMs`, the last count always sent), again every `refreshEveryMs` while it has peers, and 0 as it
 * closes. A count not refreshed within `expireMs` (its process was killed, or the bus lost the message) is
 * forgotten. Counts are only ever heard from the bus, which only server processes reach.
 */
export interface PeerCountTiming {
  announceEveryMs: number;
  refreshEveryMs: number;
  expireMs: number;
}

export const DEFAULT_PEER_COUNT_TIMING: PeerCountTiming = { announceEveryMs: 1000, refreshEveryMs: 10_000, expireMs: 30_000 };

export class PeerCounts {
  private readonly remote = new Map<string, { count: number; at: number }>();
  private remoteTotal = 0;
  private announceTimer: NodeJS.Timeout | null = null;
  private readonly refreshTimer: NodeJS.Timeout;
  private lastAnnouncedAt = -Infinity;
  private lastAnnounced = 0;
  private closed = false;

  constructor(
    /** This copy's connection count now. */
    private readonly local: () => number,
    /** Sends this copy's count to the other copies. */
    private readonly send: (count: number) => void,
    private readonly timing: PeerCountTiming = DEFAULT_PEER_COUNT_TIMING,
  ) {
    this.refreshTimer = setInterval(() => {
      this.expire();
      if (this.local() > 0) this.announceNow();
    }, timing.refreshEveryMs);
    this.refreshTimer.unref();
  }

  /** Peers of the document on every process, this one's included. */
  total(): number {
    return this.local() + this.remoteTotal;
  }

  /** The local count changed: tell the others, no more often than `announceEveryMs`. */
  changed(): void {
    if (this.closed || this.announceTimer) return;
    const wait = this.lastAnnouncedAt + this.timing.announceEveryMs - performance.now();
    if (wait <= 0) {
      this.announceNow();
      return;
    }
    this.announceTimer = setTimeout(() => {
      this.announceTimer = null;
      if (this.local() !== this.lastAnnounced) this.announceNow();
    }, wait);
    this.announceTimer.unref();
  }

  /** Another copy asked (it has just loaded): answer at once, so it paces right from its first broadcast. */
  asked(): void {
    if (!this.closed && this.local() > 0) this.announceNow();
  }

  /** Another process's count for this document. */
  heard(processId: string, count: number): void {
    const was = this.remote.get(processId)?.count ?? 0;
    if (count > 0) this.remote.set(processId, { count, at: performance.now() });
    else this.remote.delete(processId);
    this.remoteTotal += (count > 0 ? count : 0) - was;
  }

  /** Stops announcing; tells the others this copy has no peers any more. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.refreshTimer);
    if (this.announceTimer) clearTimeout(this.announceTimer);
    this.announceTimer = null;
    if (this.lastAnnounced > 0) this.send(0);
  }

  private announceNow(): void {
    this.lastAnnouncedAt = performance.now();
    this.lastAnnounced = this.local();
    this.send(this.lastAnnounced);
  }

  private expire(): void {
    const before = performance.now() - this.timing.expireMs;
    for (const [processId, { count, at }] of this.remote) {
      if (at < before) {
        this.remote.delete(processId);
        this.remoteTotal -= count;
      }
    }
  }
}
