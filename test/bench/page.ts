/**
 * Benchmark 4, a phone on the hall's Wi-Fi: real Chromium (playwright-core, as the browser tests launch it) at
 * 390×844, the network throttled through CDP to 1.6 Mbps down / 750 kbps up / 150 ms round trip and the CPU slowed
 * 4×, against the project's server serving the built client with the demo conference loaded. See
 * docs/performance.md.
 *
 * Each run is a new browser context (nothing cached, no service worker): the meeting's address, which leads to the
 * sign-in form; signing in, which leads to the meeting room; opening the resolution from the room's list until its
 * text is editable. Then, in the same context once the service worker has the app, the document's page reloaded.
 */
import os from 'node:os';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import { ensureClientBuilt } from '../../server/build-client.ts';
import type { MeetingSummary } from '../../shared/api.ts';
import { DEMO, DEMO_PASSWORD } from '../../server/demo/data.ts';
import { setupAdmin, type ApiClient } from '../helpers/api.ts';
import { startServer, type RunningServer } from './lib/servers.ts';
import { median } from './lib/stats.ts';

export interface PageOptions {
  runs: number;
  log: (line: string) => void;
  /** Print every request of each step with its start and end (ms from the step's start), to find a waterfall. */
  trace?: boolean;
  /** Leave the CPU at full speed / the network unthrottled, to see what the throttling itself costs. */
  cpuSlowdown?: number;
  network?: boolean;
}

/** Bytes as they came over the wire (CDP `encodedDataLength`: headers and compressed bodies). */
export interface Bytes {
  total: number;
  js: number;
  requests: number;
}

export interface PageRun {
  username: string;
  /** From asking for the meeting's address until the sign-in form is on screen and takes input. */
  signInFormMs: number;
  /** From pressing "Đăng nhập" until the meeting room is on screen. */
  signInToRoomMs: number;
  /** From tapping the document in the room's list until its text is editable. */
  openToEditableMs: number;
  /** From reloading the document's page, everything cached, until its text is editable. */
  warmEditableMs: number;
  bytes: { signInForm: Bytes; signInToRoom: Bytes; openToEditable: Bytes; warm: Bytes };
}

export interface PageResult {
  chromium: string;
  /** The machine's 1-minute load average before and after the runs: other work makes every step slower. */
  loadBefore: number;
  loadAfter: number;
  runs: PageRun[];
  median: {
    signInFormMs: number;
    signInToRoomMs: number;
    openToEditableMs: number;
    signInToEditableMs: number;
    warmEditableMs: number;
    initialJsBytes: number;
  };
}

export const PHONE = { width: 390, height: 844 };
/** CDP's throughputs are in bytes per second. */
export const HALL_WIFI = { latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 };
export const CPU_SLOWDOWN = 4;
/** Words of the demo resolution's body: the editor holds the document once they are in it. */
const DEMO_WORDS = '02 nhiệm vụ KH&CN cấp Quốc gia';
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const STEP_TIMEOUT = 60_000;

export const PAGE_TARGETS = {
  signInFormMs: 2500,
  signInToEditableMs: 4000,
  warmEditableMs: 1500,
  initialJsBytes: 250 * 1024,
};

export async function runPage(o: PageOptions): Promise<PageResult> {
  await ensureClientBuilt((line) => o.log(`page: ${line}`));
  const loadBefore = os.loadavg()[0]!;
  const server = await startServer('project', { asInstalled: true });
  let browser: Browser | null = null;
  try {
    const admin = await setupAdmin(server.httpOrigin, { loadDemo: true });
    const meetingId = await demoMeetingId(admin);
    // The same flags as the browser tests (test/helpers/browser.ts).
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    o.log(`page: Chromium ${browser.version()}, ${o.runs} runs, demo meeting ${meetingId}`);
    // A different delegate each run: sign-in is rate-limited per person, and nobody's session is reused.
    const people = DEMO.people.filter((p) => p.role === 'delegate' || p.role === 'secretary');
    const runs: PageRun[] = [];
    for (let i = 0; i < o.runs; i++) {
      const person = people[i % people.length]!;
      const run = await oneRun(browser, server, meetingId, person.username, o);
      o.log(
        `  run ${i + 1} (${person.username}): sign-in form ${ms(run.signInFormMs)}, → room ${ms(run.signInToRoomMs)}, ` +
          `→ editable ${ms(run.openToEditableMs)}, warm ${ms(run.warmEditableMs)}; JS first page ${kb(run.bytes.signInForm.js)}`,
      );
      runs.push(run);
    }
    const med = (get: (r: PageRun) => number) => median(runs.map(get));
    return {
      chromium: browser.version(),
      loadBefore,
      loadAfter: os.loadavg()[0]!,
      runs,
      median: {
        signInFormMs: med((r) => r.signInFormMs),
        signInToRoomMs: med((r) => r.signInToRoomMs),
        openToEditableMs: med((r) => r.openToEditableMs),
        signInToEditableMs: med((r) => r.signInToRoomMs + r.openToEditableMs),
        warmEditableMs: med((r) => r.warmEditableMs),
        initialJsBytes: med((r) => r.bytes.signInForm.js),
      },
    };
  } finally {
    await browser?.close();
    await server.stop();
  }
}

async function demoMeetingId(admin: ApiClient): Promise<string> {
  const res = await admin.get<MeetingSummary[]>('/api/meetings');
  const id = res.status === 200 ? res.body[0]?.id : undefined;
  if (!id) throw new Error(`no demo meeting: ${res.status} ${JSON.stringify(res.body)}`);
  return id;
}

async function oneRun(browser: Browser, server: RunningServer, meetingId: string, username: string, o: PageOptions): Promise<PageRun> {
  const context = await browser.newContext({ baseURL: server.httpOrigin, viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 3 });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const meter = await throttle(cdp, o);

    let t = performance.now();
    await page.goto(`/m/${meetingId}`, { waitUntil: 'commit' });
    await page.getByTestId('sign-in-submit').waitFor({ timeout: STEP_TIMEOUT });
    await page.waitForFunction(() => {
      const button = document.querySelector<HTMLButtonElement>('[data-testid="sign-in-submit"]');
      return button !== null && !button.disabled;
    });
    const signInFormMs = performance.now() - t;
    const signInForm = meter.take();
    if (o.trace) {
      const nav = await page.evaluate(() => JSON.stringify(performance.getEntriesByType('navigation')[0]?.toJSON()));
      o.log(`navigation timing: ${nav}`);
    }

    await page.getByTestId('sign-in-username').fill(username);
    await page.getByTestId('sign-in-password').fill(DEMO_PASSWORD);
    t = performance.now();
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('meeting-room').waitFor({ timeout: STEP_TIMEOUT });
    const signInToRoomMs = performance.now() - t;
    const signInToRoom = meter.take();

    const link = page.getByTestId('document-link').filter({ hasText: DEMO.documents[0]!.title });
    await link.waitFor({ timeout: STEP_TIMEOUT });
    t = performance.now();
    await link.click();
    await editable(page);
    const openToEditableMs = performance.now() - t;
    const openToEditable = meter.take();

    // Warm: the service worker has installed and stored the app (it stores the page last), nothing in flight.
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.waitForFunction(async () => (await caches.match('/index.html')) !== undefined, undefined, { timeout: STEP_TIMEOUT, polling: 250 });
    await page.waitForTimeout(1000);
    meter.take();
    t = performance.now();
    await page.reload({ waitUntil: 'commit' });
    await editable(page);
    const warmEditableMs = performance.now() - t;
    const warm = meter.take();

    return {
      username,
      signInFormMs,
      signInToRoomMs,
      openToEditableMs,
      warmEditableMs,
      bytes: { signInForm, signInToRoom, openToEditable, warm },
    };
  } finally {
    await context.close();
  }
}

/** The editor is on screen, takes input, and holds the demo text. */
async function editable(page: Page): Promise<void> {
  await page.waitForFunction(
    (words) => {
      const editor = document.querySelector('.ProseMirror[contenteditable="true"]');
      return editor !== null && (editor.textContent ?? '').includes(words);
    },
    DEMO_WORDS,
    { timeout: STEP_TIMEOUT, polling: 'raf' },
  );
}

/** Throttles the page's network and CPU, and counts what it downloads, step by step. */
async function throttle(cdp: CDPSession, o: PageOptions): Promise<{ take(): Bytes }> {
  await cdp.send('Network.enable');
  if (o.network !== false) await cdp.send('Network.emulateNetworkConditions', { offline: false, ...HALL_WIFI, connectionType: 'wifi' });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: o.cpuSlowdown ?? CPU_SLOWDOWN });
  const types = new Map<string, string>();
  const started = new Map<string, { url: string; at: number }>();
  const trace: string[] = [];
  let stepStart = performance.now();
  let step: Bytes = { total: 0, js: 0, requests: 0 };
  const rel = () => Math.round(performance.now() - stepStart);
  cdp.on('Network.requestWillBeSent', (event) => {
    const url = new URL(event.request.url);
    started.set(event.requestId, { url: `${event.request.method} ${url.pathname}`, at: rel() });
  });
  cdp.on('Network.responseReceived', (event) => types.set(event.requestId, event.type));
  cdp.on('Network.webSocketCreated', (event) => trace.push(`${String(rel()).padStart(6)}  ws open ${new URL(event.url).pathname}`));
  cdp.on('Network.loadingFinished', (event) => {
    step.total += event.encodedDataLength;
    step.requests += 1;
    if (types.get(event.requestId) === 'Script') step.js += event.encodedDataLength;
    const start = started.get(event.requestId);
    if (o.trace) trace.push(`${String(start?.at ?? '?').padStart(6)} → ${String(rel()).padStart(6)}  ${Math.round(event.encodedDataLength / 1024)} kB  ${start?.url ?? event.requestId}`);
  });
  return {
    take() {
      if (o.trace) o.log(trace.splice(0).join('\n'));
      const done = step;
      step = { total: 0, js: 0, requests: 0 };
      stepStart = performance.now();
      return done;
    },
  };
}

const ms = (n: number) => `${(n / 1000).toFixed(2)} s`;
const kb = (n: number) => `${(n / 1024).toFixed(0)} kB`;
