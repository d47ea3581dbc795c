/**
 * Benchmark 5, several processes (`npm run bench -- --only cluster`): the project's server as one installation of
 * N processes on one PostgreSQL database and one Redis (docs/operations.md, "Several processes"), against the same
 * load on one process of the same kind (PostgreSQL + Redis), in the same run. Two loads:
 *
 * - fan-out: Benchmark 1's load (one document, N readers, one writer at a fixed rate), the readers split evenly
 *   over the processes and the writer on the first;
 * - many meetings: D documents × E editors each typing at a fixed rate, each document's editors spread over the
 *   processes (editor j of document d on process (d + j) mod N: every document spans processes, as it does behind
 *   a proxy without sticky sessions), measuring the time from a send to its arrival at every other editor.
 *
 * Every side gets a fresh installation (fresh database, fresh Redis prefix, fresh processes), stopped and dropped
 * after it. CPU is read from /proc for every server process and PostgreSQL's processes; Redis's from INFO.
 */
import os from 'node:os';
import { Redis } from 'ioredis';
import { cpuSnapshot, cpuWindow } from './lib/cpu-window.ts';
import { startBenchCluster, type BenchCluster } from './lib/cluster-servers.ts';
import type { FromReader, FromWriter, ReaderReport, ToReader, ToWriter } from './lib/fanout-ipc.ts';
import type { EditorConnection, FromEditor, ToEditor } from './lib/meetings-ipc.ts';
import { PostgresProcesses } from './lib/pg-processes.ts';
import { cpuSeconds, memory, monoMicros, waitForQuiet } from './lib/procfs.ts';
import type { Verdict } from './lib/report.ts';
import { percentile, sortedSamples } from './lib/stats.ts';
import { Worker } from './lib/worker.ts';

export interface ClusterOptions {
  /** Processes of the several-process side (3). */
  processes: number;
  fanout: { readers: number; rate: number; seconds: number; warmupSeconds: number; drainSeconds: number } | null;
  meetings: { documents: number; editors: number; rate: number; seconds: number; warmupSeconds: number; drainSeconds: number; editorProcesses: number } | null;
  /** Extra environment for the processes of the several-process side only (a diagnostic, e.g. a smaller write budget). */
  severalEnv?: Record<string, string>;
  log: (line: string) => void;
}

/** What one side (1 or N processes) measured, common to both loads. */
export interface SideCommon {
  processes: number;
  command: string;
  latencyMs: { p50: number; p99: number; p999: number; max: number };
  expected: number;
  delivered: number;
  undelivered: number;
  duplicates: number;
  closes: Record<string, number>;
  windowSeconds: number;
  /** CPU seconds of each server process in the window, in the order started. */
  serverCpuSeconds: number[];
  serverCpuTotal: number;
  serverSystemSeconds: number;
  databaseCpuSeconds: number;
  /** Redis's own CPU (INFO cpu) in the window; Redis is shared with other work on the machine, if any. */
  redisCpuSeconds: number;
  /** (all server processes + PostgreSQL) CPU per delivered update, µs: what the target judges. */
  cpuMicrosPerDelivery: number;
  /** The same with Redis's CPU added. */
  cpuWithRedisMicrosPerDelivery: number;
  /** Per process: RSS at the end of the window, and its peak sampled in the window (MiB). */
  rssMiB: { after: number; peak: number }[];
  loadGenCpuSeconds: number;
  machineBusyShare: number;
  otherBusyShare: number;
  busyBefore: number;
  senderLagP99Ms: number;
}

export interface ClusterFanoutSide extends SideCommon {
  readers: number;
  rate: number;
  seconds: number;
  updates: number;
}

export interface ClusterMeetingsSide extends SideCommon {
  documents: number;
  editors: number;
  rate: number;
  seconds: number;
  sent: number;
  echoes: number;
}

export interface ClusterResult {
  processes: number;
  fanout: { single: ClusterFanoutSide; several: ClusterFanoutSide } | null;
  meetings: { single: ClusterMeetingsSide; several: ClusterMeetingsSide } | null;
}

export async function runCluster(o: ClusterOptions): Promise<ClusterResult> {
  const result: ClusterResult = { processes: o.processes, fanout: null, meetings: null };
  if (o.fanout) {
    const f = o.fanout;
    o.log(`cluster/fan-out: ${f.readers} readers, 1 writer at ${f.rate} updates/s, ${f.warmupSeconds}s warm-up + ${f.seconds}s measured`);
    const single = await fanoutSide(1, o.processes, f, o.log, {});
    const several = await fanoutSide(o.processes, o.processes, f, o.log, o.severalEnv ?? {});
    result.fanout = { single, several };
  }
  if (o.meetings) {
    const m = o.meetings;
    o.log(`cluster/meetings: ${m.documents} documents × ${m.editors} editors at ${m.rate} updates/s each, ${m.warmupSeconds}s warm-up + ${m.seconds}s measured`);
    const single = await meetingsSide(1, m, o.log, {});
    const several = await meetingsSide(o.processes, m, o.log, o.severalEnv ?? {});
    result.meetings = { single, several };
  }
  return result;
}

/** Redis's CPU seconds so far (user + system, main thread and children), from INFO cpu. */
async function redisCpu(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  const get = (k: string) => Number(new RegExp(`^${k}:([\\d.]+)`, 'm').exec(info)?.[1] ?? 0);
  return get('used_cpu_sys') + get('used_cpu_user');
}

/** Peak RSS of each process, sampled every 100 ms while running. */
function rssSampler(pids: number[]): { peaks: number[]; stop(): void } {
  const peaks = pids.map((pid) => memory(pid).rssMiB);
  const timer = setInterval(() => pids.forEach((pid, i) => (peaks[i] = Math.max(peaks[i]!, memory(pid).rssMiB))), 100);
  return { peaks, stop: () => clearInterval(timer) };
}

interface Measure {
  cluster: BenchCluster;
  postgres: PostgresProcesses;
  redis: Redis;
}

async function withCluster<T>(
  processes: number,
  docIds: string[],
  env: Record<string, string>,
  log: (l: string) => void,
  body: (m: Measure) => Promise<T>,
): Promise<T> {
  const cluster = await startBenchCluster(processes, docIds, env);
  let postgres: PostgresProcesses | null = null;
  const redis = new Redis(cluster.redisUrl, { maxRetriesPerRequest: 1 });
  redis.on('error', () => {});
  try {
    postgres = await PostgresProcesses.watch(cluster.databaseUrl);
    log(`  ${processes} process${processes > 1 ? 'es' : ''} up (pids ${cluster.pids.join(', ')})`);
    return await body({ cluster, postgres, redis });
  } finally {
    redis.disconnect();
    await postgres?.close();
    await cluster.stop();
  }
}

async function fanoutSide(
  processes: number,
  readerProcesses: number,
  f: NonNullable<ClusterOptions['fanout']>,
  log: (l: string) => void,
  env: Record<string, string>,
): Promise<ClusterFanoutSide> {
  const busyBefore = await waitForQuiet(log);
  const docId = `bench-cluster-fanout-${Date.now().toString(36)}`;
  return withCluster(processes, [docId], env, log, async ({ cluster, postgres, redis }) => {
    const readers: Worker<ToReader, FromReader>[] = [];
    let writer: Worker<ToWriter, FromWriter> | null = null;
    let sampler: ReturnType<typeof rssSampler> | null = null;
    try {
      const maxSeq = Math.ceil(f.rate * (f.warmupSeconds + f.seconds)) + 16;
      writer = new Worker<ToWriter, FromWriter>('fanout-writer.ts', 'writer');
      // The same number of reader processes on both sides; on N processes, reader process i uses server i.
      for (let i = 0; i < readerProcesses; i++) readers.push(new Worker<ToReader, FromReader>('fanout-reader.ts', `readers#${i}`));
      await writer.request({ type: 'init', url: cluster.docUrl(0, docId), perMessageDeflate: false }, 'ready', 30_000);
      const ready = await Promise.all(
        readers.map((w, i) =>
          w.request(
            { type: 'init', url: cluster.docUrl(i, docId), connections: share(f.readers, readerProcesses, i), maxSeq, perMessageDeflate: false },
            'ready',
            90_000,
          ),
        ),
      );
      const failed = ready.reduce((n, r) => n + r.failed, 0);
      if (failed > 0) throw new Error(`${failed} of ${f.readers} readers could not connect: ${ready.find((r) => r.firstError)?.firstError}`);
      log(`  ${f.readers} readers synced over ${processes} process${processes > 1 ? 'es' : ''}`);
      await sleep(1000);

      const startMsg = writer.next('measure-start', (f.warmupSeconds + 30) * 1000);
      const endMsg = writer.next('measure-end', (f.warmupSeconds + f.seconds + 60) * 1000);
      writer.send({ type: 'start', rate: f.rate, warmupSeconds: f.warmupSeconds, seconds: f.seconds });
      await startMsg;
      const perBefore = cluster.pids.map(cpuSeconds);
      const redisBefore = await redisCpu(redis);
      const before = cpuSnapshot(cluster.pids, { load: [...readers, writer] }, await postgres.pids());
      sampler = rssSampler(cluster.pids);
      const end = await endMsg;
      const drainUntil = Date.now() + f.drainSeconds * 1000;
      while (Date.now() < drainUntil) {
        const progress = await Promise.all(readers.map((w) => w.request({ type: 'progress', from: end.firstSeq, to: end.lastSeq }, 'progress', 10_000)));
        if (progress.reduce((n, p) => n + p.missing, 0) === 0) break;
        await sleep(20);
      }
      const after = cpuSnapshot(cluster.pids, { load: [...readers, writer] }, await postgres.pids());
      const redisAfter = await redisCpu(redis);
      const perAfter = cluster.pids.map(cpuSeconds);
      sampler.stop();
      const rssMiB = cluster.pids.map((pid, i) => ({ after: memory(pid).rssMiB, peak: sampler!.peaks[i]! }));

      const reports: ReaderReport[] = await Promise.all(readers.map((w) => w.request({ type: 'report', from: end.firstSeq, to: end.lastSeq }, 'report', 30_000)));
      const sorted = sortedSamples(reports.map((r) => r.latencies));
      const updates = end.lastSeq - end.firstSeq + 1;
      const closes: Record<string, number> = {};
      for (const r of reports) for (const [code, n] of Object.entries(r.closes)) closes[code] = (closes[code] ?? 0) + n;
      const side: ClusterFanoutSide = {
        ...common({
          processes,
          command: cluster.command,
          sorted,
          expected: updates * f.readers,
          undelivered: reports.reduce((n, r) => n + r.missing, 0),
          duplicates: reports.reduce((n, r) => n + r.duplicates, 0),
          closes,
          cpu: cpuWindow(before, after),
          perProcess: perAfter.map((a, i) => a - perBefore[i]!),
          redisCpuSeconds: redisAfter - redisBefore,
          rssMiB,
          busyBefore,
          senderLagP99Ms: end.lagP99Ms,
        }),
        readers: f.readers,
        rate: f.rate,
        seconds: f.seconds,
        updates,
      };
      logSide(side, log);
      return side;
    } finally {
      sampler?.stop();
      await Promise.all([writer?.close(), ...readers.map((w) => w.close())]);
    }
  });
}

async function meetingsSide(
  processes: number,
  m: NonNullable<ClusterOptions['meetings']>,
  log: (l: string) => void,
  env: Record<string, string>,
): Promise<ClusterMeetingsSide> {
  const busyBefore = await waitForQuiet(log);
  const stamp = Date.now().toString(36);
  const docIds = Array.from({ length: m.documents }, (_, d) => `bench-meeting-${stamp}-${d}`);
  return withCluster(processes, docIds, env, log, async ({ cluster, postgres, redis }) => {
    const workers: Worker<ToEditor, FromEditor>[] = [];
    let sampler: ReturnType<typeof rssSampler> | null = null;
    try {
      const connections: EditorConnection[][] = Array.from({ length: m.editorProcesses }, () => []);
      let editor = 0;
      for (let d = 0; d < m.documents; d++) {
        for (let j = 0; j < m.editors; j++) {
          connections[editor % m.editorProcesses]!.push({ url: cluster.docUrl(d + j, docIds[d]!), editor });
          editor++;
        }
      }
      for (let i = 0; i < m.editorProcesses; i++) workers.push(new Worker<ToEditor, FromEditor>('meetings-editor.ts', `editors#${i}`));
      const ready = await Promise.all(workers.map((w, i) => w.request({ type: 'init', connections: connections[i]!, perMessageDeflate: false }, 'ready', 120_000)));
      const failed = ready.reduce((n, r) => n + r.failed, 0);
      if (failed > 0) throw new Error(`${failed} of ${editor} editors could not connect: ${ready.find((r) => r.firstError)?.firstError}`);
      log(`  ${editor} editors synced over ${processes} process${processes > 1 ? 'es' : ''}`);
      await sleep(1000);

      const startMicros = monoMicros() + 200_000;
      const fromMicros = startMicros + m.warmupSeconds * 1e6;
      const toMicros = fromMicros + m.seconds * 1e6;
      const sentMsgs = Promise.all(workers.map((w) => w.next('sent', (m.warmupSeconds + m.seconds + 60) * 1000)));
      for (const w of workers) w.send({ type: 'start', rate: m.rate, startMicros, fromMicros, toMicros });
      await sleep((fromMicros - monoMicros()) / 1000);
      const perBefore = cluster.pids.map(cpuSeconds);
      const redisBefore = await redisCpu(redis);
      const before = cpuSnapshot(cluster.pids, { load: workers }, await postgres.pids());
      sampler = rssSampler(cluster.pids);
      const sent = await sentMsgs;
      const sentInWindow = sent.reduce((n, s) => n + s.sentInWindow, 0);
      const expected = sentInWindow * (m.editors - 1);
      const drainUntil = Date.now() + m.drainSeconds * 1000;
      while (Date.now() < drainUntil) {
        const progress = await Promise.all(workers.map((w) => w.request({ type: 'progress' }, 'progress', 10_000)));
        if (progress.reduce((n, p) => n + p.received, 0) >= expected) break;
        await sleep(20);
      }
      const after = cpuSnapshot(cluster.pids, { load: workers }, await postgres.pids());
      const redisAfter = await redisCpu(redis);
      const perAfter = cluster.pids.map(cpuSeconds);
      sampler.stop();
      const rssMiB = cluster.pids.map((pid, i) => ({ after: memory(pid).rssMiB, peak: sampler!.peaks[i]! }));

      const reports = await Promise.all(workers.map((w) => w.request({ type: 'report' }, 'report', 30_000)));
      const sorted = sortedSamples(reports.map((r) => r.latencies));
      const closes: Record<string, number> = {};
      for (const r of reports) for (const [code, n] of Object.entries(r.closes)) closes[code] = (closes[code] ?? 0) + n;
      const side: ClusterMeetingsSide = {
        ...common({
          processes,
          command: cluster.command,
          sorted,
          expected,
          undelivered: Math.max(0, expected - sorted.length),
          duplicates: reports.reduce((n, r) => n + r.duplicates, 0),
          closes,
          cpu: cpuWindow(before, after),
          perProcess: perAfter.map((a, i) => a - perBefore[i]!),
          redisCpuSeconds: redisAfter - redisBefore,
          rssMiB,
          busyBefore,
          senderLagP99Ms: Math.max(...sent.map((s) => s.lagP99Ms)),
        }),
        documents: m.documents,
        editors: m.editors,
        rate: m.rate,
        seconds: m.seconds,
        sent: sentInWindow,
        echoes: reports.reduce((n, r) => n + r.echoes, 0),
      };
      logSide(side, log);
      return side;
    } finally {
      sampler?.stop();
      await Promise.all(workers.map((w) => w.close()));
    }
  });
}

function common(x: {
  processes: number;
  command: string;
  sorted: Float32Array;
  expected: number;
  undelivered: number;
  duplicates: number;
  closes: Record<string, number>;
  cpu: ReturnType<typeof cpuWindow<'load'>>;
  perProcess: number[];
  redisCpuSeconds: number;
  rssMiB: { after: number; peak: number }[];
  busyBefore: number;
  senderLagP99Ms: number;
}): SideCommon {
  const { sorted, cpu } = x;
  const delivered = sorted.length;
  return {
    processes: x.processes,
    command: x.command,
    latencyMs: {
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      p999: percentile(sorted, 99.9),
      max: sorted[sorted.length - 1] ?? NaN,
    },
    expected: x.expected,
    delivered,
    undelivered: x.undelivered,
    duplicates: x.duplicates,
    closes: x.closes,
    windowSeconds: cpu.windowSeconds,
    serverCpuSeconds: x.perProcess,
    serverCpuTotal: cpu.serverCpuSeconds,
    serverSystemSeconds: cpu.serverSystemSeconds,
    databaseCpuSeconds: cpu.databaseCpuSeconds,
    redisCpuSeconds: x.redisCpuSeconds,
    cpuMicrosPerDelivery: delivered ? ((cpu.serverCpuSeconds + cpu.databaseCpuSeconds) * 1e6) / delivered : NaN,
    cpuWithRedisMicrosPerDelivery: delivered ? ((cpu.serverCpuSeconds + cpu.databaseCpuSeconds + x.redisCpuSeconds) * 1e6) / delivered : NaN,
    rssMiB: x.rssMiB,
    loadGenCpuSeconds: cpu.loadGenCpuSeconds.load,
    machineBusyShare: cpu.machineBusyShare,
    // Redis's work is ours too: it is not other work on the machine.
    otherBusyShare: Math.max(0, cpu.otherBusyShare - x.redisCpuSeconds / (cpu.windowSeconds * coreCount())),
    busyBefore: x.busyBefore,
    senderLagP99Ms: x.senderLagP99Ms,
  };
}

function coreCount(): number {
  return Math.max(1, os.cpus().length);
}

function logSide(s: SideCommon, log: (l: string) => void): void {
  log(
    `  ${s.processes} process(es): p50 ${s.latencyMs.p50.toFixed(2)} ms, p99 ${s.latencyMs.p99.toFixed(2)} ms, undelivered ${s.undelivered}, ` +
      `server CPU ${s.serverCpuSeconds.map((c) => c.toFixed(2)).join(' + ')} s + PostgreSQL ${s.databaseCpuSeconds.toFixed(2)} s + Redis ${s.redisCpuSeconds.toFixed(2)} s ` +
      `in ${s.windowSeconds.toFixed(1)} s = ${s.cpuMicrosPerDelivery.toFixed(2)} µs/delivery (server + PostgreSQL)`,
  );
}

export function clusterVerdicts(r: ClusterResult): Verdict[] {
  const out: Verdict[] = [];
  if (r.fanout) {
    const { single: s, several: n } = r.fanout;
    out.push(
      { name: 'cluster-fanout-cpu', pass: n.cpuMicrosPerDelivery <= 1.5 * s.cpuMicrosPerDelivery },
      { name: 'cluster-fanout-p99', pass: n.latencyMs.p99 <= s.latencyMs.p99 + 15 },
      { name: 'cluster-fanout-undelivered', pass: n.undelivered === 0 && n.delivered === n.expected },
    );
  }
  if (r.meetings) {
    out.push(
      { name: 'cluster-meetings-p99', pass: r.meetings.several.latencyMs.p99 < 100 },
      { name: 'cluster-meetings-undelivered', pass: r.meetings.several.undelivered === 0 },
    );
  }
  return out;
}

const fx = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '—');
const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '—');
const mark = (v: Verdict | undefined) => (v ? (v.pass ? '**PASS**' : '**FAIL**') : '');

function sideRows(s: SideCommon, n: SideCommon, row: (metric: string, a: string, b: string, target?: string, result?: string) => void): void {
  row('server CPU per process in window (s)', s.serverCpuSeconds.map((c) => fx(c, 2)).join(' '), n.serverCpuSeconds.map((c) => fx(c, 2)).join(' + '));
  row('… all server processes, of which kernel (s)', `${fx(s.serverCpuTotal, 2)}; ${fx(s.serverSystemSeconds, 2)}`, `${fx(n.serverCpuTotal, 2)}; ${fx(n.serverSystemSeconds, 2)}`);
  row("PostgreSQL processes' CPU (s)", fx(s.databaseCpuSeconds, 2), fx(n.databaseCpuSeconds, 2));
  row('Redis CPU (s, INFO cpu)', fx(s.redisCpuSeconds, 2), fx(n.redisCpuSeconds, 2));
  row('server RSS per process, end of window / peak (MiB)', s.rssMiB.map((x) => `${fx(x.after, 0)} / ${fx(x.peak, 0)}`).join('; '), n.rssMiB.map((x) => `${fx(x.after, 0)} / ${fx(x.peak, 0)}`).join('; '));
  row('load generator CPU (s)', fx(s.loadGenCpuSeconds, 2), fx(n.loadGenCpuSeconds, 2));
  row('machine busy before start / in window / other work (% of all cores)', `${fx(100 * s.busyBefore, 0)} / ${fx(100 * s.machineBusyShare, 0)} / ${fx(100 * s.otherBusyShare, 0)}`,
    `${fx(100 * n.busyBefore, 0)} / ${fx(100 * n.machineBusyShare, 0)} / ${fx(100 * n.otherBusyShare, 0)}`);
  row('sender lag behind schedule p99 (ms)', fx(s.senderLagP99Ms, 2), fx(n.senderLagP99Ms, 2));
  row('measured window (s)', fx(s.windowSeconds, 1), fx(n.windowSeconds, 1));
  const closes = (x: SideCommon) => Object.entries(x.closes).map(([c, k]) => `${k}×${c}`).join(', ') || '0';
  row('sockets closed early / duplicates', `${closes(s)} / ${s.duplicates}`, `${closes(n)} / ${n.duplicates}`);
}

export function clusterTable(r: ClusterResult, verdicts: Verdict[]): string {
  const lines: string[] = [];
  const v = (name: string) => verdicts.find((x) => x.name === name);
  const N = r.processes;
  if (r.fanout) {
    const { single: s, several: n } = r.fanout;
    lines.push(
      `**Several processes — fan-out** — 1 document, ${s.readers} readers (in ${N} load-generator processes; on ${N} server processes, ` +
        `reader process i on server process i), 1 writer at ${s.rate} updates/s on the first process; ${s.seconds} s measured: ` +
        `${int(s.updates)} / ${int(n.updates)} updates, ${int(s.expected)} / ${int(n.expected)} deliveries expected. PostgreSQL + Redis on both sides, a fresh installation each.`,
      '',
      `| metric | 1 process | ${N} processes | ${N}/1 | target | result |`,
      '|---|---:|---:|---:|---|---|',
    );
    const row = (metric: string, a: string, b: string, target = '', result = '', ratio = '') => lines.push(`| ${metric} | ${a} | ${b} | ${ratio} | ${target} | ${result} |`);
    const ratio = (a: number, b: number) => (a > 0 ? `${(b / a).toFixed(2)}×` : '—');
    row('delivery latency p50 (ms)', fx(s.latencyMs.p50, 2), fx(n.latencyMs.p50, 2));
    row('delivery latency p99 (ms)', fx(s.latencyMs.p99, 2), fx(n.latencyMs.p99, 2), '≤ 1 process + 15 ms', mark(v('cluster-fanout-p99')), `${n.latencyMs.p99 >= s.latencyMs.p99 ? '+' : '−'}${fx(Math.abs(n.latencyMs.p99 - s.latencyMs.p99), 1)} ms`);
    row('delivery latency p99.9 / max (ms)', `${fx(s.latencyMs.p999)} / ${fx(s.latencyMs.max)}`, `${fx(n.latencyMs.p999)} / ${fx(n.latencyMs.max)}`);
    row('undelivered (reader × update)', int(s.undelivered), int(n.undelivered), '0', mark(v('cluster-fanout-undelivered')));
    row('server + PostgreSQL CPU per delivered update (µs)', fx(s.cpuMicrosPerDelivery, 2), fx(n.cpuMicrosPerDelivery, 2), '≤ 1.5×', mark(v('cluster-fanout-cpu')), ratio(s.cpuMicrosPerDelivery, n.cpuMicrosPerDelivery));
    row('… with Redis added (µs)', fx(s.cpuWithRedisMicrosPerDelivery, 2), fx(n.cpuWithRedisMicrosPerDelivery, 2), '', '', ratio(s.cpuWithRedisMicrosPerDelivery, n.cpuWithRedisMicrosPerDelivery));
    sideRows(s, n, (metric, a, b, target = '', result = '') => row(metric, a, b, target, result));
    lines.push('');
  }
  if (r.meetings) {
    const { single: s, several: n } = r.meetings;
    lines.push(
      `**Several processes — many meetings** — ${s.documents} documents × ${s.editors} editors, each typing ${s.rate} updates/s ` +
        `(${int(s.documents * s.editors * s.rate)} updates/s in all, each to ${s.editors - 1} other editors); on ${N} processes editor j of document d ` +
        `uses process (d + j) mod ${N}. ${s.seconds} s measured: ${int(s.sent)} / ${int(n.sent)} updates sent, ${int(s.expected)} / ${int(n.expected)} deliveries expected.`,
      '',
      `| metric | 1 process | ${N} processes | target | result |`,
      '|---|---:|---:|---|---|',
    );
    const row = (metric: string, a: string, b: string, target = '', result = '') => lines.push(`| ${metric} | ${a} | ${b} | ${target} | ${result} |`);
    row('send → other editor latency p50 (ms)', fx(s.latencyMs.p50, 2), fx(n.latencyMs.p50, 2));
    row('send → other editor latency p99 (ms)', fx(s.latencyMs.p99, 2), fx(n.latencyMs.p99, 2), `< 100 ms on ${N}`, mark(v('cluster-meetings-p99')));
    row('latency p99.9 / max (ms)', `${fx(s.latencyMs.p999)} / ${fx(s.latencyMs.max)}`, `${fx(n.latencyMs.p999)} / ${fx(n.latencyMs.max)}`);
    row('undelivered (editor × update)', int(s.undelivered), int(n.undelivered), '0', mark(v('cluster-meetings-undelivered')));
    row('server + PostgreSQL CPU per delivered update (µs)', fx(s.cpuMicrosPerDelivery, 2), fx(n.cpuMicrosPerDelivery, 2));
    row('… with Redis added (µs)', fx(s.cpuWithRedisMicrosPerDelivery, 2), fx(n.cpuWithRedisMicrosPerDelivery, 2));
    sideRows(s, n, row);
    row('own updates echoed back', int(s.echoes), int(n.echoes));
  }
  return lines.join('\n');
}

export function clusterNoise(r: ClusterResult | null, limit = 0.1): string[] {
  if (!r) return [];
  const sides: [string, SideCommon][] = [];
  if (r.fanout) sides.push(['cluster fan-out/1', r.fanout.single], [`cluster fan-out/${r.processes}`, r.fanout.several]);
  if (r.meetings) sides.push(['cluster meetings/1', r.meetings.single], [`cluster meetings/${r.processes}`, r.meetings.several]);
  return sides.filter(([, s]) => s.otherBusyShare > limit).map(([name, s]) => `${name}: other processes used ${(100 * s.otherBusyShare).toFixed(0)}% of the machine during the window`);
}

function share(total: number, parts: number, i: number): number {
  return Math.floor(total / parts) + (i < total % parts ? 1 : 0);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
