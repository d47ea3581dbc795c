import { monoMicros } from './procfs.ts';
import { percentile } from './stats.ts';

export interface Schedule {
  /** When each call was made (µs, CLOCK_MONOTONIC). */
  sent: Float64Array;
  /** How late the calls were behind their schedule, ms. */
  lagP99Ms: number;
  lagMaxMs: number;
}

/**
 * Calls `fire(i)` for i = 0 … n−1 at n evenly spaced instants over `seconds` (the first after `leadMs`), from a
 * timer loop that catches up at once when it wakes late; resolves after the last call.
 */
export function evenly(n: number, seconds: number, fire: (i: number) => void, leadMs = 20): Promise<Schedule> {
  const period = (seconds * 1e6) / n;
  const start = monoMicros() + leadMs * 1000;
  const sent = new Float64Array(n).fill(NaN);
  const lags = new Float64Array(n);
  let i = 0;
  return new Promise((resolve) => {
    const tick = () => {
      while (i < n && start + i * period <= monoMicros()) {
        const now = monoMicros();
        sent[i] = now;
        lags[i] = (now - (start + i * period)) / 1000;
        fire(i);
        i++;
      }
      if (i < n) {
        setTimeout(tick, Math.max(0, (start + i * period - monoMicros()) / 1000));
        return;
      }
      const sorted = lags.slice().sort();
      resolve({ sent, lagP99Ms: percentile(sorted, 99), lagMaxMs: sorted[n - 1] ?? NaN });
    };
    tick();
  });
}
