import os from 'node:os';
import type { ColdloadResult } from '../coldload.ts';
import type { FanoutResult } from '../fanout.ts';
import { DATABASE_NAMES, sideName, verdictName } from './databases.ts';
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

/** The reference's run, and the others (the project's server, once per engine, or a self-test's stand-in). */
export function fanoutSides(results: FanoutResult[]): { projects: FanoutResult[]; reference: FanoutResult | null } {
  const last = results[results.length - 1];
  const reference = results.length > 1 && last?.label === 'reference' ? last : null;
  return { projects: results.filter((x) => x !== reference), reference };
}

/** The fan-out's verdicts, for each run of the project's server against the reference's. */
export function fanoutVerdicts(results: FanoutResult[]): Verdict[] {
  const { projects, reference: r } = fanoutSides(results);
  if (!r) return [];
  return projects.flatMap((p) => [
    { name: verdictName('p99', p.database), pass: p.latencyMs.p99 <= r.latencyMs.p99 },
    { name: verdictName('undelivered', p.database), pass: p.undelivered === 0 && p.delivered === p.expected },
    // Per delivered update, so that a server that fell behind is not credited for the work it did not do; with
    // PostgreSQL's processes counted, as SQLite's work is inside the server's.
    { name: verdictName('cpu', p.database), pass: p.totalCpuMicrosPerDelivery <= 0.5 * r.serverCpuMicrosPerDelivery },
  ]);
}

export function fanoutTable(results: FanoutResult[], verdicts: Verdict[]): string {
  const { projects, reference: rp } = fanoutSides(results);
  const p = projects[0];
  if (!p) return '';
  const lines: string[] = [];
  const name = (x: FanoutResult) => sideName(x.label, x.database);
  const columns = rp ? [...projects, rp] : projects;
  const ratioNames = projects.map((x) => `${name(x)}/${rp?.label ?? 'reference'}`);
  const engines = projects.filter((x) => x.database).map((x) => DATABASE_NAMES[x.database!]);
  lines.push(
    `**Fan-out** — 1 document, ${p.readers} readers (in ${p.readerProcesses} processes), 1 writer at ${p.rate} updates/s; ` +
      `${p.warmupSeconds} s warm-up, then ${p.seconds} s measured: ${int(p.updates)} updates per server, ${int(p.expected)} deliveries expected. ` +
      `Clients ${p.perMessageDeflate ? 'offer' : 'do not offer'} permessage-deflate; ${p.pinned ? 'server pinned to CPU 0, load generator to the others' : 'no CPU pinning'}.` +
      (engines.length > 1 ? ` The project's server ran on each engine in turn (${engines.join(', ')}; a fresh database each).` : ''),
    '',
    `| metric | ${columns.map(name).join(' | ')}${rp ? '' : ' | —'} | ${ratioNames.join(' | ')} | target | result |`,
    `|---|${columns.map(() => '---:|').join('')}${rp ? '' : '---:|'}${ratioNames.map(() => '---:|').join('')}---|---|`,
  );
  const dash = rp ? [] : ['—'];
  // Values per column (the reference's last), then one ratio per project run.
  const row = (metric: string, values: string[], ratios: string[], target = '', result = '') =>
    lines.push(`| ${metric} | ${[...values, ...dash, ...ratios].join(' | ')} | ${target} | ${result} |`);
  const noRatios = projects.map(() => '');
  const nums = (get: (x: FanoutResult) => number, digits = 1) =>
    [columns.map((x) => f(get(x), digits)), projects.map((x) => (rp ? ratio(get(x), get(rp)) : '—'))] as const;
  const strs = (get: (x: FanoutResult) => string) => [columns.map(get), noRatios] as const;
  // One verdict per engine: "SQLite PASS, PostgreSQL FAIL" when there are several.
  const result = (verdict: string) =>
    projects
      .map((x) => {
        const v = verdicts.find((y) => y.name === verdictName(verdict, x.database));
        if (!v) return '';
        return projects.length > 1 && x.database ? `${DATABASE_NAMES[x.database]} ${mark(v.pass)}` : mark(v.pass);
      })
      .filter(Boolean)
      .join(', ');
  const onPostgres = projects.some((x) => x.database === 'postgres');

  row('delivery latency p50 (ms)', ...nums((x) => x.latencyMs.p50, 2));
  row('delivery latency p99 (ms)', ...nums((x) => x.latencyMs.p99, 2), '≤ reference', result('p99'));
  row('time until the last reader has an update, p50 / p99 (ms)', ...strs((x) => `${f(x.fullFanoutMs.p50)} / ${f(x.fullFanoutMs.p99)}`));
  row('… median over first → last tenth of updates (ms)', ...strs((x) => `${f(x.trendMs.firstTenth)} → ${f(x.trendMs.lastTenth)}`));
  row('delivery latency p99.9 / max (ms)', ...strs((x) => `${f(x.latencyMs.p999)} / ${f(x.latencyMs.max)}`));
  row('undelivered (reader × update)', columns.map((x) => int(x.undelivered)), noRatios, '0', result('undelivered'));
  row('server CPU in window (s, user+sys)', ...nums((x) => x.serverCpuSeconds, 2));
  row('… of which kernel (system) time (s)', ...nums((x) => x.serverSystemSeconds, 2));
  if (onPostgres) {
    row("PostgreSQL processes' CPU in window (s; SQLite works inside the server)", columns.map((x) => (x.database === 'postgres' ? f(x.databaseCpuSeconds, 2) : '—')), noRatios);
    row('server CPU per delivered update (µs)', ...nums((x) => x.serverCpuMicrosPerDelivery, 2));
    row('server + database CPU per delivered update (µs)', ...nums((x) => x.totalCpuMicrosPerDelivery, 2), '≤ 0.50×', result('cpu'));
  } else {
    row('server CPU per delivered update (µs)', ...nums((x) => x.totalCpuMicrosPerDelivery, 2), '≤ 0.50×', result('cpu'));
  }
  row('server CPU (% of one core)', ...nums((x) => (100 * x.serverCpuSeconds) / x.windowSeconds, 0));
  row('server RSS idle → with readers (MiB)', ...strs((x) => `${f(x.serverRssMiB.idle, 0)} → ${f(x.serverRssMiB.connected, 0)}`));
  row('server RSS peak in window / after (MiB)', columns.map((x) => `${f(x.serverRssMiB.peakInWindow, 0)} / ${f(x.serverRssMiB.after, 0)}`),
    projects.map((x) => (rp ? ratio(x.serverRssMiB.peakInWindow, rp.serverRssMiB.peakInWindow) : '—')));
  row('server VmHWM, whole life (MiB)', ...nums((x) => x.serverRssMiB.hwm, 0));
  row('load generator CPU: readers + writer (s)', ...strs((x) => `${f(x.loadGenCpuSeconds.readers, 2)} + ${f(x.loadGenCpuSeconds.writer, 2)}`));
  row('machine busy before start (% of all cores)', ...nums((x) => 100 * x.busyBefore, 0));
  row('machine busy in window (% of all cores)', ...nums((x) => 100 * x.machineBusyShare, 0));
  row('… of which other processes (% of all cores)', ...nums((x) => 100 * x.otherBusyShare, 0));
  row('writer lag behind schedule p99 / max (ms)', ...strs((x) => `${f(x.writerLagMs.p99, 2)} / ${f(x.writerLagMs.max, 1)}`));
  row('measured window (s)', ...nums((x) => x.windowSeconds, 1));
  const closes = (x: FanoutResult) => Object.entries(x.closes).map(([c, n]) => `${n}×${c}`).join(', ') || '0';
  const ext = (x: FanoutResult) => (x.extensions.includes('permessage-deflate') ? 'yes' : 'no');
  row('permessage-deflate negotiated', ...strs(ext));
  row('sockets closed early / duplicates', ...strs((x) => `${closes(x)} / ${x.duplicates}`));
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
    if (other > limit) out.push(`fan-out/${sideName(x.label, x.database)}: other processes used ${(100 * other).toFixed(0)}% of the machine during the window`);
  }
  if (coldload) {
    for (const [name, s] of [['uncompacted', coldload.uncompacted], ['compacted', coldload.compacted]] as const) {
      if (s.otherBusyShare > limit) out.push(`cold load/${name}: other processes used ${(100 * s.otherBusyShare).toFixed(0)}% of the machine`);
    }
  }
  return out;
}
