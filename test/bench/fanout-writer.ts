/**
 * Load-generator process for the one writer (forked by fanout.ts): a real Y.Doc peer that appends a marker
 * `#<seq>@<send time>#` to a Y.Text at a fixed rate and sends each update as its own frame.
 */
import * as Y from 'yjs';
import { connectDocPeer, type DocPeer } from './lib/doc-peer.ts';
import type { FromWriter, ToWriter } from './lib/fanout-ipc.ts';
import { monoMicros } from './lib/procfs.ts';
import { percentile } from './lib/stats.ts';
import { marker } from './lib/wire.ts';
import { serve } from './lib/worker-child.ts';

const doc = new Y.Doc();
const text = doc.getText('bench');
let peer: DocPeer | null = null;

function post(msg: FromWriter): void {
  process.send?.(msg);
}

function run(rate: number, warmupSeconds: number, seconds: number): void {
  const period = 1e6 / rate;
  const start = monoMicros();
  const measureFrom = start + warmupSeconds * 1e6;
  const end = measureFrom + seconds * 1e6;
  let due = start;
  let seq = 0;
  let firstSeq = 0;
  const lags: number[] = [];

  const tick = () => {
    let now = monoMicros();
    while (due <= now && due < end) {
      seq++;
      if (firstSeq === 0 && due >= measureFrom) {
        firstSeq = seq;
        post({ type: 'measure-start', firstSeq });
      }
      const sent = monoMicros();
      // The update handler sends synchronously, inside this call, right after the time is taken.
      text.insert(text.length, marker(seq, sent));
      if (firstSeq !== 0) lags.push((sent - due) / 1000);
      due += period;
      now = monoMicros();
    }
    if (due >= end) {
      const sorted = Float64Array.from(lags).sort();
      post({
        type: 'measure-end',
        firstSeq,
        lastSeq: seq,
        lagP50Ms: percentile(sorted, 50),
        lagP99Ms: percentile(sorted, 99),
        lagMaxMs: sorted[sorted.length - 1] ?? NaN,
        closed: peer?.closed ?? false,
      });
      return;
    }
    setTimeout(tick, Math.max(0, (due - now) / 1000));
  };
  tick();
}

serve<ToWriter>({
  init: (msg) => {
    peer = connectDocPeer(doc, msg.url, 'writer', () => post({ type: 'ready' }), { perMessageDeflate: msg.perMessageDeflate });
  },
  start: (msg) => run(msg.rate, msg.warmupSeconds, msg.seconds),
  close: () => peer?.socket.terminate(),
});
