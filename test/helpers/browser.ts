/**
 * Real Chromium against a real server for the browser suite (test/browser).
 *
 * Chromium is the system package driven by playwright-core (`npx playwright install` cannot download
 * browsers here). Without it the suite is skipped locally, with a message saying how to enable it, and
 * fails under CI, where skipping would hide a regression.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect } from 'vitest';
import { ensureClientBuilt } from '../../server/build-client.ts';
import { startServer } from '../../server/app.ts';
import { testConfig } from '../../server/config.ts';
import type { Kysely } from 'kysely';
import type { Schema } from '../../server/db/schema.ts';
import type { Role } from '../../shared/meeting.ts';
import { seedMeeting, setupAdmin, type ApiClient, type SeededPerson } from './api.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const chromiumFound = fs.existsSync(CHROMIUM_PATH);
const HOW_TO_ENABLE = 'install it with `apt-get install -y chromium`, or set CHROMIUM_PATH to a Chromium binary';

if (!chromiumFound && process.env.CI === 'true') {
  throw new Error(`Browser tests: no Chromium at ${CHROMIUM_PATH} and CI=true; ${HOW_TO_ENABLE}.`);
}
if (!chromiumFound) {
  console.warn(`Browser tests skipped: no Chromium at ${CHROMIUM_PATH}; ${HOW_TO_ENABLE}.`);
}

/** `describe` that skips (saying why, in its name) when there is no Chromium. */
export function describeInBrowser(name: string, body: () => void): void {
  const title = chromiumFound ? name : `${name} (skipped: no Chromium at ${CHROMIUM_PATH}; ${HOW_TO_ENABLE})`;
  describe.skipIf(!chromiumFound)(title, body);
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface AppServer {
  url: string;
  /** The server's own database connection, for a test that changes what is stored behind the server's back. */
  sql: Kysely<Schema>;
  close(): Promise<void>;
}

/**
 * The real server on port 0 with its own data directory, serving the built client; on SQLite there, or on the
 * PostgreSQL database at `databaseUrl`.
 */
export async function startAppServer(databaseUrl?: string): Promise<AppServer> {
  // Built once by test/global-setup.ts; this only checks it is there and fresh.
  const clientDir = await ensureClientBuilt();
  const dataDir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'quorum-browser-'));
  const server = await startServer(testConfig({ DATA_DIR: dataDir, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) }), { clientDir });
  return {
    url: server.url,
    sql: server.sql,
    async close() {
      await server.close();
      await fs.promises.rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface BrowserSuite {
  readonly server: AppServer;
  readonly browser: Browser;
  /** The first administrator, signed in over HTTP, for seeding; absent with `{ firstRun: true }`. */
  readonly admin: ApiClient;
  /**
   * One person on their own device, against this suite's server (see `newPerson`). When the test ends, however
   * it ends, their browser context is closed, and then their pages must have thrown nothing.
   */
  person(options?: PersonOptions): Promise<Person>;
  /** People on their own devices (as `person`), each with the document open and connected, in this order. */
  inDocument<T extends PersonOptions[]>(documentId: string, people: [...T]): Promise<{ [K in keyof T]: Person }>;
}

/**
 * A suite's own server and browser: started before its tests, closed after them. Read them inside tests. The
 * server has its first administrator already, unless the suite tests the first run itself.
 */
export function browserSuite({
  firstRun = false,
  databaseUrl,
}: {
  firstRun?: boolean;
  /** The suite's server on this PostgreSQL database (asked for when the suite starts) instead of SQLite. */
  databaseUrl?: () => string;
} = {}): BrowserSuite {
  const people: { person: Person; name: string }[] = [];
  const suite = {
    async person(options: PersonOptions = {}) {
      const person = await newPerson(suite.browser, suite.server.url, options);
      people.push({ person, name: options.account?.username ?? 'signed out' });
      return person;
    },
    async inDocument<T extends PersonOptions[]>(documentId: string, options: [...T]) {
      const opened = await Promise.all(options.map((each) => suite.person(each)));
      await Promise.all(opened.map(({ page }) => openDocument(page, documentId)));
      return opened as { [K in keyof T]: Person };
    },
  } as Omit<BrowserSuite, 'server' | 'browser' | 'admin'> & { server: AppServer; browser: Browser; admin: ApiClient };
  beforeAll(async () => {
    [suite.server, suite.browser] = await Promise.all([startAppServer(databaseUrl?.()), launchBrowser()]);
    if (!firstRun) suite.admin = await setupAdmin(suite.server.url);
  });
  afterEach(async () => {
    const ended = people.splice(0);
    await Promise.all(ended.map(({ person }) => person.context.close()));
    for (const { person, name } of ended) expect(person.errors, `uncaught errors in the pages of ${name}`).toEqual([]);
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });
  return suite;
}

export interface Person {
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions and Content-Security-Policy violations in the page; a test ends by expecting none. */
  errors: Error[];
}

/** The phone the suite checks the interface on. */
export const PHONE = { width: 360, height: 740 };

/** How wide the page is laid out: no wider than the screen, or the person has to scroll sideways. */
export function pageWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

export interface PersonOptions {
  /** Signed in before the first page opens (over HTTP, into this context's cookies); omit to meet sign-in. */
  account?: { username: string; password: string };
  /** A laptop by default; `PHONE` for a phone. */
  viewport?: { width: number; height: number };
  /** The browser's locale (its date pickers' and its own messages' language); Chromium's default if omitted. */
  locale?: string;
  /** A phone's browser: touch, and the page's `<meta name="viewport">` obeyed (a laptop's ignores it). */
  mobile?: boolean;
  /** No service worker: every request of the page goes where `page.route` sees it. */
  noServiceWorker?: boolean;
}

/** One person on their own device: a separate browser context (own cookies, storage and network switch). */
export async function newPerson(browser: Browser, baseURL: string, options: PersonOptions = {}): Promise<Person> {
  const context = await browser.newContext({
    baseURL,
    viewport: options.viewport ?? { width: 1280, height: 900 },
    ...(options.locale ? { locale: options.locale } : {}),
    ...(options.mobile ? { isMobile: true, hasTouch: true } : {}),
    ...(options.noServiceWorker ? { serviceWorkers: 'block' as const } : {}),
  });
  if (options.account) await signInContext(context, baseURL, options.account);
  // Anything the Content-Security-Policy blocks is a defect of the page (the check fails the test like an
  // uncaught error): the event catches what the page's own code tried, the console what the browser refused.
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const where = `${event.sourceFile}:${event.lineNumber}`;
      console.error(`Content Security Policy violation: ${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} at ${where}`);
    });
  });
  const page = await context.newPage();
  const errors: Error[] = [];
  page.on('pageerror', (error) => errors.push(error));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) errors.push(new Error(message.text()));
  });
  return { context, page, errors };
}

/** Signs a browser context in as the page would, so that its cookie jar holds the session. */
export async function signInContext(
  context: BrowserContext,
  baseURL: string,
  account: { username: string; password: string },
): Promise<void> {
  const response = await context.request.post(`${baseURL}/api/session`, {
    data: { username: account.username, password: account.password },
    headers: { Origin: new URL(baseURL).origin },
  });
  if (response.status() !== 200) {
    throw new Error(`sign-in of ${account.username} failed: ${response.status()} ${await response.text()}`);
  }
}

/** Whether an account can sign in with this password now, tried from a fresh client. */
export async function canSignIn(baseURL: string, username: string, password: string): Promise<boolean> {
  const response = await fetch(`${baseURL}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: new URL(baseURL).origin },
    body: JSON.stringify({ username, password }),
  });
  return response.status === 200;
}

/** The status a request with this API token gets (200 while it works, 401 once revoked). */
export async function tokenStatus(baseURL: string, secret: string): Promise<number> {
  return (await fetch(`${baseURL}/api/session`, { headers: { authorization: `Bearer ${secret}` } })).status;
}

/** Signs in through the sign-in page the app is showing. */
export async function signInOnPage(page: Page, account: { username: string; password: string }): Promise<void> {
  await page.getByTestId('sign-in-form').waitFor();
  await page.getByTestId('sign-in-username').fill(account.username);
  await page.getByTestId('sign-in-password').fill(account.password);
  await page.getByTestId('sign-in-submit').click();
}

let seeded = 0;

export interface SeededDocument {
  meetingId: string;
  documentId: string;
  /** In the order asked for, each with the username made unique for this server. */
  people: SeededPerson[];
}

/**
 * A meeting with the given people (accounts created on the spot, usernames unique to the test) and one blank
 * document, so that each test has text nobody else touches. The administrator who creates it is not on it.
 */
export async function seedDocument(
  admin: ApiClient,
  people: { fullName: string; role: Role }[],
  options: { inSession?: boolean } = {},
): Promise<SeededDocument> {
  seeded += 1;
  const suffix = `${process.pid.toString(36)}${seeded}`;
  const wanted = people.map((person, index) => ({ ...person, username: `p${index}-${suffix}` }));
  const result = await seedMeeting(admin, { people: wanted, document: 'blank', inSession: options.inSession });
  return {
    meetingId: result.meeting.id,
    documentId: result.documentId!,
    people: wanted.map((person) => result.people[person.username]!),
  };
}

/** Opens a document (by its old address, which leads to its meeting room) and waits until it is in sync. */
export async function openDocument(page: Page, documentId: string): Promise<void> {
  await page.goto(`/d/${documentId}`);
  await page.locator('.ProseMirror').waitFor();
  await expectConnection(page, 'connected');
}

/**
 * The body's blocks: every document opens with the official two-column header (issuing body, national motto),
 * which the tests leave alone; they write in the body under it.
 */
export const BODY_BLOCKS = '.ProseMirror :is(p, h1, h2, h3):not([data-type="columns"] *)';

/** Puts the caret at the start or the end of a body block (by index, or the last one) by clicking it. */
export async function caretInBody(page: Page, block: number | 'last', edge: 'start' | 'end'): Promise<void> {
  const blocks = page.locator(BODY_BLOCKS);
  const target = block === 'last' ? blocks.last() : blocks.nth(block);
  await target.click();
  await page.keyboard.press(edge === 'start' ? 'Home' : 'End');
}

/**
 * Opens a one-line bar (finalisation, an open vote, a lock) by its "Chi tiết" button if it is folded (SC2), as a
 * person would before reaching what it holds.
 */
export async function unfold(scope: Page | Locator, toggleTestId: string): Promise<void> {
  const toggle = scope.getByTestId(toggleTestId).first();
  if ((await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
}

export async function expectConnection(page: Page, state: 'connected' | 'connecting' | 'offline'): Promise<void> {
  await expect
    .poll(() => page.getByTestId('connection-status').getAttribute('data-state'), { timeout: 20_000 })
    .toBe(state);
}

/**
 * The text of the document's body (under the official header), one line per block. Other people's carets are
 * widgets inside the editable whose labels hold names, so they are taken out first.
 */
export function editorText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const root = document.querySelector('.ProseMirror');
    if (!root) return '';
    const copy = root.cloneNode(true) as Element;
    for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove();
    const blocks = copy.querySelectorAll('p, h1, h2, h3');
    return Array.from(blocks, (block) => (block.closest('[data-type="columns"]') ? null : (block.textContent ?? '')))
      .filter((text) => text !== null)
      .join('\n');
  });
}

export interface RemoteCaret {
  name: string;
  /** Index of the block (paragraph or heading) that holds the caret. */
  block: number;
  /** Characters of that block before the caret. */
  offset: number;
}

/**
 * Where this page shows other people's carets, as body blocks (see BODY_BLOCKS). A caret is drawn from the awareness state, which the other
 * page derives from its editor's selection, so seeing it in place proves that editor has taken the move:
 * a key like Ctrl+Home moves the DOM selection at once and the editor's only on the next selectionchange,
 * and a remote edit landing in between puts the caret back where the editor last had it.
 */
export function remoteCarets(page: Page): Promise<RemoteCaret[]> {
  return page.evaluate(() => {
    const blocks = Array.from(document.querySelectorAll('.ProseMirror :is(p, h1, h2, h3)')).filter(
      (block) => !block.closest('[data-type="columns"]'),
    );
    return Array.from(document.querySelectorAll('.ProseMirror .collaboration-carets__caret'), (caret) => {
      const block = caret.closest('p, h1, h2, h3');
      const before = document.createRange();
      if (block) {
        before.setStart(block, 0);
        before.setEndBefore(caret);
      }
      return {
        name: caret.querySelector('.collaboration-carets__label')?.textContent ?? '',
        block: block ? blocks.indexOf(block) : -1,
        offset: before.toString().length,
      };
    });
  });
}

/** Waits until every page shows the same text, and returns it. */
export async function convergedText(pages: Page[], timeout = 20_000): Promise<string> {
  let texts: string[] = [];
  await expect
    .poll(
      async () => {
        texts = await Promise.all(pages.map(editorText));
        return texts.every((text) => text === texts[0]);
      },
      { timeout },
    )
    .toBe(true);
  return texts[0] ?? '';
}

/** Waits until y-indexeddb has written `text` to this device (an update that holds it as one string). */
export async function waitForLocalCopy(page: Page, documentId: string, text: string): Promise<void> {
  await page.locator('[data-local-copy="true"]').waitFor();
  await expect
    .poll(
      () =>
        page.evaluate(
          async ([dbName, needle]) => {
            const db = await new Promise<IDBDatabase>((resolve, reject) => {
              const request = indexedDB.open(dbName);
              request.onsuccess = () => resolve(request.result);
              request.onerror = () => reject(request.error);
            });
            try {
              const updates = await new Promise<unknown[]>((resolve, reject) => {
                const request = db.transaction('updates', 'readonly').objectStore('updates').getAll();
                request.onsuccess = () => resolve(request.result);
                request.onerror = () => reject(request.error);
              });
              const bytes = new TextEncoder().encode(needle);
              const contains = (hay: Uint8Array) => {
                outer: for (let i = 0; i + bytes.length <= hay.length; i++) {
                  for (let j = 0; j < bytes.length; j++) if (hay[i + j] !== bytes[j]) continue outer;
                  return true;
                }
                return false;
              };
              return updates.some((update) => update instanceof Uint8Array && contains(update));
            } finally {
              db.close();
            }
          },
          [`quorum:${documentId}`, text] as const,
        ),
      { timeout: 10_000 },
    )
    .toBe(true);
}

