/**
 * Load-generator process holding many reader sockets (forked by fanout.ts). Each socket is an empty y-websocket
 * peer that syncs properly and then records, for every writer marker it sees, the delivery latency.
 */
import { openEmptyPeer, type EmptyPeer } from './lib/empty-peer.ts';
import type { FromReader, ReaderInit, ToReader } from './lib/fanout-ipc.ts';
import { inLanes } from './lib/lanes.ts';
import { scanMarkers } from './lib/wire.ts';
import { serve } from './lib/worker-child.ts';

const CONNECT_CONCURRENCY = 25;
const CONNECT_TIMEOUT_MS = 30_000;

interface Reader {
  peer: EmptyPeer;
  /** Latency in ms by sequence number; NaN until delivered. */
  latency: Float32Array;
}

const readers: Reader[] = [];
let recvCount = new Uint16Array(0);
let duplicates = 0;
let unexpected = 0;
let maxSeq = 0;

function post(msg: FromReader): void {
  process.send?.(msg);
}

async function open(init: ReaderInit): Promise<Reader> {
  const latency = new Float32Array(maxSeq + 1).fill(NaN);
  const peer = await openEmptyPeer(init.url, {
    perMessageDeflate: init.perMessageDeflate,
    timeoutMs: CONNECT_TIMEOUT_MS,
    onFrame: (data, now) =>
      scanMarkers(data, (seq, sent) => {
        if (seq > maxSeq) return;
        if (!Number.isNaN(latency[seq]!)) {
          duplicates++;
          return;
        }
        latency[seq] = (now - sent) / 1000;
        recvCount[seq]!++;
      }),
    onOther: (data) => {
      if (data[0] !== 1 && data[0] !== 3) unexpected++; // awareness / query-awareness are expected
    },
  });
  return { peer, latency };
}

async function connectAll(init: ReaderInit): Promise<void> {
  maxSeq = init.maxSeq;
  recvCount = new Uint16Array(maxSeq + 1);
  const started = Date.now();
  const { failed, firstError } = await inLanes(init.connections, CONNECT_CONCURRENCY, async () => {
    readers.push(await open(init));
  });
  post({ type: 'ready', connected: readers.length, failed, firstError, connectMs: Date.now() - started });
}

function missingIn(from: number, to: number): number {
  let missing = 0;
  for (let seq = from; seq <= to; seq++) missing += readers.length - recvCount[seq]!;
  return missing;
}

function report(from: number, to: number): void {
  const latencies = new Float32Array(readers.length * (to - from + 1));
  const lastArrival = new Float32Array(to - from + 1);
  let n = 0;
  const closes: Record<string, number> = {};
  for (const r of readers) {
    for (let seq = from; seq <= to; seq++) {
      const l = r.latency[seq]!;
      if (!Number.isNaN(l)) latencies[n++] = l;
      // NaN (missed) wins over any number: Math.max propagates NaN.
      lastArrival[seq - from] = Math.max(lastArrival[seq - from]!, l);
    }
    const code = r.peer.closedCode;
    if (code !== null) closes[code] = (closes[code] ?? 0) + 1;
  }
  post({
    type: 'report',
    latencies: latencies.slice(0, n),
    lastArrival,
    missing: missingIn(from, to),
    duplicates,
    closes,
    extensions: readers[0]?.peer.ws.extensions ?? '',
    unexpected,
  });
}

serve<ToReader>({
  init: (msg) => void connectAll(msg),
  progress: (msg) =>
    post({ type: 'progress', missing: missingIn(msg.from, msg.to), closed: readers.filter((r) => r.peer.closedCode !== null).length }),
  report: (msg) => report(msg.from, msg.to),
  close: () => {
    for (const r of readers) r.peer.close();
  },
});
