/**
 * Load-generator process for the one writer (forked by fanout.ts): a real Y.Doc peer that appends a marker
 * `#<seq>@<send time>#` to a Y.Text at a fixed rate and sends each update as its own frame.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { FromWriter, ToWriter } from './lib/fanout-ipc.ts';
import { monoMicros } from './lib/procfs.ts';
import { percentile } from './lib/stats.ts';
import { MESSAGE_SYNC, STEP2, marker, updateFrame } from './lib/wire.ts';

const REMOTE = Symbol('remote');
const doc = new Y.Doc();
const text = doc.getText('bench');
let ws: WebSocket | null = null;
let closed = false;

function post(msg: FromWriter): void {
  process.send?.(msg);
}

function connect(url: string, perMessageDeflate: boolean): void {
  const socket = new WebSocket(url, { perMessageDeflate });
  ws = socket;
  let synced = false;
  socket.on('open', () => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(e, doc);
    socket.send(encoding.toUint8Array(e));
  });
  socket.on('message', (data: Buffer) => {
    const decoder = decoding.createDecoder(data);
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return;
    const step = data[1];
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MESSAGE_SYNC);
    syncProtocol.readSyncMessage(decoder, e, doc, REMOTE);
    if (encoding.length(e) > 1) socket.send(encoding.toUint8Array(e));
    if (step === STEP2 && !synced) {
      synced = true;
      post({ type: 'ready' });
    }
  });
  socket.on('close', () => {
    closed = true;
  });
  socket.on('error', (err) => {
    process.stderr.write(`writer socket error: ${String(err)}\n`);
  });
}

doc.on('update', (update: Uint8Array, origin: unknown) => {
  if (origin === REMOTE || !ws || ws.readyState !== WebSocket.OPEN) return;
  ws.send(updateFrame(update));
});

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
        closed,
      });
      return;
    }
    setTimeout(tick, Math.max(0, (due - now) / 1000));
  };
  tick();
}

process.on('message', (msg: ToWriter) => {
  switch (msg.type) {
    case 'init':
      connect(msg.url, msg.perMessageDeflate);
      break;
    case 'start':
      run(msg.rate, msg.warmupSeconds, msg.seconds);
      break;
    case 'close':
      ws?.terminate();
      process.disconnect();
      break;
  }
});
process.on('disconnect', () => process.exit(0));
