import { expect, it } from 'vitest';
import { ADMIN } from '../helpers/api.ts';
import { browserSuite, describeInBrowser } from '../helpers/browser.ts';

describeInBrowser('browser: the first run', () => {
  // An empty data directory: no account exists yet.
  const suite = browserSuite({ firstRun: true });

  it(
    '[B11] first run: create the administrator, load the demo, see its accounts and meeting; the sign-in page lists the demo accounts',
    async () => {
      const person = await suite.person();
      const { page } = person;
      // No sign-in form in the page before there is anyone to sign in (CD6): the app shows the first-run form.
      const signInInPage = async () => (await (await page.request.get('/')).text()).includes('data-testid="sign-in-form"');
      expect(await signInInPage()).toBe(false);
      await page.goto('/');
      await page.getByTestId('setup-form').waitFor();
      expect(await page.locator('h1').textContent()).toBe('Thiết lập lần đầu');
      expect(await page.locator('#boot').count()).toBe(0);
      await page.getByTestId('setup-full-name').fill(ADMIN.fullName);
      await page.getByTestId('setup-username').fill(ADMIN.username);
      await page.getByTestId('setup-password').fill(ADMIN.password);
      await page.getByTestId('setup-load-demo').check();
      await page.getByTestId('setup-submit').click();

      // The demo's accounts, with the password to sign in with, chair and secretary first.
      await page.getByTestId('setup-done').waitFor();
      expect(await signInInPage()).toBe(true);
      const accounts = page.getByTestId('demo-account');
      expect(await accounts.count()).toBeGreaterThanOrEqual(3);
      const roles = await page.locator('[data-testid="demo-account"] .demo-role').allTextContents();
      expect(roles.slice(0, 2)).toEqual(['Chủ tọa', 'Thư ký']);
      expect(roles).toContain('Đại biểu');
      const chair = {
        username: (await accounts.first().getByTestId('demo-username').textContent()) ?? '',
        password: (await accounts.first().getByTestId('demo-password').textContent()) ?? '',
      };
      expect(chair.username).not.toBe('');
      expect(chair.password.length).toBeGreaterThanOrEqual(8);

      // On to the meetings, where the demo conference is listed for the administrator who loaded it.
      await page.getByTestId('setup-continue').click();
      await page.getByTestId('meeting-card').first().waitFor();
      expect(await page.getByTestId('meeting-card').count()).toBe(1);
      expect(await page.getByTestId('meeting-title').textContent()).toContain('Hội nghị');
      expect(await page.getByTestId('current-user').textContent()).toBe(ADMIN.fullName);
      expect(await page.getByTestId('nav-admin').count()).toBe(1);

      // Signed out, the sign-in page offers the demo accounts: one click fills the form.
      await page.getByTestId('sign-out').click();
      await page.getByTestId('sign-in-form').waitFor();
      await page.locator(`[data-testid="demo-account"][data-username="${chair.username}"] button`).click();
      expect(await page.getByTestId('sign-in-username').inputValue()).toBe(chair.username);
      expect(await page.getByTestId('sign-in-password').inputValue()).toBe(chair.password);
      await page.getByTestId('sign-in-submit').click();
      await page.getByTestId('meeting-card').first().waitFor();
      expect(await page.getByTestId('my-role').textContent()).toBe('Chủ tọa');
      // The chair of the demo is not an administrator.
      expect(await page.getByTestId('nav-admin').count()).toBe(0);

      // The first run is over: the form is not offered again.
      await page.getByTestId('sign-out').click();
      await page.getByTestId('sign-in-form').waitFor();
      expect(await page.getByTestId('setup-form').count()).toBe(0);
    },
    60_000,
  );
});
