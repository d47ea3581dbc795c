import { expect, it } from 'vitest';
import {
  browserSuite,
  canSignIn,
  describeInBrowser,
  pageWidth,
  PHONE,
  seedDocument,
  signInOnPage,
  tokenStatus,
} from '../helpers/browser.ts';

describeInBrowser('browser: one’s own account', () => {
  const suite = browserSuite();

  it(
    '[B21] a delegate renames themself, changes their password with the current one (a wrong one gets the server’s message) keeping a token made before, signs in with the new one, and creates and revokes their own API token, on a phone',
    async () => {
      const { people } = await seedDocument(suite.admin, [{ fullName: 'Bùi Thị Hương', role: 'delegate' }]);
      const account = people[0]!;
      const { page } = await suite.person({ account, viewport: PHONE });
      await page.goto('/');

      // The name in the header leads to the account page.
      await page.getByTestId('current-user').click();
      await page.getByTestId('account-page').waitFor();
      expect(new URL(page.url()).pathname).toBe('/account');
      expect(await page.locator('h1').textContent()).toContain('Tài khoản của tôi');
      expect(await page.getByTestId('my-username').textContent()).toContain(account.username);

      // A new name is saved and is at once the one the header shows.
      await page.getByTestId('my-full-name').fill('Bùi Thị Thu Hương');
      await page.getByTestId('my-full-name-save').click();
      await page.getByTestId('my-full-name-saved').waitFor();
      await expect.poll(() => page.getByTestId('current-user').textContent()).toBe('Bùi Thị Thu Hương');

      // A wrong current password: the server refuses, in the interface language, and nothing changes.
      const form = page.getByTestId('my-password');
      const newPassword = 'huong-mat-khau-moi-2024';
      await form.getByTestId('current-password').fill('khong-phai-mat-khau');
      await form.getByTestId('new-password').fill(newPassword);
      await form.getByTestId('change-password').click();
      await expect.poll(() => form.getByTestId('form-error').textContent()).toBe('Mật khẩu hiện tại không đúng.');
      expect(await form.getByTestId('form-error').getAttribute('data-code')).toBe('wrong_password');
      expect(await form.getByTestId('current-password').getAttribute('aria-invalid')).toBe('true');
      await page.getByTestId('lang-en').click();
      await form.getByTestId('change-password').click();
      await expect.poll(() => form.getByTestId('form-error').textContent()).toBe('The current password is wrong.');
      await page.getByTestId('lang-vi').click();
      expect(await canSignIn(suite.server.url, account.username, account.password)).toBe(true);
      expect(await canSignIn(suite.server.url, account.username, newPassword)).toBe(false);

      // A token made before the change: it expires by default (in 90 days, H16), and ticking "keep" keeps it
      // working through the new password (H18).
      const tokens = page.getByTestId('my-tokens');
      await tokens.getByTestId('token-name').fill('Đồng bộ lịch họp');
      await tokens.getByTestId('create-token').click();
      const kept = (await tokens.getByTestId('token-secret').textContent()) ?? '';
      const keptRow = tokens.getByTestId('token').filter({ hasText: 'Đồng bộ lịch họp' });
      await expect.poll(() => keptRow.textContent()).toContain('hết hạn');
      await form.getByTestId('keep-tokens').check();

      // With the current one it is changed: the new password works, the old one no longer does.
      await form.getByTestId('current-password').fill(account.password);
      await form.getByTestId('change-password').click();
      await form.getByTestId('password-changed').waitFor();
      expect(await form.getByTestId('form-error').count()).toBe(0);
      expect(await form.getByTestId('current-password').inputValue()).toBe('');
      expect(await canSignIn(suite.server.url, account.username, newPassword)).toBe(true);
      expect(await canSignIn(suite.server.url, account.username, account.password)).toBe(false);
      expect(await tokenStatus(suite.server.url, kept)).toBe(200);

      // Their own API token, for no one else: the secret is shown once, works as them, and stops when revoked.
      expect(await tokens.getByTestId('token-owner').count()).toBe(0);
      await tokens.getByTestId('token-name').fill('Lịch họp trên điện thoại');
      await tokens.getByTestId('token-lifetime').selectOption('never');
      await tokens.getByTestId('create-token').click();
      // The first token's secret is still on screen until the new one arrives.
      await expect.poll(() => tokens.getByTestId('token-secret').textContent()).not.toBe(kept);
      const secret = (await tokens.getByTestId('token-secret').textContent()) ?? '';
      expect(secret.length).toBeGreaterThan(20);
      const row = tokens.getByTestId('token').filter({ hasText: 'Lịch họp trên điện thoại' });
      await expect.poll(() => row.getAttribute('data-name')).toBe('Lịch họp trên điện thoại');
      expect(await row.textContent()).toContain('không hết hạn');
      const asToken = await fetch(`${suite.server.url}/api/session`, { headers: { authorization: `Bearer ${secret}` } });
      expect(((await asToken.json()) as { user: { username: string } }).user.username).toBe(account.username);
      expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await row.getByTestId('revoke-token').click();
      await expect.poll(() => tokens.getByTestId('token').count()).toBe(1);
      expect(await tokenStatus(suite.server.url, secret)).toBe(401);
      expect(await tokenStatus(suite.server.url, kept)).toBe(200);

      // Signed out, they sign in with the new password, under their new name.
      await page.getByTestId('sign-out').click();
      await signInOnPage(page, { username: account.username, password: newPassword });
      await page.getByTestId('meeting-card').waitFor();
      expect(await page.getByTestId('current-user').textContent()).toBe('Bùi Thị Thu Hương');
      expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    },
    60_000,
  );
});
