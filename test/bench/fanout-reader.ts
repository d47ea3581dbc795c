/**
 * Load-generator process holding many reader sockets (forked by fanout.ts). Each socket is an empty y-websocket
 * peer that syncs properly and then records, for every writer marker it sees, the delivery latency.
 */
import WebSocket from 'ws';
import type { FromReader, ReaderInit, ToReader } from './lib/fanout-ipc.ts';
import { monoMicros } from './lib/procfs.ts';
import { EMPTY_STEP1, EMPTY_STEP2, MESSAGE_SYNC, STEP1, STEP2, scanMarkers } from './lib/wire.ts';

const CONNECT_CONCURRENCY = 25;
const CONNECT_TIMEOUT_MS = 30_000;

interface Reader {
  ws: WebSocket;
  /** Latency in ms by sequence number; NaN until delivered. */
  latency: Float32Array;
  synced: boolean;
  closedCode: number | null;
}

const readers: Reader[] = [];
let recvCount = new Uint16Array(0);
let duplicates = 0;
let unexpected = 0;
let maxSeq = 0;

function post(msg: FromReader): void {
  process.send?.(msg);
}

function open(init: ReaderInit): Promise<Reader> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(init.url, { perMessageDeflate: init.perMessageDeflate });
    const latency = new Float32Array(maxSeq + 1).fill(NaN);
    const reader: Reader = { ws, latency, synced: false, closedCode: null };
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error('connect/sync time-out'));
    }, CONNECT_TIMEOUT_MS);
    ws.on('open', () => ws.send(EMPTY_STEP1));
    ws.on('message', (data: Buffer) => {
      const now = monoMicros();
      if (data[0] !== MESSAGE_SYNC) {
        if (data[0] !== 1 && data[0] !== 3) unexpected++; // awareness / query-awareness are expected
        return;
      }
      const step = data[1];
      if (step === STEP1) {
        ws.send(EMPTY_STEP2);
        return;
      }
      scanMarkers(data, (seq, sent) => {
        if (seq > maxSeq) return;
        if (!Number.isNaN(latency[seq]!)) {
          duplicates++;
          return;
        }
        latency[seq] = (now - sent) / 1000;
        recvCount[seq]!++;
      });
      if (step === STEP2 && !reader.synced) {
        reader.synced = true;
        clearTimeout(timer);
        resolve(reader);
      }
    });
    ws.on('close', (code) => {
      reader.closedCode = code;
      clearTimeout(timer);
      if (!reader.synced) reject(new Error(`closed before sync (${code})`));
    });
    ws.on('error', (err) => {
      clearTimeout(timer);
      if (!reader.synced) reject(err);
    });
  });
}

async function connectAll(init: ReaderInit): Promise<void> {
  maxSeq = init.maxSeq;
  recvCount = new Uint16Array(maxSeq + 1);
  const started = Date.now();
  let next = 0;
  let failed = 0;
  let firstError: string | null = null;
  const lane = async () => {
    while (next < init.connections) {
      next++;
      try {
        readers.push(await open(init));
      } catch (err) {
        failed++;
        firstError ??= String(err);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONNECT_CONCURRENCY, init.connections) }, lane));
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
    if (r.closedCode !== null) closes[r.closedCode] = (closes[r.closedCode] ?? 0) + 1;
  }
  post({
    type: 'report',
    latencies: latencies.slice(0, n),
    lastArrival,
    missing: missingIn(from, to),
    duplicates,
    closes,
    extensions: readers[0]?.ws.extensions ?? '',
    unexpected,
  });
}

process.on('message', (msg: ToReader) => {
  switch (msg.type) {
    case 'init':
      void connectAll(msg);
      break;
    case 'progress':
      post({ type: 'progress', missing: missingIn(msg.from, msg.to), closed: readers.filter((r) => r.closedCode !== null).length });
      break;
    case 'report':
      report(msg.from, msg.to);
      break;
    case 'close':
      for (const r of readers) r.ws.terminate();
      process.disconnect();
      break;
  }
});
// Never outlive the orchestrator.
process.on('disconnect', () => process.exit(0));
