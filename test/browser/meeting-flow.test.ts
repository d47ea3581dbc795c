import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import type { CreatedUser } from '../../shared/api.ts';
import {
  browserSuite,
  describeInBrowser,
  expectConnection,
  seedDocument,
  signInOnPage,
} from '../helpers/browser.ts';

/** Set on the page's window; still there later only if the page was never reloaded. */
async function markPage(page: Page): Promise<void> {
  await page.evaluate(() => Object.assign(window, { quorumTestMark: true }));
}
function pageWasKept(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { quorumTestMark?: boolean }).quorumTestMark === true);
}

const quorumOf = async (page: Page) => ({
  count: await page.getByTestId('quorum-count').textContent(),
  percent: await page.getByTestId('quorum-percent').textContent(),
  met: await page.getByTestId('quorum').getAttribute('data-met'),
});

describeInBrowser('browser: a meeting from creation to quorum', () => {
  const suite = browserSuite();

  it(
    '[B12] the chair creates a meeting and adds a delegate; the delegate checks in on another device; the chair sees the quorum change live',
    async () => {
      // The chair is an administrator (administrators create meetings) and joins the new meeting as its chair.
      const made = await suite.admin.post<CreatedUser>('/api/users', {
        username: 'kien',
        fullName: 'Cung Hồng Kiên',
        password: 'kien-mat-khau',
        isAdmin: true,
      });
      expect(made.status).toBe(201);
      const chair = await suite.person({
        account: { username: 'kien', password: 'kien-mat-khau' },
      });
      const delegate = await suite.person();
      const { page } = chair;
      await page.goto('/');
      await page.getByTestId('create-meeting').click();
      await page.getByTestId('meeting-title').fill('Hội nghị cán bộ viên chức năm 2023');
      await page.getByTestId('meeting-kind').selectOption('employee_conference');
      await page.getByTestId('meeting-startsAt-date').fill('19/12/2023');
      await page.getByTestId('meeting-startsAt-time').fill('08:00');
      await page.getByTestId('meeting-place').fill('Hội trường Trung tâm Công nghệ Laser');
      await page.getByTestId('meeting-locality').fill('Hà Nội');
      await page.getByTestId('meeting-issuingBody').fill('Trung tâm Công nghệ Laser');
      await page.getByTestId('meeting-parentBody').fill('Viện Ứng dụng công nghệ');
      await page.getByTestId('meeting-symbol').fill('ttcnl');
      await page.getByTestId('meeting-agenda').fill('Báo cáo tổng kết\nThảo luận\nThông qua Nghị quyết');
      expect(await page.getByTestId('meeting-creatorRole').inputValue()).toBe('chair');
      await page.getByTestId('create-meeting-submit').click();

      // The new meeting's room, with its creator on the roster as chair.
      await page.getByTestId('meeting-room').waitFor();
      expect(await page.getByTestId('room-title').textContent()).toBe('Hội nghị cán bộ viên chức năm 2023');
      expect(await page.getByTestId('agenda').locator('li').allTextContents()).toEqual([
        'Báo cáo tổng kết',
        'Thảo luận',
        'Thông qua Nghị quyết',
      ]);
      await expect.poll(() => page.getByTestId('member-name').allTextContents()).toEqual(['Cung Hồng Kiên (bạn)']);
      expect(await page.getByTestId('member-role').textContent()).toBe('Chủ tọa');

      // Settings: a delegate who has no account yet, created on the spot with a generated password.
      await page.getByTestId('open-settings').click();
      await page.getByTestId('roster-add-new').click();
      await page.getByTestId('new-member-full-name').fill('Lê Văn Dũng');
      await page.getByTestId('new-member-username').fill('dung');
      await page.getByTestId('new-member-role').selectOption('delegate');
      await page.getByTestId('new-member-unit').fill('Phòng Hành chính - Tổng hợp');
      await page.getByTestId('new-member-submit').click();
      const password = (await page.getByTestId('created-password').textContent()) ?? '';
      expect(password.length).toBeGreaterThanOrEqual(8);
      await expect
        .poll(() => page.locator('[data-testid="roster-member"] .member-name').allTextContents())
        .toEqual(['Lê Văn Dũng', 'Cung Hồng Kiên']);

      // Only the next step is offered: start the session, then (and only then) close the meeting.
      expect(await page.getByTestId('close-meeting').count()).toBe(0);
      await page.getByTestId('start-session').click();
      await page.getByTestId('close-meeting').waitFor();
      expect(await page.getByTestId('start-session').count()).toBe(0);

      await page.locator('.back-link').click();
      await page.getByTestId('meeting-room').waitFor();
      await expect.poll(() => quorumOf(page)).toEqual({ count: '0/2', percent: '0,0%', met: 'false' });
      await markPage(page);

      // The delegate, on their own device, signs in with the password the chair passed on.
      const other = delegate.page;
      await other.goto('/');
      await signInOnPage(other, { username: 'dung', password });
      await other.getByTestId('meeting-card').click();
      await other.getByTestId('meeting-room').waitFor();
      expect(await other.getByTestId('open-settings').count()).toBe(0);
      expect(await other.getByTestId('mark-present').count()).toBe(0);
      await other.getByTestId('check-in').click();
      await other.getByTestId('checked-in').waitFor();

      // The chair's screen follows without a reload: 1 of 2, not yet two thirds.
      await expect.poll(() => quorumOf(page)).toEqual({ count: '1/2', percent: '50,0%', met: 'false' });
      expect(await page.getByTestId('quorum-verdict').textContent()).toBe('Chưa đủ số lượng');
      expect(await page.locator('[data-testid="member"][data-attendance="present"] [data-testid="member-name"]').textContent()).toBe(
        'Lê Văn Dũng',
      );
      expect(await pageWasKept(page)).toBe(true);

      // The chair checks in too, and both screens show the quorum met.
      await page.getByTestId('check-in').click();
      for (const screen of [page, other]) {
        await expect.poll(() => quorumOf(screen)).toEqual({ count: '2/2', percent: '100,0%', met: 'true' });
      }
      expect(await other.getByTestId('quorum-verdict').textContent()).toBe('Đủ số lượng để tiến hành');
      expect(await pageWasKept(page)).toBe(true);
    },
    90_000,
  );

  it(
    '[B19] a new document from a template opens at once with the meeting’s data, and appears in every member’s list live',
    async () => {
      const { meetingId, people } = await seedDocument(suite.admin, [
        { fullName: 'Trần Thu Hà', role: 'secretary' },
        { fullName: 'Phạm Quốc Bảo', role: 'delegate' },
      ]);
      const secretary = await suite.person({ account: people[0] });
      const delegate = await suite.person({ account: people[1] });
      await Promise.all([secretary.page.goto(`/m/${meetingId}`), delegate.page.goto(`/m/${meetingId}`)]);
      await delegate.page.getByTestId('meeting-room').waitFor();
      await expect.poll(() => delegate.page.getByTestId('document-link').count()).toBe(1);
      // Creating documents is the secretary's and the chair's, as the server's permissions say.
      expect(await delegate.page.getByTestId('new-document').count()).toBe(0);

      const { page } = secretary;
      await page.getByTestId('new-document').click();
      await page.getByTestId('new-document-kind').selectOption('NQ');
      await page.getByTestId('new-document-submit').click();
      await expectConnection(page, 'connected');
      await expect.poll(() => page.locator('.ProseMirror').textContent()).toContain('NGHỊ QUYẾT');
      const text = (await page.locator('.ProseMirror').textContent()) ?? '';
      // The official header with the meeting's own data (seeded by test/helpers/api.ts).
      expect(text).toContain('TRUNG TÂM CÔNG NGHỆ LASER');
      expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(text).toContain('Hà Nội, ngày 19 tháng 12 năm 2023');
      expect(page.url()).toMatch(new RegExp(`/m/${meetingId}/d/[^/]+$`));
      const title = await page.getByTestId('document-title').textContent();

      // The delegate's list shows it without reloading, and it opens there.
      await expect.poll(() => delegate.page.getByTestId('document-link').count()).toBe(2);
      await delegate.page.getByTestId('document-link').filter({ hasText: title ?? '' }).click();
      await expectConnection(delegate.page, 'connected');
      await expect.poll(() => delegate.page.locator('.ProseMirror').textContent()).toContain('NGHỊ QUYẾT');
    },
    60_000,
  );
});
