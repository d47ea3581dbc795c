import { CPU_SLOWDOWN, HALL_WIFI, PAGE_TARGETS, PHONE, type Bytes, type PageResult, type PageRun } from '../page.ts';
import type { Verdict } from './report.ts';

/** The page benchmark's verdicts and its markdown table (docs/performance.md, benchmark 4). */

export function pageVerdicts(r: PageResult): Verdict[] {
  const m = r.median;
  return [
    { name: 'page-sign-in-form', pass: m.signInFormMs <= PAGE_TARGETS.signInFormMs },
    { name: 'page-editable-after-sign-in', pass: m.signInToEditableMs <= PAGE_TARGETS.signInToEditableMs },
    { name: 'page-warm-editable', pass: m.warmEditableMs <= PAGE_TARGETS.warmEditableMs },
    { name: 'page-initial-js', pass: m.initialJsBytes <= PAGE_TARGETS.initialJsBytes },
  ];
}

const s = (n: number) => `${(n / 1000).toFixed(2)} s`;
const kb = (n: number) => `${(n / 1024).toFixed(0)} kB`;
const mark = (pass: boolean | undefined) => (pass === undefined ? '' : pass ? '**PASS**' : '**FAIL**');

export function pageTable(r: PageResult, verdicts: Verdict[]): string {
  const v = (name: string) => verdicts.find((x) => x.name === name)?.pass;
  const m = r.median;
  const runs = (get: (x: PageRun) => number, fmt: (n: number) => string) => r.runs.map((x) => fmt(get(x))).join(', ');
  const bytes = (get: (x: PageRun) => Bytes) => {
    const mid = (f: (b: Bytes) => number) => [...r.runs.map((x) => f(get(x)))].sort((a, b) => a - b)[Math.ceil(r.runs.length / 2) - 1] ?? NaN;
    return `${kb(mid((b) => b.total))} (JS ${kb(mid((b) => b.js))}, ${mid((b) => b.requests)} requests)`;
  };
  const lines = [
    `**A phone on the hall's Wi-Fi** — Chromium ${r.chromium} at ${PHONE.width}×${PHONE.height} (mobile, 3× pixels), ` +
      `CDP network ${(HALL_WIFI.downloadThroughput * 8) / 1e6} Mbps down / ${(HALL_WIFI.uploadThroughput * 8) / 1e3} kbps up / ${HALL_WIFI.latency} ms round trip, ` +
      `CPU ${CPU_SLOWDOWN}× slower; the demo conference; median of ${r.runs.length} runs, each in a fresh browser context.`,
    '',
    '| step | median | runs | downloaded (median) | target | result |',
    '|---|---:|---|---|---|---|',
    `| cold: meeting address → sign-in form usable | ${s(m.signInFormMs)} | ${runs((x) => x.signInFormMs, s)} | ${bytes((x) => x.bytes.signInForm)} | ≤ 2.50 s | ${mark(v('page-sign-in-form'))} |`,
    `| cold: press sign-in → meeting room shown | ${s(m.signInToRoomMs)} | ${runs((x) => x.signInToRoomMs, s)} | ${bytes((x) => x.bytes.signInToRoom)} | | |`,
    `| cold: tap the document → text editable | ${s(m.openToEditableMs)} | ${runs((x) => x.openToEditableMs, s)} | ${bytes((x) => x.bytes.openToEditable)} | | |`,
    `| cold: press sign-in → document editable (the two above) | ${s(m.signInToEditableMs)} | ${runs((x) => x.signInToRoomMs + x.openToEditableMs, s)} | | ≤ 4.00 s | ${mark(v('page-editable-after-sign-in'))} |`,
    `| warm: reload the document's page → text editable | ${s(m.warmEditableMs)} | ${runs((x) => x.warmEditableMs, s)} | ${bytes((x) => x.bytes.warm)} | ≤ 1.50 s | ${mark(v('page-warm-editable'))} |`,
    `| JavaScript before the sign-in form (compressed) | ${kb(m.initialJsBytes)} | ${runs((x) => x.bytes.signInForm.js, kb)} | | ≤ 250 kB | ${mark(v('page-initial-js'))} |`,
    '',
    "Downloaded: the page's own requests as CDP counts them (`encodedDataLength`, headers included); the service worker's " +
      'precaching and the sync socket are not in these sums.',
    `Machine load (1 min) before / after: ${r.loadBefore.toFixed(1)} / ${r.loadAfter.toFixed(1)}.`,
  ];
  // Chromium, the server and the throttled page share two cores: other work slows every step.
  if (Math.max(r.loadBefore, r.loadAfter) > 2) {
    lines.push('', `**Warning — busy machine (load above 2); rerun on an idle machine before trusting these timings.**`);
  }
  return lines.join('\n');
}
