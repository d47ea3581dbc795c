import { expect, it } from 'vitest';
import { ADMIN } from '../helpers/api.ts';
import { browserSuite, canSignIn, describeInBrowser, tokenStatus } from '../helpers/browser.ts';

describeInBrowser('browser: administration', () => {
  const suite = browserSuite();

  const signsIn = (username: string, password: string) => canSignIn(suite.server.url, username, password);

  it(
    '[B18] an administrator creates an account with a generated password, resets it, makes it administrator, disables it, and issues and revokes an API token; their own password is changed on their account page',
    async () => {
      const admin = await suite.person({ account: ADMIN });
      const { page } = admin;
      await page.goto('/');
      await page.getByTestId('nav-admin').click();
      await page.getByTestId('admin').waitFor();

      // A new account; the password left empty, so the server makes one and shows it this once.
      await page.getByTestId('create-account').click();
      await page.getByTestId('account-full-name').fill('Ngô Văn Long');
      await page.getByTestId('account-username').fill('long');
      await page.getByTestId('account-submit').click();
      const generated = (await page.getByTestId('created-password').textContent()) ?? '';
      expect(generated.length).toBeGreaterThanOrEqual(8);
      const row = page.locator('[data-testid="account"][data-username="long"]');
      await row.waitFor();
      expect(await signsIn('long', generated)).toBe(true);

      // Reset: a password generated on the page, saved, and shown; the old one stops working.
      await row.getByTestId('reset-password').click();
      await row.getByTestId('new-password-generate').click();
      const fresh = await row.getByTestId('new-password').inputValue();
      expect(fresh).not.toBe('');
      await row.getByTestId('reset-password-submit').click();
      expect(await row.getByTestId('reset-password-shown').textContent()).toBe(fresh);
      expect(await signsIn('long', generated)).toBe(false);
      expect(await signsIn('long', fresh)).toBe(true);

      // Administrator, then disabled: a disabled account cannot sign in.
      await row.getByTestId('toggle-admin').click();
      await expect.poll(() => row.getByTestId('toggle-admin').textContent()).toBe('Bỏ quyền quản trị');
      await row.getByTestId('toggle-disabled').click();
      await expect.poll(() => row.getAttribute('data-disabled')).toBe('true');
      expect(await signsIn('long', fresh)).toBe(false);
      await row.getByTestId('toggle-disabled').click();
      await expect.poll(() => row.getAttribute('data-disabled')).toBe('false');

      // An API token for that account: the secret is shown once and works until it is revoked.
      const longId = await page
        .getByTestId('token-owner')
        .locator('option')
        .filter({ hasText: '(long)' })
        .getAttribute('value');
      await page.getByTestId('token-owner').selectOption(longId ?? '');
      await page.getByTestId('token-name').fill('Đồng bộ danh sách nhân sự');
      await page.getByTestId('create-token').click();
      const secret = (await page.getByTestId('token-secret').textContent()) ?? '';
      expect(secret.length).toBeGreaterThan(20);
      await expect.poll(() => page.getByTestId('token').count()).toBe(1);
      expect(await tokenStatus(suite.server.url, secret)).toBe(200);
      await page.getByTestId('revoke-token').click();
      await expect.poll(() => page.getByTestId('token').count()).toBe(0);
      expect(await tokenStatus(suite.server.url, secret)).toBe(401);

      // Their own row offers no reset, which would need their current password: it leads to their account page.
      const own = page.locator(`[data-testid="account"][data-username="${ADMIN.username}"]`);
      expect(await own.getByTestId('reset-password').count()).toBe(0);
      await own.getByTestId('own-account').click();
      await page.getByTestId('account-page').waitFor();
      expect(new URL(page.url()).pathname).toBe('/account');
    },
    60_000,
  );
});
