/**
 * Benchmark 2, cold load: the automerge-paper trace stored through SqliteStore as one row per edit, then
 * compacted, and loaded into a fresh Y.Doc by fresh processes. See docs/performance.md.
 */
import Database from 'better-sqlite3';
import { fork } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as Y from 'yjs';
import { SqliteStore } from '../../server/storage/sqlite.ts';
import type { ColdLoadReply, LoadTiming } from './coldload-worker.ts';
import { removeDir, stopChild, trackChild, trackDir } from './lib/cleanup.ts';
import { busyShare, machineCpu, waitForQuiet } from './lib/procfs.ts';
import { repoRoot } from './lib/servers.ts';
import { median } from './lib/stats.ts';
import { DEFAULT_TRACE, buildFromTrace, readTrace } from './lib/trace.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const TEXT_NAME = 'trace';
const DOC_ID = 'bench-coldload';
/** Loads a worker makes after its cold one before it times warm loads (V8 optimises Yjs's decoder by then). */
const WARMUP_LOADS = 3;

export interface ColdloadOptions {
  trace: string;
  runs: number;
  batch: number;
  log: (line: string) => void;
}

export const defaultColdloadOptions = { trace: DEFAULT_TRACE, runs: 5, batch: 1000 };

export interface LoadSeries {
  runs: LoadTiming[];
  /** Median of each column over the cold runs. */
  median: LoadTiming;
  minMs: number;
  maxMs: number;
  /** Median total of the warm re-loads (same process, fresh store and Y.Doc), if any were made. */
  warmMedianMs: number | null;
  diskBytes: number;
  /** Pages in use (page_count − freelist_count) × page_size: what the file would shrink to after a VACUUM. */
  liveBytes: number;
  /** Share of all cores busy with other work than the load processes while they ran (noise). */
  otherBusyShare: number;
}

export interface ColdloadResult {
  trace: string;
  edits: number;
  updates: number;
  updateBytes: number;
  stateBytes: number;
  endChars: number;
  buildMs: number;
  storeMs: number;
  compactMs: number;
  uncompacted: LoadSeries;
  compacted: LoadSeries;
}

export async function runColdload(o: ColdloadOptions): Promise<ColdloadResult> {
  o.log(`coldload: replaying ${path.basename(o.trace)}`);
  const trace = readTrace(o.trace);
  const built = buildFromTrace(trace, TEXT_NAME);
  const expectedSha1 = crypto.createHash('sha1').update(trace.endContent).digest('hex');
  const updateBytes = built.updates.reduce((n, u) => n + u.byteLength, 0);
  o.log(`  ${built.edits} edits → ${built.updates.length} updates (${mib(updateBytes)} MiB) in ${built.ms.toFixed(0)} ms`);

  const dir = trackDir(fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-bench-coldload-')));
  try {
    let t = performance.now();
    let head = 0;
    const store = SqliteStore.open(dir);
    for (let i = 0; i < built.updates.length; i += o.batch) {
      const appended = await store.append(DOC_ID, built.updates.slice(i, i + o.batch));
      if (appended.stored) head = appended.to;
    }
    await store.close();
    const storeMs = performance.now() - t;
    o.log(`  appended in batches of ${o.batch} in ${storeMs.toFixed(0)} ms; on disk ${mib(diskBytes(dir))} MiB`);

    const uncompacted = await series(dir, o, 0, expectedSha1, 'uncompacted');

    t = performance.now();
    const state = Y.encodeStateAsUpdate(built.doc);
    const compactStore = SqliteStore.open(dir);
    await compactStore.compact(DOC_ID, { state, merged: [[1, head]], baseVersion: 0 });
    await compactStore.close();
    const compactMs = performance.now() - t;
    o.log(`  compacted to a ${(state.byteLength / 1024).toFixed(0)} KiB state in ${compactMs.toFixed(0)} ms; on disk ${mib(diskBytes(dir))} MiB`);

    const compacted = await series(dir, o, WARMUP_LOADS + 3, expectedSha1, 'compacted');
    return {
      trace: path.basename(o.trace),
      edits: built.edits,
      updates: built.updates.length,
      updateBytes,
      stateBytes: state.byteLength,
      endChars: [...trace.endContent].length,
      buildMs: built.ms,
      storeMs,
      compactMs,
      uncompacted,
      compacted,
    };
  } finally {
    built.doc.destroy();
    removeDir(dir);
  }
}

async function series(dir: string, o: ColdloadOptions, warmRepeats: number, expectedSha1: string, label: string): Promise<LoadSeries> {
  const runs: LoadTiming[] = [];
  const warm: number[] = [];
  await waitForQuiet(o.log);
  const machineBefore = machineCpu();
  const wallBefore = performance.now();
  const selfBefore = process.cpuUsage();
  let workersCpu = 0;
  for (let i = 0; i < o.runs; i++) {
    const reply = await coldLoadInFreshProcess(dir, warmRepeats);
    workersCpu += reply.cpuSeconds;
    if (reply.textSha1 !== expectedSha1) throw new Error(`${label} load ${i + 1}: loaded text differs from the trace's endContent`);
    runs.push(reply.cold);
    // The first WARMUP_LOADS re-loads only warm the JIT up; the ones after them are the warm-process sample.
    warm.push(...reply.warm.slice(WARMUP_LOADS).map((w) => w.totalMs));
  }
  const self = process.cpuUsage(selfBefore);
  const busySeconds = ((busyShare(machineBefore, machineCpu()) * (performance.now() - wallBefore)) / 1000) * os.cpus().length;
  const otherBusyShare = Math.max(0, busySeconds - workersCpu - (self.user + self.system) / 1e6) / (((performance.now() - wallBefore) / 1000) * os.cpus().length);
  const col = (k: keyof LoadTiming) => median(runs.map((r) => r[k]));
  const result: LoadSeries = {
    runs,
    median: { openMs: col('openMs'), readMs: col('readMs'), applyMs: col('applyMs'), totalMs: col('totalMs'), bytes: col('bytes'), rows: col('rows') },
    minMs: Math.min(...runs.map((r) => r.totalMs)),
    maxMs: Math.max(...runs.map((r) => r.totalMs)),
    warmMedianMs: warm.length ? median(warm) : null,
    diskBytes: diskBytes(dir),
    liveBytes: liveBytes(dir),
    otherBusyShare,
  };
  o.log(
    `  ${label}: median ${result.median.totalMs.toFixed(1)} ms (open ${result.median.openMs.toFixed(1)}, read ${result.median.readMs.toFixed(1)}, ` +
      `apply ${result.median.applyMs.toFixed(1)}) over ${o.runs} fresh processes, ${result.median.rows} rows, ${mib(result.median.bytes)} MiB read`,
  );
  return result;
}

async function coldLoadInFreshProcess(dir: string, warmRepeats: number): Promise<ColdLoadReply> {
  const child = trackChild(
    fork(path.join(here, 'coldload-worker.ts'), [], { cwd: repoRoot, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }),
  );
  try {
    return await new Promise<ColdLoadReply>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('cold load worker took over 120 s')), 120_000);
      child.once('message', (m: ColdLoadReply) => {
        clearTimeout(timer);
        resolve(m);
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`cold load worker exited (${code}) without a result`));
      });
      child.send({ dir, docId: DOC_ID, textName: TEXT_NAME, warmRepeats });
    });
  } finally {
    await stopChild(child, 2000);
  }
}

/** The SQLite database and its -wal/-shm files. */
function diskBytes(dir: string): number {
  return fs.readdirSync(dir).reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0);
}

function liveBytes(dir: string): number {
  let total = 0;
  for (const f of fs.readdirSync(dir).filter((name) => !/-(wal|shm|journal)$/.test(name))) {
    const db = new Database(path.join(dir, f), { readonly: true });
    const pages = Number(db.pragma('page_count', { simple: true }));
    const free = Number(db.pragma('freelist_count', { simple: true }));
    total += (pages - free) * Number(db.pragma('page_size', { simple: true }));
    db.close();
  }
  return total;
}

function mib(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(2);
}
