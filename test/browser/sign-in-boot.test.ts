import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { browserSuite, describeInBrowser, seedDocument, signInOnPage } from '../helpers/browser.ts';

const LAN = { fullName: 'Nguyễn Thị Lan', role: 'delegate' } as const;

/**
 * Keeps the app's JavaScript from arriving until `release` is called: the page as a slow phone has it. For a person
 * without a service worker, which would answer from its cache where `page.route` does not see it.
 */
async function holdAppCode(page: Page): Promise<() => void> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/[^/]+\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

/** Which form's field has the focus: the page's own (`boot`) or the app's (`root`), and its test id. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    const where = active?.closest('#boot') ? 'boot' : active?.closest('#root') ? 'root' : 'none';
    return `${where} ${active?.dataset.testid ?? ''}`;
  });
}

describeInBrowser('browser: the sign-in form before the app starts', () => {
  const suite = browserSuite();

  it(
    '[CD6] the sign-in form is in the page the server sends and takes input before any of the app’s code has run; the app takes it over with what was typed and the focus, and signs in',
    async () => {
      const { meetingId, people } = await seedDocument(suite.admin, [LAN]);
      const { page } = await suite.person({ noServiceWorker: true });
      const html = await (await page.request.get(`/m/${meetingId}`)).text();
      expect(html).toContain('data-testid="sign-in-form"');
      expect(html).toContain('Đăng nhập');

      const release = await holdAppCode(page);
      await page.goto(`/m/${meetingId}`, { waitUntil: 'commit' });
      await page.getByTestId('sign-in-form').waitFor();
      expect(await page.locator('h1').textContent()).toBe('Đăng nhập');
      expect(await page.title()).toBe('Đăng nhập · Quorum');
      await page.getByTestId('sign-in-username').fill(people[0]!.username);
      await page.getByTestId('sign-in-password').fill(people[0]!.password);
      // No app yet: the form is the page's own.
      expect(await page.evaluate(() => document.getElementById('root')!.childElementCount)).toBe(0);
      expect(await focused(page)).toBe('boot sign-in-password');

      release();
      await page.locator('#boot').waitFor({ state: 'detached' });
      expect(await page.getByTestId('sign-in-username').inputValue()).toBe(people[0]!.username);
      expect(await page.getByTestId('sign-in-password').inputValue()).toBe(people[0]!.password);
      expect(await focused(page)).toBe('root sign-in-password');
      // The app's own form: the demo accounts and the form's checks are its.
      await page.getByTestId('sign-in-password').fill('');
      await page.getByTestId('sign-in-submit').click();
      await page.getByTestId('field-error').waitFor();
      await page.getByTestId('sign-in-password').fill(people[0]!.password);
      await page.getByTestId('sign-in-submit').click();
      await page.getByTestId('meeting-room').waitFor();
      expect(new URL(page.url()).pathname).toBe(`/m/${meetingId}`);
    },
    60_000,
  );

  it(
    '[CD6] a press of the button before the app starts is sent at once, and the app goes on from its answer; a wrong password is said by the app',
    async () => {
      const { meetingId, people } = await seedDocument(suite.admin, [LAN]);
      const { page } = await suite.person({ noServiceWorker: true });
      const posts: number[] = [];
      page.on('request', (request) => {
        if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/session') posts.push(Date.now());
      });

      // A wrong password first: the app shows the server's refusal, and the form stays.
      let release = await holdAppCode(page);
      await page.goto(`/m/${meetingId}`, { waitUntil: 'commit' });
      const refused = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/session' && response.request().method() === 'POST');
      await signInOnPage(page, { username: people[0]!.username, password: 'not-the-password' });
      expect((await refused).status()).toBe(401);
      expect(await page.getByTestId('sign-in-submit').isDisabled()).toBe(true);
      release();
      await page.getByTestId('form-error').waitFor();
      expect(await page.locator('#boot').count()).toBe(0);
      expect(posts).toHaveLength(1);

      // Then the right one, pressed before the app's code has arrived.
      await page.unrouteAll();
      release = await holdAppCode(page);
      await page.goto(`/m/${meetingId}`, { waitUntil: 'commit' });
      const answered = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/session' && response.request().method() === 'POST');
      await signInOnPage(page, people[0]!);
      expect((await answered).status()).toBe(200);
      expect(await page.evaluate(() => document.getElementById('root')!.childElementCount)).toBe(0);
      release();
      await page.getByTestId('meeting-room').waitFor();
      expect(posts).toHaveLength(2);
    },
    60_000,
  );

  it(
    '[CD6] the form is in the language the person chose, and switches language keeping what was typed; a device that knows its session never shows it, and asks for the meeting room’s code at once',
    async () => {
      const { meetingId, people } = await seedDocument(suite.admin, [LAN]);
      const { page, context } = await suite.person({ noServiceWorker: true });
      await context.addInitScript(() => localStorage.setItem('quorum:lang', 'en'));
      const release = await holdAppCode(page);
      await page.goto(`/m/${meetingId}`, { waitUntil: 'commit' });
      await page.getByTestId('sign-in-form').waitFor();
      expect(await page.locator('h1').textContent()).toBe('Sign in');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      await page.getByTestId('sign-in-username').fill(people[0]!.username);
      await page.getByRole('button', { name: 'Tiếng Việt' }).click();
      expect(await page.locator('h1').textContent()).toBe('Đăng nhập');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('vi');
      expect(await page.getByTestId('sign-in-username').inputValue()).toBe(people[0]!.username);
      release();
      await page.locator('#boot').waitFor({ state: 'detached' });
      expect(await page.locator('h1').textContent()).toBe('Đăng nhập');
      expect(await page.getByTestId('lang-vi').getAttribute('aria-pressed')).toBe('true');

      // Signed in through the app, the device knows its session: a reload shows no sign-in form, even before the
      // app's code runs.
      await page.getByTestId('sign-in-password').fill(people[0]!.password);
      await page.getByTestId('sign-in-submit').click();
      await page.getByTestId('meeting-room').waitFor();
      await page.unrouteAll();
      await holdAppCode(page);
      // It asks for the room's code as the page is parsed, not once the app's own code has run.
      const roomCode = page.waitForRequest((request) => /\/assets\/MeetingRoom-[^/]+\.js$/.test(request.url()));
      await page.goto(`/m/${meetingId}`, { waitUntil: 'commit' });
      await page.locator('#boot').waitFor({ state: 'attached' });
      expect(await page.locator('#boot').isHidden()).toBe(true);
      expect(await page.getByTestId('sign-in-form').count()).toBe(0);
      await roomCode;
      expect(await page.evaluate(() => document.getElementById('root')!.childElementCount)).toBe(0);
    },
    60_000,
  );

  it(
    '[CD6] from the shell the service worker holds, the form shows and signs in as it does from the server',
    async () => {
      const { meetingId, people } = await seedDocument(suite.admin, [LAN]);
      const { page } = await suite.person();
      await page.goto('/sign-in');
      await page.getByTestId('sign-in-form').waitFor();
      await page.evaluate(() => navigator.serviceWorker.ready);
      await expect.poll(() => page.evaluate(async () => (await caches.match('/index.html')) !== undefined), { timeout: 20_000 }).toBe(true);

      await page.goto(`/m/${meetingId}`);
      expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
      await signInOnPage(page, people[0]!);
      await page.getByTestId('meeting-room').waitFor();
    },
    60_000,
  );
});
