import { expect, it } from 'vitest';
import {
  browserSuite,
  describeInBrowser,
  expectConnection,
  seedDocument,
} from '../helpers/browser.ts';

const LAN = { fullName: 'Nguyễn Thị Lan', role: 'delegate' } as const;

describeInBrowser('browser: interface language and error pages', () => {
  const suite = browserSuite();

  it(
    '[B5] the interface is Vietnamese by default and switches to English, the server’s messages included',
    async () => {
      const { documentId, people } = await seedDocument(suite.admin, [LAN]);
      const account = people[0]!;
      const lan = await suite.person();
      const { page } = lan;
      // The link leads to sign-in first, in Vietnamese; a wrong password is refused in Vietnamese too,
      // because every request says which language the person reads.
      await page.goto(`/d/${documentId}`);
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('vi');
      await expect.poll(() => page.locator('h1').textContent()).toBe('Đăng nhập');
      await page.getByTestId('sign-in-username').fill(account.username);
      await page.getByTestId('sign-in-password').fill('sai-mat-khau');
      await page.getByTestId('sign-in-submit').click();
      await expect.poll(() => page.getByTestId('form-error').textContent()).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
      await page.getByTestId('lang-en').click();
      await expect.poll(() => page.locator('h1').textContent()).toBe('Sign in');
      await page.getByTestId('sign-in-submit').click();
      await expect.poll(() => page.getByTestId('form-error').textContent()).toBe('Wrong username or password.');
      await page.getByTestId('lang-vi').click();

      await page.getByTestId('sign-in-password').fill(account.password);
      await page.getByTestId('sign-in-submit').click();
      await expectConnection(page, 'connected');
      // Texts and the names screen readers read, around the editor.
      const labels = async () => ({
        status: await page.getByTestId('connection-status').textContent(),
        bold: await page.getByTestId('toolbar-bold').getAttribute('aria-label'),
        undo: await page.getByTestId('toolbar-undo').getAttribute('aria-label'),
        editor: await page.locator('.ProseMirror').getAttribute('aria-label'),
        presence: await page.getByTestId('presence-person').textContent(),
        signOut: await page.getByTestId('sign-out').textContent(),
        role: await page.getByTestId('member-role').first().textContent(),
      });
      expect(await labels()).toEqual({
        status: 'Đã kết nối',
        bold: 'In đậm',
        undo: 'Hoàn tác',
        editor: 'Nội dung văn bản',
        presence: 'Nguyễn Thị Lan(bạn)',
        signOut: 'Đăng xuất',
        role: 'Đại biểu',
      });

      await page.getByTestId('lang-en').click();
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
      expect(await labels()).toEqual({
        status: 'Connected',
        bold: 'Bold',
        undo: 'Undo',
        editor: 'Document text',
        presence: 'Nguyễn Thị Lan(you)',
        signOut: 'Sign out',
        role: 'Delegate',
      });
      expect(await page.getByTestId('lang-en').getAttribute('aria-pressed')).toBe('true');

      // The choice is remembered on this device.
      await page.reload();
      await expectConnection(page, 'connected');
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      expect(await page.getByTestId('connection-status').textContent()).toBe('Connected');

      await page.getByTestId('lang-vi').click();
      await expect.poll(() => page.getByTestId('connection-status').textContent()).toBe('Đã kết nối');
      expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    },
    60_000,
  );

  it(
    '[B9] an invalid document address, an unknown page, and a document or meeting one may not see each show an explanation, not an editor',
    async () => {
      const mine = await seedDocument(suite.admin, [LAN]);
      const others = await seedDocument(suite.admin, [{ fullName: 'Trần Văn Bình', role: 'chair' }]);
      const lan = await suite.person({ account: mine.people[0] });
      const { page } = lan;
      await page.goto(`/d/${encodeURIComponent('biên bản số 1')}`);
      await page.getByTestId('invalid-document').waitFor();
      expect(await page.getByTestId('invalid-document').textContent()).toContain('Mã văn bản không hợp lệ');
      expect(await page.locator('.ProseMirror').count()).toBe(0);

      await page.goto('/khong-co-trang-nay');
      await page.getByTestId('not-found').waitFor();
      expect(await page.getByTestId('not-found').textContent()).toContain('Không tìm thấy trang');

      // Another meeting's document and the meeting itself: the same "not found" as for one that does not
      // exist, so that the page tells an outsider no more than the server does.
      for (const address of [`/d/${others.documentId}`, `/m/${others.meetingId}`, `/d/khong-co-van-ban-nay`]) {
        await page.goto(address);
        await page.getByTestId('not-found').waitFor();
        expect(await page.getByTestId('not-found').textContent(), address).toContain('Không tìm thấy trang');
        expect(await page.locator('.ProseMirror').count(), address).toBe(0);
      }
    },
    60_000,
  );
});
