import { setImmediate as nextTurn } from 'node:timers/promises';
import { AppError } from './errors.ts';

/**
 * Bounded work: at most `concurrency` jobs run at once, at most `maxWaiting` more wait their turn, and any beyond
 * that are refused at once with `503 busy` (and a `Retry-After`) instead of queueing without end. For work that
 * costs a lot of CPU or memory per call (password hashing, document exports), so that a burst of it, hostile or
 * not, delays everyone else by a bounded amount.
 *
 * Each job starts on a later turn of the event loop: work that holds the main thread (an export is mostly
 * synchronous) would otherwise run to its end before the next request is even read, so requests that queue
 * would never be counted, and a health check behind twenty exports would wait for all twenty.
 */
export class WorkQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  /** The most jobs that ever ran at once, for tests and benchmarks. */
  peak = 0;

  constructor(
    private concurrency: number,
    private maxWaiting: number,
  ) {}

  configure(concurrency: number, maxWaiting: number): void {
    this.concurrency = concurrency;
    this.maxWaiting = maxWaiting;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running < this.concurrency) this.running++;
    else {
      if (this.waiting.length >= this.maxWaiting) throw new AppError('busy');
      // The slot is handed over by the job that finishes, so `running` stays as it is.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.peak = Math.max(this.peak, this.running);
    try {
      await nextTurn();
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
