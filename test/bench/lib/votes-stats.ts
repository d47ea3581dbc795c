import type { BurstDone, WatcherReport } from './votes-ipc.ts';
import { percentile } from './stats.ts';

/** From the sender's times and the watchers' sightings to the vote benchmark's latencies (ms). */

export type Percentiles = { p50: number; p90: number; p99: number; max: number };

export function latencies(done: BurstDone, reports: WatcherReport[]) {
  const n = done.sent.length;
  const last = new Float64Array(n).fill(-Infinity);
  const first = new Float64Array(n).fill(Infinity);
  const pairs: number[] = [];
  let unseen = 0;
  for (const r of reports) {
    for (let w = 0; w < r.sockets; w++) {
      for (let i = 0; i < n; i++) {
        const at = r.seen[w * n + i]!;
        if (Number.isNaN(at)) {
          unseen++;
          last[i] = NaN;
          continue;
        }
        last[i] = Math.max(last[i]!, at); // NaN stays NaN
        first[i] = Math.min(first[i]!, at);
        if (!Number.isNaN(done.answered[i]!)) pairs.push((at - done.answered[i]!) / 1000);
      }
    }
  }
  const per = (from: Float64Array, to: Float64Array) => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const d = (to[i]! - from[i]!) / 1000;
      if (Number.isFinite(d)) out.push(d);
    }
    return out;
  };
  const lastAnswer = Math.max(...Array.from(done.answered).filter((a) => !Number.isNaN(a)));
  return {
    allWatchersMs: spread(per(done.answered, last)),
    firstWatcherMs: spread(per(done.answered, first)),
    pairMs: spread(pairs),
    fromSendMs: spread(per(done.sent, last)),
    answerMs: spread(per(done.sent, done.answered)),
    countVisibleAfterLastAnswerMs: reports.flatMap((r) => r.stockAllVotedAt).map((at) => (at - lastAnswer) / 1000),
    unseenPairs: unseen,
  };
}

function spread(values: number[]): Percentiles {
  const sorted = Float64Array.from(values).sort();
  return { p50: percentile(sorted, 50), p90: percentile(sorted, 90), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? NaN };
}

export function mergeCloses(reports: WatcherReport[]): Record<string, number> {
  const closes: Record<string, number> = {};
  for (const r of reports) for (const [code, k] of Object.entries(r.closes)) closes[code] = (closes[code] ?? 0) + k;
  return closes;
}
