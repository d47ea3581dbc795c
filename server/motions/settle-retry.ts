/**
 * Applying a closed amendment's outcome to the text (`settleAmendment`) can fail (storage refused or unreachable, the
 * document locked in storage meanwhile). Until it succeeds the amendment's suggestions stay frozen and the final vote
 * is refused, so the server does not wait for someone to notice: it tries again by itself, after 1 s, 2 s, 4 s … up to
 * `maxDelayMs` between tries, for as long as the process runs; at start it tries every closed amendment still
 * unsettled (a process that stopped between the close and the outcome, or gave up by stopping). The chair or the
 * secretary may also ask at once ("Áp dụng lại", `POST /api/motions/:id/amendment/apply`).
 *
 * Several processes may try the same amendment: `settleAmendment` is idempotent (the suggestions' decision changes
 * nothing the second time, since decided suggestions are no longer in the text, and only the one transaction that
 * marks it settled writes the version and the audit entry), so the outcome is applied once whoever tries.
 */
import type { Logger } from '../collab/peer.ts';

export interface SettleRetryTiming {
  firstDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_SETTLE_RETRY: SettleRetryTiming = { firstDelayMs: 1000, maxDelayMs: 5 * 60_000 };

export class SettleRetry {
  private readonly waiting = new Map<string, { tries: number; timer: NodeJS.Timeout }>();
  private stopped = false;

  constructor(
    private readonly settle: (motionId: string) => Promise<void>,
    private readonly log: Logger,
    private readonly timing: SettleRetryTiming = DEFAULT_SETTLE_RETRY,
  ) {}

  /** An attempt to settle `motionId` failed: another follows after the back-off (unless one is already due). */
  failed(motionId: string, err: unknown): void {
    this.log.error({ motionId, err: String(err) }, 'could not apply an amendment’s outcome; trying again');
    if (this.stopped || this.waiting.has(motionId)) return;
    this.schedule(motionId, 0);
  }

  /** Tries now (at start); a failure schedules the next try. Resolves whether it succeeded. */
  async attempt(motionId: string): Promise<boolean> {
    try {
      await this.settle(motionId);
      return true;
    } catch (err) {
      this.failed(motionId, err);
      return false;
    }
  }

  /** Whether a try of `motionId` is waiting (for tests and the log). */
  pending(motionId: string): boolean {
    return this.waiting.has(motionId);
  }

  stop(): void {
    this.stopped = true;
    for (const { timer } of this.waiting.values()) clearTimeout(timer);
    this.waiting.clear();
  }

  private schedule(motionId: string, tries: number): void {
    const delay = Math.min(this.timing.firstDelayMs * 2 ** tries, this.timing.maxDelayMs);
    const timer = setTimeout(() => {
      this.waiting.delete(motionId);
      void this.settle(motionId).then(
        () => this.log.info({ motionId, tries: tries + 1 }, 'an amendment’s outcome applied on a later try'),
        (err: unknown) => {
          this.log.error({ motionId, err: String(err), tries: tries + 1 }, 'could not apply an amendment’s outcome; trying again');
          if (!this.stopped && !this.waiting.has(motionId)) this.schedule(motionId, tries + 1);
        },
      );
    }, delay);
    timer.unref();
    this.waiting.set(motionId, { tries, timer });
  }
}
