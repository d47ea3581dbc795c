import type { Logger } from '../collab/peer.ts';

/** setTimeout's longest delay (about 24.8 days); a longer wait is taken in steps. */
const MAX_DELAY_MS = 2 ** 31 - 1;

/**
 * Closes timed votes when their time is up, and, after a restart, those whose time passed while the server was
 * down (at once) or is still to come. A ballot arriving after the time but before the timer fires is refused
 * by the ballot command itself, which checks the time, so the timer's punctuality never decides a vote.
 */
export class MotionTimers {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly close: (motionId: string) => Promise<unknown>,
    private readonly log: Logger,
  ) {}

  schedule(motionId: string, closesAt: string): void {
    this.cancel(motionId);
    const wait = Math.max(0, Date.parse(closesAt) - Date.now());
    const timer = setTimeout(() => {
      this.timers.delete(motionId);
      if (wait > MAX_DELAY_MS) return this.schedule(motionId, closesAt);
      this.close(motionId).catch((err: unknown) => {
        // Already closed by the chair (motion_not_open) is the usual reason, and fine.
        this.log.info({ motionId, err: String(err) }, 'timed close did not apply');
      });
    }, Math.min(wait, MAX_DELAY_MS));
    timer.unref();
    this.timers.set(motionId, timer);
  }

  cancel(motionId: string): void {
    const timer = this.timers.get(motionId);
    if (timer) clearTimeout(timer);
    this.timers.delete(motionId);
  }

  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
