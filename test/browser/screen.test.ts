import qrcode from 'qrcode-generator';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import type { MeetingView, MotionView } from '../../shared/api.ts';
import { formatVoteResult } from '../../shared/vote-result.ts';
import { darkModules } from '../../client/screen/qr.ts';
import { browserSuite, caretInBody, describeInBrowser, expectConnection } from '../helpers/browser.ts';
import { command, markPage, pageWasKept, signedIn, votingRoom } from '../helpers/vote-pages.ts';

const FULL_HD = { width: 1920, height: 1080 };
const LAPTOP = { width: 1366, height: 768 };

const PEOPLE = [
  { fullName: 'Cung Hồng Kiên', role: 'chair' as const },
  { fullName: 'Trần Thu Hà', role: 'secretary' as const },
  { fullName: 'Lê Văn Dũng', role: 'delegate' as const },
  { fullName: 'Phạm Thị Lan', role: 'delegate' as const },
  { fullName: 'Đỗ Quang Minh', role: 'delegate' as const },
];
const OBSERVER = 'Giang Mạnh Khôi';

const screen = (page: Page) => page.getByTestId('projector-screen');
const text = (page: Page, testId: string) => page.getByTestId(testId).textContent();
const counts = async (page: Page) =>
  Object.fromEntries(
    await Promise.all(
      ['for', 'against', 'abstain'].map(async (choice) => [
        choice,
        await page.getByTestId(`screen-count-${choice}`).locator('.screen-figure-count').textContent(),
      ]),
    ),
  );

/** The page fills the screen and nothing scrolls, either way; the elements named are whole on it. */
async function fitsTheScreen(page: Page, testIds: string[]) {
  const size = page.viewportSize()!;
  const scroll = await page.evaluate(() => ({
    height: document.scrollingElement!.scrollHeight,
    width: document.scrollingElement!.scrollWidth,
  }));
  expect(scroll.height).toBeLessThanOrEqual(size.height);
  expect(scroll.width).toBeLessThanOrEqual(size.width);
  for (const testId of testIds) {
    const box = (await page.getByTestId(testId).boundingBox())!;
    expect(box, testId).not.toBeNull();
    expect(box.y, testId).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height, testId).toBeLessThanOrEqual(size.height + 0.5);
    expect(box.x + box.width, testId).toBeLessThanOrEqual(size.width + 0.5);
  }
}

/** Every full name of the roster that appears anywhere on the page (there should be none). */
const namesShown = (page: Page) =>
  page.evaluate(
    (names) => names.filter((name) => document.body.innerText.includes(name)),
    [...PEOPLE.map((p) => p.fullName), OBSERVER],
  );

describeInBrowser('browser: the projector view', () => {
  const suite = browserSuite();

  it(
    '[PJ1][PJ2][PJ3][PJ4][PJ5] an observer’s laptop on the hall’s projector follows the chair live: the draft being typed, the vote and its count, the result, the adopted text; no names; the join code; the room offers it to the chair only',
    async () => {
      const room = await votingRoom(suite, PEOPLE);
      const { meetingId, accounts, clients } = room;
      const [chairClient, , ...delegates] = clients;
      const observer = { username: `khoi-${process.pid.toString(36)}`, fullName: OBSERVER, password: 'khoi-mat-khau' };
      const added = await suite.admin.post(`/api/meetings/${meetingId}/members`, {
        newUser: { username: observer.username, fullName: observer.fullName, password: observer.password },
        role: 'observer',
        unit: '',
      });
      expect(added.status).toBe(201);

      // The chair's room offers the projector view; a delegate's does not (PJ5).
      const chair = await suite.person({ account: accounts[0]! });
      const delegate = await suite.person({ account: accounts[2]! });
      await Promise.all([chair.page.goto(`/m/${meetingId}`), delegate.page.goto(`/m/${meetingId}`)]);
      await Promise.all([chair.page.getByTestId('meeting-room').waitFor(), delegate.page.getByTestId('meeting-room').waitFor()]);
      expect(await chair.page.getByTestId('open-screen').getAttribute('href')).toBe(`/m/${meetingId}/screen`);
      expect(await chair.page.getByTestId('open-screen').textContent()).toBe('Màn hình trình chiếu');
      expect(await delegate.page.getByTestId('open-screen').count()).toBe(0);

      // The projector: an observer's laptop at 1920×1080.
      const projector = await suite.person({ account: observer, viewport: FULL_HD });
      const { page } = projector;
      await page.goto(`/m/${meetingId}/screen`);
      await screen(page).waitFor();
      await expect.poll(() => screen(page).getAttribute('data-scene')).toBe('overview');
      expect(await text(page, 'screen-meeting-title')).toBe('Hội nghị cán bộ viên chức năm 2023');
      expect(await page.getByTestId('screen-agenda').locator('li').allTextContents()).toEqual([
        'Báo cáo tổng kết công tác năm 2023',
        'Thảo luận',
        'Thông qua Nghị quyết',
      ]);
      await expect.poll(() => text(page, 'screen-present')).toBe('5/5');
      // No editing chrome: no header, no editor, no field; the language switch is the only thing to press.
      expect(await page.locator('.app-header').count()).toBe(0);
      expect(await page.locator('[contenteditable], input, textarea, select').count()).toBe(0);
      expect(await page.locator('button').count()).toBe(2);
      await fitsTheScreen(page, ['screen-meeting-title', 'screen-agenda', 'screen-present', 'screen-qr', 'screen-link']);

      // The join code: the room's address in text and in a QR code holding exactly that address (PJ4).
      const link = `${suite.server.url}/m/${meetingId}`;
      expect(await text(page, 'screen-link')).toBe(link);
      const reference = qrcode(0, 'M');
      reference.addData(link, 'Byte');
      reference.make();
      const expected = new Set<string>();
      const size = reference.getModuleCount();
      for (let row = 0; row < size; row += 1) {
        for (let col = 0; col < size; col += 1) if (reference.isDark(row, col)) expected.add(`${row},${col}`);
      }
      expect(darkModules((await page.getByTestId('screen-qr').locator('path').getAttribute('d'))!)).toEqual(expected);
      // Served from this machine's own address, which no phone in the hall can open: the screen says so.
      expect(await page.getByTestId('screen-link-loopback').count()).toBe(1);

      // The chair marks the item under discussion on the room's page; the screen and the delegate's room follow (PJ8).
      await chair.page.getByTestId('agenda').locator('li').nth(1).getByTestId('agenda-mark').click();
      await expect.poll(() => text(page, 'screen-current-item')).toBe('Đang thảo luận: Thảo luận');
      expect(await page.getByTestId('screen-agenda').locator('li[data-current]').textContent()).toBe('Thảo luận');
      await expect.poll(() => delegate.page.getByTestId('agenda').locator('li[data-current]').textContent()).toBe('Thảo luận · Đang thảo luận');
      expect(await delegate.page.getByTestId('agenda-mark').count()).toBe(0);
      await fitsTheScreen(page, ['screen-meeting-title', 'screen-current-item', 'screen-agenda', 'screen-present', 'screen-qr', 'screen-link']);
      await markPage(page);

      // The chair opens a named vote on the resolution from the room; the screen shows it with its frozen text.
      const named = await command<MotionView>(
        chairClient!,
        `/api/meetings/${meetingId}/motions`,
        { title: 'Thông qua Nghị quyết Hội nghị', documentId: room.documentId },
        201,
      );
      // Prepared, it is what comes next, and its draft is what the hall discusses: the screen shows the text as
      // the chair types it, and the chair's editor shows no caret for the screen.
      await expect.poll(() => text(page, 'screen-next')).toContain('Thông qua Nghị quyết Hội nghị');
      await expect.poll(() => page.getByTestId('screen-discussed-text').textContent()).toContain('QUYẾT NGHỊ:');
      await chair.page.goto(`/m/${meetingId}/d/${room.documentId}`);
      await expectConnection(chair.page, 'connected');
      await caretInBody(chair.page, 'last', 'end');
      await chair.page.keyboard.press('Enter');
      await chair.page.keyboard.type('Điều 4. Giao Ban Chấp hành Công đoàn tổ chức thực hiện.');
      await expect
        .poll(() => page.getByTestId('screen-discussed-text').textContent())
        .toContain('Điều 4. Giao Ban Chấp hành Công đoàn tổ chức thực hiện.');
      expect(await chair.page.locator('.collaboration-carets__caret').count()).toBe(0);
      await chair.page.goto(`/m/${meetingId}`);
      const item = chair.page.getByTestId('motion').filter({ hasText: 'Thông qua Nghị quyết Hội nghị' });
      await item.getByTestId('motion-open').click();
      await expect.poll(() => screen(page).getAttribute('data-scene')).toBe('vote');
      expect(await text(page, 'screen-motion-title')).toBe('Thông qua Nghị quyết Hội nghị');
      await expect.poll(() => text(page, 'screen-turnout')).toBe('0/5');
      expect(await counts(page)).toEqual({ for: '0', against: '0', abstain: '0' });
      // Beside it, the text frozen at the opening, the chair's article included.
      await expect.poll(() => page.getByTestId('screen-vote-text').textContent()).toContain('Điều 4. Giao Ban Chấp hành');
      await fitsTheScreen(page, ['screen-motion-title', 'screen-figures', 'screen-turnout', 'screen-present', 'screen-qr']);

      // Delegates vote; the count follows each ballot, without a reload.
      await command(delegates[0]!, `/api/motions/${named.id}/ballots`, { choice: 'for' }, 201);
      await expect.poll(() => counts(page)).toEqual({ for: '1', against: '0', abstain: '0' });
      expect(await text(page, 'screen-turnout')).toBe('1/5');
      await command(delegates[1]!, `/api/motions/${named.id}/ballots`, { choice: 'against' }, 201);
      await command(delegates[2]!, `/api/motions/${named.id}/ballots`, { choice: 'for' }, 201);
      await command(chairClient!, `/api/motions/${named.id}/ballots`, { choice: 'for' }, 201);
      await expect.poll(() => counts(page)).toEqual({ for: '3', against: '1', abstain: '0' });
      expect(await text(page, 'screen-turnout')).toBe('4/5');
      // A named vote's choices are public in the room; on the hall's screen there are counts, never names (PJ3).
      expect(await namesShown(page)).toEqual([]);

      // The chair closes: the result, in the minutes' words, with the text it adopted.
      const closed = await command<MotionView>(chairClient!, `/api/motions/${named.id}/close`);
      expect(closed.outcome).toBe('adopted');
      await expect.poll(() => screen(page).getAttribute('data-scene')).toBe('result');
      expect(await text(page, 'screen-outcome')).toBe('Được thông qua');
      expect(await text(page, 'screen-result-sentence')).toBe(formatVoteResult(closed, 'vi'));
      expect(await counts(page)).toEqual({ for: '3', against: '1', abstain: '0' });
      await expect.poll(() => page.getByTestId('screen-settled-text').textContent()).toContain('QUYẾT NGHỊ:');
      const resolution = (await suite.admin.get<MeetingView>(`/api/meetings/${meetingId}`)).body.documents[0]!;
      expect(await page.getByTestId('screen-settled-text').locator('h3').textContent()).toBe(
        `Văn bản đã thông qua: ${resolution.title}`,
      );
      // In English at a switch, and back.
      await page.getByTestId('lang-en').click();
      expect(await text(page, 'screen-outcome')).toBe('Adopted');
      expect(await text(page, 'screen-result-sentence')).toBe(formatVoteResult(closed, 'en'));
      await page.getByTestId('lang-vi').click();
      expect(await text(page, 'screen-outcome')).toBe('Được thông qua');

      // A secret ballot: how many have voted, never a count or a name until the close (PJ3).
      const secret = await command<MotionView>(
        chairClient!,
        `/api/meetings/${meetingId}/motions`,
        { title: 'Bầu Ban Thanh tra nhân dân', form: 'secret', durationSeconds: 600 },
        201,
      );
      await expect.poll(() => screen(page).getAttribute('data-scene')).toBe('overview');
      expect(await text(page, 'screen-next')).toContain('Bầu Ban Thanh tra nhân dân');
      await expect.poll(() => page.getByTestId('screen-settled-text').textContent()).toContain('QUYẾT NGHỊ:');
      await command(chairClient!, `/api/motions/${secret.id}/open`);
      await expect.poll(() => screen(page).getAttribute('data-scene')).toBe('vote');
      expect(await screen(page).getByTestId('screen-vote').getAttribute('data-form')).toBe('secret');
      // A timed vote shows the time left, counting down.
      await expect.poll(() => text(page, 'screen-countdown')).toMatch(/^Tự kết thúc sau (10:00|9:[0-5]\d)$/);
      await command(delegates[0]!, `/api/motions/${secret.id}/ballots`, { choice: 'against' }, 201);
      await command(delegates[1]!, `/api/motions/${secret.id}/ballots`, { choice: 'for' }, 201);
      await expect.poll(() => text(page, 'screen-turnout')).toBe('2/5');
      expect(await page.getByTestId('screen-figures').count()).toBe(0);
      expect(await text(page, 'screen-hidden-count')).toBe('Bỏ phiếu kín: kết quả chỉ công bố khi kết thúc biểu quyết.');
      expect(await namesShown(page)).toEqual([]);

      // The same page on a 1366×768 laptop's screen still fits, nothing scrolling.
      await page.setViewportSize(LAPTOP);
      await fitsTheScreen(page, ['screen-motion-title', 'screen-turnout', 'screen-present', 'screen-qr', 'screen-link']);

      // One for of five present is not more than half: rejected.
      const secretClosed = await command<MotionView>(chairClient!, `/api/motions/${secret.id}/close`);
      expect(secretClosed.outcome).toBe('rejected');
      await expect.poll(() => text(page, 'screen-outcome')).toBe('Không được thông qua');
      expect(await text(page, 'screen-result-sentence')).toBe(formatVoteResult(secretClosed, 'vi'));
      expect(await counts(page)).toEqual({ for: '1', against: '1', abstain: '0' });
      expect(await namesShown(page)).toEqual([]);
      await fitsTheScreen(page, ['screen-outcome', 'screen-figures', 'screen-result-sentence', 'screen-qr']);
      // All of it live: the page was never reloaded.
      expect(await pageWasKept(page)).toBe(true);
    },
    120_000,
  );

  it('[PJ5] someone not in the meeting gets the usual "not found", as for a meeting that does not exist', async () => {
    const room = await votingRoom(suite, PEOPLE.slice(0, 1));
    const outsider = { username: `ngoai-${process.pid.toString(36)}`, fullName: 'Người Ngoài', password: 'ngoai-mat-khau' };
    expect((await suite.admin.post('/api/users', outsider)).status).toBe(201);
    // Signed in and able to see other pages: the meeting is not found for them.
    expect((await (await signedIn(suite.server.url, outsider.username, outsider.password)).get(`/api/meetings/${room.meetingId}`)).status).toBe(404);
    const { page } = await suite.person({ account: outsider, viewport: FULL_HD });
    for (const meetingId of [room.meetingId, 'khong-co-cuoc-hop-nay']) {
      await page.goto(`/m/${meetingId}/screen`);
      await page.getByTestId('not-found').waitFor();
      expect(await screen(page).count()).toBe(0);
      expect(await page.getByTestId('not-found').locator('h1').textContent()).toBe('Không tìm thấy trang');
    }
  });
});
