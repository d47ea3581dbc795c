/**
 * Load-generator process holding many editors of the many-meetings benchmark (forked by cluster.ts). Each editor
 * is a light but protocol-correct y-websocket peer: it syncs as an empty peer (lib/empty-peer.ts), scans every
 * frame it receives for the other editors' markers without applying them, and types into a Y.Doc of its own —
 * appending a marker `#<seq>@<send time>#` to a Y.Text at a fixed rate and sending each update as its own frame.
 * Its updates are real Yjs updates (an editor that has not applied the others' edits yet, as any client may be),
 * so the server does for them everything it does for a person typing: apply, store, relay, publish to the others.
 */
import * as Y from 'yjs';
import { openEmptyPeer, type EmptyPeer } from './lib/empty-peer.ts';
import { inLanes } from './lib/lanes.ts';
import { SEQ_SPAN, type EditorConnection, type FromEditor, type ToEditor } from './lib/meetings-ipc.ts';
import { monoMicros } from './lib/procfs.ts';
import { percentile } from './lib/stats.ts';
import { marker, scanMarkers, updateFrame } from './lib/wire.ts';
import { serve } from './lib/worker-child.ts';

const CONNECT_CONCURRENCY = 25;

interface Editor {
  id: number;
  peer: EmptyPeer;
  doc: Y.Doc;
  text: Y.Text;
  seen: Set<number>;
  seq: number;
  due: number;
}

const editors: Editor[] = [];
let window = { from: Infinity, to: -Infinity };
const latencies: number[] = [];
let received = 0;
let duplicates = 0;
let echoes = 0;

function post(msg: FromEditor): void {
  process.send?.(msg);
}

async function open(c: EditorConnection, perMessageDeflate: boolean): Promise<void> {
  const doc = new Y.Doc();
  const text = doc.getText('bench');
  const seen = new Set<number>();
  const peer = await openEmptyPeer(c.url, {
    perMessageDeflate,
    timeoutMs: 30_000,
    onFrame: (data, now) =>
      scanMarkers(data, (seq, sent) => {
        if (sent < window.from || sent >= window.to) return;
        if (Math.floor(seq / SEQ_SPAN) === c.editor) {
          echoes++;
          return;
        }
        if (seen.has(seq)) {
          duplicates++;
          return;
        }
        seen.add(seq);
        received++;
        latencies.push((now - sent) / 1000);
      }),
  });
  doc.on('update', (update: Uint8Array) => {
    if (peer.ws.readyState === peer.ws.OPEN) peer.ws.send(updateFrame(update));
  });
  editors.push({ id: c.editor, peer, doc, text, seen, seq: 0, due: 0 });
}

function run(rate: number, startMicros: number, fromMicros: number, toMicros: number): void {
  window = { from: fromMicros, to: toMicros };
  const period = 1e6 / rate;
  // Each editor at its own phase, so that the process's sends are spread evenly over each period.
  editors.forEach((e, i) => (e.due = startMicros + (period * i) / editors.length));
  let sentInWindow = 0;
  const lags: number[] = [];
  const tick = () => {
    let next = Infinity;
    for (const e of editors) {
      let now = monoMicros();
      while (e.due <= now && e.due < toMicros) {
        e.seq++;
        const sent = monoMicros();
        // The update handler sends synchronously, inside this call, right after the time is taken.
        e.text.insert(e.text.length, marker(e.id * SEQ_SPAN + e.seq, sent));
        if (sent >= fromMicros && sent < toMicros) {
          sentInWindow++;
          lags.push((sent - e.due) / 1000);
        }
        e.due += period;
        now = monoMicros();
      }
      if (e.due < toMicros) next = Math.min(next, e.due);
    }
    if (next === Infinity) {
      const sorted = Float64Array.from(lags).sort();
      post({ type: 'sent', sentInWindow, lagP99Ms: percentile(sorted, 99), lagMaxMs: sorted[sorted.length - 1] ?? NaN });
      return;
    }
    setTimeout(tick, Math.max(0, (next - monoMicros()) / 1000));
  };
  setTimeout(tick, Math.max(0, (startMicros - monoMicros()) / 1000));
}

serve<ToEditor>({
  init: (msg) =>
    void inLanes(msg.connections.length, CONNECT_CONCURRENCY, (i) => open(msg.connections[i]!, msg.perMessageDeflate)).then(
      ({ failed, firstError }) => post({ type: 'ready', connected: editors.length, failed, firstError }),
    ),
  start: (msg) => run(msg.rate, msg.startMicros, msg.fromMicros, msg.toMicros),
  progress: () => post({ type: 'progress', received, closed: editors.filter((e) => e.peer.closedCode !== null).length }),
  report: () => {
    const closes: Record<string, number> = {};
    for (const e of editors) {
      const code = e.peer.closedCode;
      if (code !== null) closes[code] = (closes[code] ?? 0) + 1;
    }
    post({ type: 'report', latencies: Float32Array.from(latencies), received, duplicates, echoes, closes });
  },
  close: () => {
    for (const e of editors) e.peer.close();
  },
});
