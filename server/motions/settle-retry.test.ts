import { describe, expect, it } from 'vitest';
import { SettleRetry } from './settle-retry.ts';

const quiet = { info: () => {}, warn: () => {}, error: () => {}, debug: () => {} };

describe('trying again to apply an amendment’s outcome', () => {
  it('[AM9] waits twice as long after each failure, up to the most, and stops once it succeeds', async () => {
    const calls: number[] = [];
    const start = Date.now();
    const retry = new SettleRetry(
      async () => {
        calls.push(Date.now() - start);
        if (calls.length < 5) throw new Error('storage refused');
      },
      quiet,
      { firstDelayMs: 50, maxDelayMs: 100 },
    );
    expect(await retry.attempt('m1')).toBe(false);
    expect(retry.pending('m1')).toBe(true);
    await expect.poll(() => calls.length, { timeout: 2000 }).toBe(5);
    await new Promise((r) => setTimeout(r, 300));
    expect(calls).toHaveLength(5);
    expect(retry.pending('m1')).toBe(false);
    // Waits of 50, 100, then 100 and 100 ms (the most; doubling alone would make them 200 and 400).
    const waits = calls.slice(1).map((t, i) => t - calls[i]!);
    expect(waits[0]).toBeGreaterThanOrEqual(45);
    expect(waits[1]).toBeGreaterThanOrEqual(95);
    expect(waits[3]).toBeGreaterThanOrEqual(95);
    expect(waits[3]).toBeLessThan(300);
  });

  it('[AM9] a failure while a try is already due does not add another; stopping cancels what waits', async () => {
    let calls = 0;
    const retry = new SettleRetry(
      async () => {
        calls++;
        throw new Error('storage refused');
      },
      quiet,
      { firstDelayMs: 50, maxDelayMs: 50 },
    );
    retry.failed('m1', new Error('first'));
    retry.failed('m1', new Error('second'));
    await new Promise((r) => setTimeout(r, 75));
    expect(calls).toBe(1);
    retry.stop();
    await new Promise((r) => setTimeout(r, 150));
    expect(calls).toBe(1);
    expect(retry.pending('m1')).toBe(false);
  });
});
