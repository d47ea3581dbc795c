export interface SavingPauseLimits {
  /** Bytes of edits the room may hold; past them `onTooMuch` is called (once). */
  maxBytes: number;
  /** The wait before the first retry, doubled at each failure up to `retryMaxMs`. */
  retryMinMs: number;
  retryMaxMs: number;
}

export const DEFAULT_SAVING_PAUSE_LIMITS: SavingPauseLimits = { maxBytes: 8 * 1024 * 1024, retryMinMs: 500, retryMaxMs: 5000 };

/**
 * A room's saving paused because storage cannot be reached (see `Room.flush`): what it holds, how often it tried,
 * and the wait before its next attempt. Memory is what bounds a pause, not time: the edits held are counted as they
 * come, and passing the limit is reported at once, outside the document's transaction that made the edit.
 */
export class SavingPause {
  readonly since = Date.now();
  attempts = 1;
  private bytes: number;
  private timer: NodeJS.Timeout | null = null;
  private wake: (() => void) | null = null;

  constructor(
    heldBytes: number,
    private readonly limits: SavingPauseLimits,
    private readonly onTooMuch: () => void,
  ) {
    this.bytes = heldBytes;
    if (heldBytes > limits.maxBytes) queueMicrotask(onTooMuch);
  }

  get heldBytes(): number {
    return this.bytes;
  }

  /** An edit made while paused, held with the rest. */
  add(bytes: number): void {
    const before = this.bytes;
    this.bytes += bytes;
    if (before <= this.limits.maxBytes && this.bytes > this.limits.maxBytes) queueMicrotask(this.onTooMuch);
  }

  /** Resolves when the next attempt is due (0.5 s, 1 s, 2 s … at most 5 s by default), or at once on `end`. */
  wait(): Promise<void> {
    const { retryMinMs, retryMaxMs } = this.limits;
    const delay = Math.min(retryMaxMs, retryMinMs * 2 ** Math.min(this.attempts - 1, 20));
    return new Promise((resolve) => {
      this.wake = () => {
        if (this.timer) clearTimeout(this.timer);
        this.timer = null;
        this.wake = null;
        resolve();
      };
      this.timer = setTimeout(this.wake, delay);
    });
  }

  /** Ends the wait under way, if any, leaving no timer behind (the room resumed, is dropped or shuts down). */
  end(): void {
    this.wake?.();
  }
}
