import { expect, it } from 'vitest';
import {
  browserSuite,
  describeInBrowser,
  expectConnection,
  newPerson,
  uniqueDocumentId,
} from '../helpers/browser.ts';

describeInBrowser('browser: interface language and error pages', () => {
  const suite = browserSuite();

  it(
    '[B5] the interface is Vietnamese by default and switches to English',
    async () => {
      const documentId = uniqueDocumentId('b5');
      const lan = await newPerson(suite.browser, suite.server.url);
      const { page } = lan;
      try {
        await page.goto(`/d/${documentId}`);
        await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('vi');
        await expect.poll(() => page.locator('h1').textContent()).toBe('Bạn tên là gì?');
        await page.getByTestId('name-input').fill('Nguyễn Thị Lan');
        await page.getByTestId('name-save').click();

        await expectConnection(page, 'connected');
        const status = page.getByTestId('connection-status');
        const bold = page.getByTestId('toolbar-bold');
        expect(await status.textContent()).toBe('Đã kết nối');
        expect(await bold.getAttribute('aria-label')).toBe('In đậm');
        expect(await page.getByTestId('toolbar-undo').getAttribute('aria-label')).toBe('Hoàn tác');
        expect(await page.locator('.ProseMirror').getAttribute('aria-label')).toBe('Nội dung văn bản');
        expect(await page.getByTestId('presence-person').textContent()).toBe('Nguyễn Thị Lan(bạn)');

        await page.getByTestId('lang-en').click();
        await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
        expect(await status.textContent()).toBe('Connected');
        expect(await bold.getAttribute('aria-label')).toBe('Bold');
        expect(await page.getByTestId('toolbar-undo').getAttribute('aria-label')).toBe('Undo');
        expect(await page.locator('.ProseMirror').getAttribute('aria-label')).toBe('Document text');
        expect(await page.getByTestId('presence-person').textContent()).toBe('Nguyễn Thị Lan(you)');
        expect(await page.getByTestId('lang-en').getAttribute('aria-pressed')).toBe('true');

        // The choice is remembered on this device.
        await page.reload();
        await expectConnection(page, 'connected');
        expect(await page.locator('html').getAttribute('lang')).toBe('en');
        expect(await page.getByTestId('connection-status').textContent()).toBe('Connected');

        await page.getByTestId('lang-vi').click();
        await expect.poll(() => page.getByTestId('connection-status').textContent()).toBe('Đã kết nối');
        expect(await page.locator('html').getAttribute('lang')).toBe('vi');
        expect(lan.errors).toEqual([]);
      } finally {
        await lan.context.close();
      }
    },
    60_000,
  );

  it(
    '[B9] an invalid document address and an unknown page each show an explanation, not an editor',
    async () => {
      const lan = await newPerson(suite.browser, suite.server.url, { name: 'Nguyễn Thị Lan' });
      const { page } = lan;
      try {
        await page.goto(`/d/${encodeURIComponent('biên bản số 1')}`);
        await page.getByTestId('invalid-document').waitFor();
        expect(await page.getByTestId('invalid-document').textContent()).toContain('Mã văn bản không hợp lệ');
        expect(await page.locator('.ProseMirror').count()).toBe(0);

        await page.goto('/khong-co-trang-nay');
        await page.getByTestId('not-found').waitFor();
        expect(await page.getByTestId('not-found').textContent()).toContain('Không tìm thấy trang');
        expect(lan.errors).toEqual([]);
      } finally {
        await lan.context.close();
      }
    },
    60_000,
  );
});
