import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import {
  browserSuite,
  caretInBody,
  describeInBrowser,
  editorText,
  expectConnection,
  openDocument,
  pageWidth,
  PHONE,
  seedDocument,
  signInOnPage,
} from '../helpers/browser.ts';

const visible = (page: Page, testId: string) => page.getByTestId(testId).isVisible();

describeInBrowser('browser: a phone', () => {
  const suite = browserSuite();

  it(
    '[B13] at phone size the meeting room fits the screen, its panels are tabs, and a delegate can write and check in',
    async () => {
      const { meetingId, documentId, people } = await seedDocument(
        suite.admin,
        [
          { fullName: 'Nguyễn Thị Thanh Mai', role: 'delegate' },
          { fullName: 'Cung Hồng Kiên', role: 'chair' },
        ],
        { inSession: true },
      );
      const mai = await suite.person({ account: people[0], viewport: PHONE });
      const { page } = mai;
      await page.goto('/');
      await page.getByTestId('meeting-card').waitFor();
      expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);

      // The room without a document opens on the list of documents.
      await page.getByTestId('meeting-card').click();
      await page.getByTestId('meeting-room').waitFor();
      expect(await page.getByTestId('room-tab-documents').getAttribute('aria-pressed')).toBe('true');
      expect(await visible(page, 'document-list')).toBe(true);
      expect(await visible(page, 'quorum')).toBe(false);
      expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);

      // Choosing a document shows the editor tab, A4 page and all, within the screen.
      await page.getByTestId('document-link').click();
      await expectConnection(page, 'connected');
      expect(page.url()).toContain(`/m/${meetingId}/d/${documentId}`);
      expect(await page.getByTestId('room-tab-editor').getAttribute('aria-pressed')).toBe('true');
      expect(await visible(page, 'document-list')).toBe(false);
      expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await caretInBody(page, 0, 'end');
      await page.keyboard.type('Ý kiến từ điện thoại');
      await expect.poll(() => editorText(page)).toBe('Ý kiến từ điện thoại');

      // Attendance is its own tab; checking in there updates the count on the tab itself.
      await page.getByTestId('room-tab-attendance').click();
      expect(await visible(page, 'quorum')).toBe(true);
      expect(await page.locator('.ProseMirror').isVisible()).toBe(false);
      expect(await page.getByTestId('room-tab-attendance').textContent()).toBe('Điểm danh 0/2');
      await page.getByTestId('check-in').click();
      await page.getByTestId('checked-in').waitFor();
      await expect.poll(() => page.getByTestId('room-tab-attendance').textContent()).toBe('Điểm danh 1/2');
      expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);

      // Back to the editor: the same editor, still connected, the text where it was (hidden, not rebuilt).
      await page.getByTestId('room-tab-editor').click();
      expect(await page.locator('.ProseMirror').isVisible()).toBe(true);
      expect(await page.getByTestId('connection-status').getAttribute('data-state')).toBe('connected');
      expect(await editorText(page)).toBe('Ý kiến từ điện thoại');

      // The text reached the server: the chair, on a laptop, reads it.
      const kien = await suite.person({ account: people[1] });
      await openDocument(kien.page, documentId);
      await expect.poll(() => editorText(kien.page)).toBe('Ý kiến từ điện thoại');
      // On a laptop there are no tabs: everything is in view.
      expect(await visible(kien.page, 'room-tab-editor')).toBe(false);
      expect(await visible(kien.page, 'quorum')).toBe(true);
      expect(await visible(kien.page, 'document-list')).toBe(true);
      // The side column holds its panels (long names, rows of buttons, English labels) within its width.
      await kien.page.getByTestId('lang-en').click();
      await expect.poll(() => kien.page.getByTestId('check-in').textContent()).toBe('Check in: I am here');
      const spill = await kien.page.evaluate(() => {
        const side = document.querySelector('.room-side')!.getBoundingClientRect();
        return Array.from(document.querySelectorAll('.room-side *'), (el) => el.getBoundingClientRect().right - side.right)
          .filter((over) => over > 0.5).length;
      });
      expect(spill).toBe(0);
    },
    60_000,
  );

  it(
    '[B13] at phone size sign-in, meeting settings and a roster import preview fit the screen too',
    async () => {
      const { meetingId, people } = await seedDocument(suite.admin, [{ fullName: 'Trần Thu Hà', role: 'secretary' }]);
      const ha = await suite.person({ viewport: PHONE });
      const { page } = ha;
      await page.goto(`/m/${meetingId}/settings`);
      await page.getByTestId('sign-in-form').waitFor();
      expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await signInOnPage(page, people[0]!);

      await page.getByTestId('meeting-settings').waitFor();
      expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await page.getByTestId('roster-add-import').click();
      await page.getByTestId('import-csv').fill(
        ['Nguyễn Thị Thanh Mai,mai-b13,Khách mời,Đại diện Ban Chấp hành Công đoàn Viện', 'Long,long b13,Trưởng ban,'].join('\n'),
      );
      await page.getByTestId('import-preview').click();
      await expect.poll(() => page.getByTestId('import-row').count()).toBe(2);
      // The wide table scrolls inside its own box; the page itself does not move sideways.
      expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    },
    60_000,
  );
});
