import fs from 'node:fs';
import path from 'node:path';

/** Summary of a V8 `.cpuprofile` (from `node --cpu-prof`): where self time went, by function and by file. */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  file: string;
  totalMs: number;
  byFunction: { name: string; ms: number; share: number }[];
  byPackage: { name: string; ms: number; share: number }[];
}

/**
 * A window of CLOCK_MONOTONIC in µs (`monoMicros`): V8 stamps its samples on the same clock, so a profile of a
 * whole run can be cut down to the part a benchmark measured.
 */
export interface ProfileWindow {
  fromMicros: number;
  toMicros: number;
}

export function summarizeProfile(file: string, top = 12, window?: ProfileWindow): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]!;
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (window && (at < window.fromMicros || at > window.toMicros)) continue;
    self.set(id, (self.get(id) ?? 0) + delta);
  }
  const fn = new Map<string, number>();
  const pkg = new Map<string, number>();
  let total = 0;
  for (const [id, us] of self) {
    const node = byId.get(id);
    if (!node) continue;
    const name = node.callFrame.functionName || '(anonymous)';
    if (name === '(idle)') continue;
    total += us;
    const where = node.callFrame.url ? `${shortUrl(node.callFrame.url)}:${node.callFrame.lineNumber + 1}` : '';
    const key = where ? `${name} ${where}` : name;
    fn.set(key, (fn.get(key) ?? 0) + us);
    const p = packageOf(node.callFrame.url, name);
    pkg.set(p, (pkg.get(p) ?? 0) + us);
  }
  const rank = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: us / 1000, share: total ? us / total : 0 }));
  return { file, totalMs: total / 1000, byFunction: rank(fn), byPackage: rank(pkg) };
}

function shortUrl(url: string): string {
  const i = url.lastIndexOf('node_modules/');
  if (i >= 0) return url.slice(i + 'node_modules/'.length);
  const s = url.indexOf('/server/');
  if (s >= 0) return url.slice(s + 1);
  return url.replace(/^file:\/\//, '');
}

function packageOf(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native/V8)';
  if (url.startsWith('node:')) return 'node core';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1]!;
  const s = /\/(server|shared)\/(.*)$/.exec(url);
  if (s) return `${s[1]}/${path.dirname(s[2]!)}`;
  return url;
}

/**
 * The main thread's profile among those `--cpu-prof` wrote into `dir` (one per thread: the module-loader
 * thread of tsx writes its own), i.e. the one with the most sampled CPU time.
 */
export function mainThreadProfile(dir: string, window?: ProfileWindow): ProfileSummary | null {
  if (!fs.existsSync(dir)) return null;
  const summaries = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => summarizeProfile(path.join(dir, f), 12, window));
  return summaries.sort((a, b) => b.totalMs - a.totalMs)[0] ?? null;
}
