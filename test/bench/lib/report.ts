import os from 'node:os';
import type { ColdloadResult } from '../coldload.ts';
import type { FanoutResult } from '../fanout.ts';
import type { ProfileSummary } from './profile.ts';

/** Renders the results as the markdown tables that `npm run bench` prints and docs/performance.md quotes. */

export interface Verdict {
  name: string;
  pass: boolean;
}

const f = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '—');
const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '—');
const ratio = (a: number, b: number) => (b > 0 && Number.isFinite(a) ? `${(a / b).toFixed(2)}×` : '—');
const mark = (pass: boolean) => (pass ? '**PASS**' : '**FAIL**');

export function machineLine(): string {
  const cpus = os.cpus();
  return `${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Linux ${os.release()}, Node ${process.version}`;
}

export function fanoutTable(results: FanoutResult[], verdicts: Verdict[]): string {
  const [p, r] = results;
  if (!p) return '';
  const lines: string[] = [];
  const rp = r ?? null;
  lines.push(
    `**Fan-out** — 1 document, ${p.readers} readers (in ${p.readerProcesses} processes), 1 writer at ${p.rate} updates/s; ` +
      `${p.warmupSeconds} s warm-up, then ${p.seconds} s measured: ${int(p.updates)} updates per server, ${int(p.expected)} deliveries expected. ` +
      `Clients ${p.perMessageDeflate ? 'offer' : 'do not offer'} permessage-deflate; ${p.pinned ? 'server pinned to CPU 0, load generator to the others' : 'no CPU pinning'}.`,
    '',
    `| metric | ${p.label} | ${rp?.label ?? '—'} | ${p.label}/${rp?.label ?? 'reference'} | target | result |`,
    '|---|---:|---:|---:|---|---|',
  );
  const row = (name: string, a: string, b: string, q: string, target = '', result = '') =>
    lines.push(`| ${name} | ${a} | ${b} | ${q} | ${target} | ${result} |`);
  const both = (get: (x: FanoutResult) => number, digits = 1) => [f(get(p), digits), rp ? f(get(rp), digits) : '—', rp ? ratio(get(p), get(rp)) : '—'] as const;

  row('delivery latency p50 (ms)', ...both((x) => x.latencyMs.p50, 2));
  const p99 = verdicts.find((v) => v.name === 'p99');
  row('delivery latency p99 (ms)', ...both((x) => x.latencyMs.p99, 2), '≤ reference', p99 ? mark(p99.pass) : '');
  row('time until the last reader has an update, p50 / p99 (ms)', `${f(p.fullFanoutMs.p50)} / ${f(p.fullFanoutMs.p99)}`, rp ? `${f(rp.fullFanoutMs.p50)} / ${f(rp.fullFanoutMs.p99)}` : '—', '');
  row('… median over first → last tenth of updates (ms)', `${f(p.trendMs.firstTenth)} → ${f(p.trendMs.lastTenth)}`, rp ? `${f(rp.trendMs.firstTenth)} → ${f(rp.trendMs.lastTenth)}` : '—', '');
  row('delivery latency p99.9 / max (ms)', `${f(p.latencyMs.p999)} / ${f(p.latencyMs.max)}`, rp ? `${f(rp.latencyMs.p999)} / ${f(rp.latencyMs.max)}` : '—', '');
  const undelivered = verdicts.find((v) => v.name === 'undelivered');
  row('undelivered (reader × update)', int(p.undelivered), rp ? int(rp.undelivered) : '—', '', '0', undelivered ? mark(undelivered.pass) : '');
  const cpu = verdicts.find((v) => v.name === 'cpu');
  row('server CPU in window (s, user+sys)', ...both((x) => x.serverCpuSeconds, 2));
  row('… of which kernel (system) time (s)', ...both((x) => x.serverSystemSeconds, 2));
  row('server CPU per delivered update (µs)', ...both((x) => x.serverCpuMicrosPerDelivery, 2), '≤ 0.50×', cpu ? mark(cpu.pass) : '');
  row('server CPU (% of one core)', ...both((x) => (100 * x.serverCpuSeconds) / x.windowSeconds, 0));
  row('server RSS idle → with readers (MiB)', `${f(p.serverRssMiB.idle, 0)} → ${f(p.serverRssMiB.connected, 0)}`, rp ? `${f(rp.serverRssMiB.idle, 0)} → ${f(rp.serverRssMiB.connected, 0)}` : '—', '');
  row('server RSS peak in window / after (MiB)', `${f(p.serverRssMiB.peakInWindow, 0)} / ${f(p.serverRssMiB.after, 0)}`, rp ? `${f(rp.serverRssMiB.peakInWindow, 0)} / ${f(rp.serverRssMiB.after, 0)}` : '—', rp ? ratio(p.serverRssMiB.peakInWindow, rp.serverRssMiB.peakInWindow) : '—');
  row('server VmHWM, whole life (MiB)', ...both((x) => x.serverRssMiB.hwm, 0));
  row('load generator CPU: readers + writer (s)', `${f(p.loadGenCpuSeconds.readers, 2)} + ${f(p.loadGenCpuSeconds.writer, 2)}`, rp ? `${f(rp.loadGenCpuSeconds.readers, 2)} + ${f(rp.loadGenCpuSeconds.writer, 2)}` : '—', '');
  row('machine busy before start (% of all cores)', ...both((x) => 100 * x.busyBefore, 0));
  row('machine busy in window (% of all cores)', ...both((x) => 100 * x.machineBusyShare, 0));
  row('… of which other processes (% of all cores)', ...both((x) => 100 * x.otherBusyShare, 0));
  row('writer lag behind schedule p99 / max (ms)', `${f(p.writerLagMs.p99, 2)} / ${f(p.writerLagMs.max, 1)}`, rp ? `${f(rp.writerLagMs.p99, 2)} / ${f(rp.writerLagMs.max, 1)}` : '—', '');
  row('measured window (s)', ...both((x) => x.windowSeconds, 1));
  const closes = (x: FanoutResult) => Object.entries(x.closes).map(([c, n]) => `${n}×${c}`).join(', ') || '0';
  const ext = (x: FanoutResult) => (x.extensions.includes('permessage-deflate') ? 'yes' : 'no');
  row('permessage-deflate negotiated', ext(p), rp ? ext(rp) : '—', '');
  row('sockets closed early / duplicates', `${closes(p)} / ${p.duplicates}`, rp ? `${closes(rp)} / ${rp.duplicates}` : '—', '');
  return lines.join('\n');
}

export function coldloadTable(c: ColdloadResult, verdicts: Verdict[]): string {
  const lines: string[] = [];
  const u = c.uncompacted;
  const k = c.compacted;
  const w = verdicts.find((x) => x.name === 'coldload');
  lines.push(
    `**Cold load** — ${c.trace}: ${int(c.edits)} edits → ${int(c.updates)} updates (${f(c.updateBytes / 2 ** 20, 2)} MiB), ` +
      `${int(c.endChars)} characters; state after compaction ${f(c.stateBytes / 1024, 0)} KiB. Median of ${u.runs.length} fresh processes.`,
    '',
    '| metric | uncompacted | compacted | target | result |',
    '|---|---:|---:|---|---|',
    `| first load in a brand-new process: open + read + apply (ms, median) | ${f(u.median.totalMs)} | ${f(k.median.totalMs)} | reported | |`,
    `| … open store (ms) | ${f(u.median.openMs, 2)} | ${f(k.median.openMs, 2)} | | |`,
    `| … read rows (ms) | ${f(u.median.readMs)} | ${f(k.median.readMs)} | | |`,
    `| … apply to fresh Y.Doc (ms) | ${f(u.median.applyMs)} | ${f(k.median.applyMs)} | | |`,
    `| min – max of the fresh-process runs (ms) | ${f(u.minMs)} – ${f(u.maxMs)} | ${f(k.minMs)} – ${f(k.maxMs)} | | |`,
    `| cold load in a running server: fresh store + fresh Y.Doc (ms, median) | ${u.warmMedianMs === null ? '—' : f(u.warmMedianMs)} | ${k.warmMedianMs === null ? '—' : f(k.warmMedianMs)} | < 50 ms compacted | ${w ? mark(w.pass) : ''} |`,
    `| rows read | ${int(u.median.rows)} | ${int(k.median.rows)} | | |`,
    `| bytes read | ${int(u.median.bytes)} | ${int(k.median.bytes)} | | |`,
    `| SQLite on disk (bytes, db + wal) | ${int(u.diskBytes)} | ${int(k.diskBytes)} | | |`,
    `| … of which pages in use (bytes) | ${int(u.liveBytes)} | ${int(k.liveBytes)} | | |`,
    `| other work on the machine meanwhile (% of all cores) | ${f(100 * u.otherBusyShare, 0)} | ${f(100 * k.otherBusyShare, 0)} | | |`,
    '',
    `Build: replay ${f(c.buildMs, 0)} ms, append in batches ${f(c.storeMs, 0)} ms, compact ${f(c.compactMs, 0)} ms.`,
  );
  return lines.join('\n');
}

export function profileTable(s: ProfileSummary, span = 'whole life of the fan-out run'): string {
  const lines = [
    `**Where the project's server's main thread spent its time** (\`--cpu-prof\`, ${span}, ` +
      `${f(s.totalMs / 1000, 1)} s sampled, idle excluded; time blocked in a native call such as fsync counts)`,
    '',
    '| package / folder | self time (s) | share |',
    '|---|---:|---:|',
    ...s.byPackage.map((x) => `| ${x.name} | ${f(x.ms / 1000, 2)} | ${f(100 * x.share, 1)}% |`),
    '',
    '| function | self time (s) | share |',
    '|---|---:|---:|',
    ...s.byFunction.map((x) => `| \`${x.name.replace(/\|/g, '\\|')}\` | ${f(x.ms / 1000, 2)} | ${f(100 * x.share, 1)}% |`),
  ];
  return lines.join('\n');
}

/** Runs in which other processes took a noticeable share of the machine: their numbers are not to be trusted. */
export function noiseWarnings(fanout: FanoutResult[] | null, coldload: ColdloadResult | null, limit = 0.1): string[] {
  const out: string[] = [];
  for (const x of fanout ?? []) {
    const other = x.otherBusyShare;
    if (other > limit) out.push(`fan-out/${x.label}: other processes used ${(100 * other).toFixed(0)}% of the machine during the window`);
  }
  if (coldload) {
    for (const [name, s] of [['uncompacted', coldload.uncompacted], ['compacted', coldload.compacted]] as const) {
      if (s.otherBusyShare > limit) out.push(`cold load/${name}: other processes used ${(100 * s.otherBusyShare).toFixed(0)}% of the machine`);
    }
  }
  return out;
}
