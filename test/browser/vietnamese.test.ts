import type { Locator, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import type { MeetingView } from '../../shared/api.ts';
import { ADMIN } from '../helpers/api.ts';
import { browserSuite, describeInBrowser } from '../helpers/browser.ts';

/** Counts the form submissions that reach the page: the browser's own validation stops them before this. */
async function countSubmits(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { quorumSubmits: number };
    w.quorumSubmits = 0;
    document.addEventListener('submit', () => (w.quorumSubmits += 1), true);
  });
}
const submits = (page: Page) => page.evaluate(() => (window as unknown as { quorumSubmits: number }).quorumSubmits);
const focusedTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);

/** The message a field's `aria-describedby` names first: the form's message when the field is invalid. */
async function messageOf(page: Page, field: Locator): Promise<string | null> {
  const describedBy = await field.getAttribute('aria-describedby');
  const first = describedBy?.split(' ')[0];
  return first ? page.locator(`[id="${first}"]`).textContent() : null;
}

describeInBrowser('browser: Vietnamese forms, dates and times in an English-locale browser', () => {
  const suite = browserSuite();

  it(
    '[VN4] an empty required field gets our message under it, in the interface language, and no browser bubble',
    async () => {
      const { page } = await suite.person({ locale: 'en-US' });
      await page.goto('/');
      await page.getByTestId('sign-in-form').waitFor();
      expect(await page.evaluate(() => navigator.language)).toBe('en-US');
      await countSubmits(page);

      const username = page.getByTestId('sign-in-username');
      const password = page.getByTestId('sign-in-password');
      await page.getByTestId('sign-in-submit').click();
      await expect.poll(() => username.getAttribute('aria-invalid')).toBe('true');
      // The submission reached the page (a browser bubble would have stopped it) and went no further.
      expect(await submits(page)).toBe(1);
      expect(await page.getByTestId('form-error').count()).toBe(0);
      expect(await page.getByTestId('field-error').allTextContents()).toEqual(['Vui lòng điền ô này.', 'Vui lòng điền ô này.']);
      expect(await messageOf(page, username)).toBe('Vui lòng điền ô này.');
      expect(await messageOf(page, password)).toBe('Vui lòng điền ô này.');
      expect(await focusedTestId(page)).toBe('sign-in-username');
      // The browser's own words (English, from its locale) are nowhere on the page.
      const native = await username.evaluate((input: HTMLInputElement) => input.validationMessage);
      expect(native).not.toBe('');
      expect(await page.locator('body').textContent()).not.toContain(native);

      // A field's message goes once it is filled; the other stays, and follows the interface's language.
      await username.fill(ADMIN.username);
      await expect.poll(() => page.getByTestId('field-error').count()).toBe(1);
      expect(await username.getAttribute('aria-invalid')).toBeNull();
      await page.getByTestId('lang-en').click();
      await expect.poll(() => page.getByTestId('field-error').textContent()).toBe('Please fill in this field.');
      expect(await messageOf(page, password)).toBe('Please fill in this field.');

      // Pressing Enter goes through the same checks; filled, the form is sent and signs in.
      await password.press('Enter');
      expect(await focusedTestId(page)).toBe('sign-in-password');
      await password.fill(ADMIN.password);
      await password.press('Enter');
      await page.getByTestId('create-meeting').waitFor();
    },
  );

  it(
    '[VN2] [VN3] the meeting form takes the date day first and the time on the 24-hour clock; the meeting shows them so',
    async () => {
      const { page } = await suite.person({ account: ADMIN, locale: 'en-US' });
      await page.goto('/');
      await page.getByTestId('create-meeting').click();
      const date = page.getByTestId('meeting-startsAt-date');
      const time = page.getByTestId('meeting-startsAt-time');
      // Text inputs, not the browser's picker (mm/dd/yyyy and AM/PM in this locale); tomorrow 08:00 to start from.
      expect(await date.evaluate((input: HTMLInputElement) => input.type)).toBe('text');
      expect(await time.evaluate((input: HTMLInputElement) => input.type)).toBe('text');
      expect(await date.inputValue()).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
      expect(await time.inputValue()).toBe('08:00');

      await page.getByTestId('meeting-title').fill('Hội nghị cán bộ viên chức năm 2023');
      await page.getByTestId('meeting-place').fill('Hội trường Trung tâm Công nghệ Laser');
      await page.getByTestId('meeting-locality').fill('Hà Nội');
      await page.getByTestId('meeting-issuingBody').fill('Trung tâm Công nghệ Laser');
      await page.getByTestId('meeting-symbol').fill('TTCNL');

      // An impossible date is refused with the reason, before anything is sent.
      await countSubmits(page);
      await date.fill('31/02/2025');
      await time.fill('8h');
      await page.getByTestId('create-meeting-submit').click();
      await expect.poll(() => messageOf(page, date)).toBe('Không có ngày 31/02/2025: tháng 02/2025 chỉ có 28 ngày.');
      expect(await date.getAttribute('aria-invalid')).toBe('true');
      expect(await focusedTestId(page)).toBe('meeting-startsAt-date');
      expect(await submits(page)).toBe(1);
      expect(await page.getByTestId('meeting-room').count()).toBe(0);
      // "8h" was read as 08:00 and is written so once the field was left.
      expect(await time.inputValue()).toBe('08:00');

      // Leading zeros are optional, and put back; a time with the hours and minutes the other way is refused.
      await date.fill('5/1/2025');
      await expect.poll(() => page.getByTestId('field-error').count()).toBe(0);
      await time.fill('8:5');
      expect(await date.inputValue()).toBe('05/01/2025');
      await page.getByTestId('create-meeting-submit').click();
      await expect.poll(() => messageOf(page, time)).toBe('Vui lòng nhập giờ theo 24 giờ (giờ:phút), ví dụ 08:30 hoặc 14:00.');

      await date.fill('19/12/2023');
      await time.fill('8:30');
      await page.getByTestId('create-meeting-submit').click();
      await page.getByTestId('meeting-room').waitFor();
      await expect.poll(() => page.getByTestId('room-when').textContent()).toBe('08 giờ 30, ngày 19/12/2023');
      // The server got the ISO wall-clock time.
      const meetingId = decodeURIComponent(new URL(page.url()).pathname.split('/')[2]!);
      const meeting = await suite.admin.get<MeetingView>(`/api/meetings/${meetingId}`);
      expect(meeting.body.startsAt).toBe('2023-12-19T08:30');

      // English shows the same date, day first, and the 24-hour time.
      await page.getByTestId('lang-en').click();
      await expect.poll(() => page.getByTestId('room-when').textContent()).toBe('08:30, 19/12/2023');

      // The settings form shows the stored value the way it was typed, and saves a changed time as ISO.
      await page.getByTestId('open-settings').click();
      await page.getByTestId('details-form').waitFor();
      expect(await date.inputValue()).toBe('19/12/2023');
      expect(await time.inputValue()).toBe('08:30');
      await time.fill('14.05');
      await page.getByTestId('details-save').click();
      await page.getByTestId('details-saved').waitFor();
      expect(await time.inputValue()).toBe('14:05');
      expect((await suite.admin.get<MeetingView>(`/api/meetings/${meetingId}`)).body.startsAt).toBe('2023-12-19T14:05');
      await page.goto('/');
      await expect.poll(() => page.getByTestId('meeting-when').first().textContent()).toBe('14:05, 19/12/2023');
    },
  );
});
