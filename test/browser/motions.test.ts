import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import type { DemoLoaded, MeetingView, MotionView } from '../../shared/api.ts';
import { documentVoteResult, formatVoteResult } from '../../shared/vote-result.ts';
import type { ApiClient } from '../helpers/api.ts';
import {
  browserSuite,
  caretInBody,
  describeInBrowser,
  editorText,
  expectConnection,
  pageWidth,
  signInContext,
  unfold,
} from '../helpers/browser.ts';
import {
  checkIn,
  command,
  markPage,
  openVote,
  pageWasKept,
  resultOf,
  signedIn,
  turnout,
  votingRoom,
} from '../helpers/vote-pages.ts';

const DEMO_PASSWORD = 'hoinghi2023';
/** The phone the issue names (a common 6.1" handset), slightly wider than the suite's own PHONE. */
const PHONE_390 = { width: 390, height: 844 };

/** Elements reaching past the right edge of the screen, named, so that a failure says which one. */
const overflowing = (page: Page) =>
  page.evaluate(() =>
    Array.from(document.querySelectorAll('body *'))
      .filter((element) => element.getBoundingClientRect().right > window.innerWidth)
      .slice(0, 5)
      .map((element) => `${element.tagName.toLowerCase()}.${element.className}`),
  );

describeInBrowser('browser: votes', () => {
  const suite = browserSuite();

  it(
    '[B23] the chair puts the demo resolution to a named vote; three delegates vote on their own devices; every screen follows the count live; the chair closes and everyone sees the result',
    async () => {
      const loaded = await suite.admin.post<DemoLoaded>('/api/demo');
      expect(loaded.status).toBe(201);
      const { meetingId } = loaded.body;
      const meeting = (await suite.admin.get<MeetingView>(`/api/meetings/${meetingId}`)).body;
      const resolution = meeting.documents.find((doc) => doc.kind === 'NQ')!;
      const minutes = meeting.documents.find((doc) => doc.kind === 'BB')!;

      // Eight of the ten voting members check in over HTTP (quorum is 7); Bảo checks in from the ballot itself.
      const http: Record<string, ApiClient> = {};
      for (const username of ['kien', 'ha', 'hung', 'tuan', 'thang', 'ngocanh', 'huong', 'lan']) {
        http[username] = await signedIn(suite.server.url, username, DEMO_PASSWORD);
        await checkIn(http[username], meetingId);
      }

      const chair = await suite.person({ account: { username: 'kien', password: DEMO_PASSWORD } });
      const hung = await suite.person({ account: { username: 'hung', password: DEMO_PASSWORD } });
      const tuan = await suite.person({ account: { username: 'tuan', password: DEMO_PASSWORD } });
      const bao = await suite.person({ account: { username: 'bao', password: DEMO_PASSWORD }, viewport: PHONE_390 });
      // The secretary keeps the minutes open throughout.
      const secretary = await suite.person({ account: { username: 'ha', password: DEMO_PASSWORD } });
      const screens = [chair.page, hung.page, tuan.page, bao.page, secretary.page];
      await Promise.all(screens.slice(0, 4).map((page) => page.goto(`/m/${meetingId}`)));
      await secretary.page.goto(`/m/${meetingId}/d/${minutes.id}`);
      await expectConnection(secretary.page, 'connected');
      await Promise.all(screens.map((page) => page.getByTestId('meeting-room').waitFor()));
      await Promise.all(screens.map(markPage));

      // The chair prepares the motion: the form offers the draft resolution, the default rule and an open vote.
      const { page } = chair;
      await page.getByTestId('new-motion').click();
      expect(await page.getByTestId('motion-document').inputValue()).toBe(resolution.id);
      expect(await page.getByTestId('motion-title').inputValue()).toBe(`Thông qua ${resolution.title}`);
      expect(await page.getByTestId('motion-rule').inputValue()).toBe('present_majority');
      expect(await page.getByTestId('motion-form-kind').inputValue()).toBe('named');
      await page.getByTestId('motion-submit').click();
      const item = page.getByTestId('motion');
      await expect.poll(() => item.getByTestId('motion-status').textContent()).toBe('Chưa mở');
      expect(await item.getByTestId('motion-name').textContent()).toBe(`Thông qua ${resolution.title}`);
      // Nobody but the chair is offered to open it.
      expect(await hung.page.getByTestId('motion-open').count()).toBe(0);

      await item.getByTestId('motion-open').click();
      for (const screen of screens) {
        await expect.poll(() => turnout(screen)).toBe('0/8');
        expect(await openVote(screen).getByTestId('open-vote-title').textContent()).toBe(`Thông qua ${resolution.title}`);
      }
      expect(await item.getByTestId('motion-status').textContent()).toBe('Đang biểu quyết');

      // The secretary puts the vote's result into the minutes from the toolbar; it follows the vote live.
      const motionId = (await openVote(page).getAttribute('data-motion-id'))!;
      await caretInBody(secretary.page, 'last', 'end');
      await secretary.page.getByTestId('toolbar-voteResult').click();
      await secretary.page.locator(`.vote-result-menu-item[data-motion-id="${motionId}"]`).click();
      const block = secretary.page.getByTestId('vote-result');
      await expect.poll(() => block.getAttribute('data-state')).toBe('open');
      expect(await block.locator('.vote-result-text').textContent()).toContain('Đang biểu quyết: 00/08');

      // A named ballot: one tap, then the choice is shown and nothing more can be cast.
      await hung.page.getByTestId('ballot-for').click();
      await expect.poll(() => hung.page.getByTestId('ballot-status').textContent()).toBe('Bạn đã biểu quyết: Tán thành');
      expect(await hung.page.getByTestId('ballot-for').getAttribute('aria-pressed')).toBe('true');
      for (const choice of ['for', 'against', 'abstain']) {
        expect(await hung.page.getByTestId(`ballot-${choice}`).isDisabled()).toBe(true);
      }
      for (const screen of screens) await expect.poll(() => turnout(screen)).toBe('1/8');

      await tuan.page.getByTestId('ballot-for').click();
      for (const screen of screens) await expect.poll(() => turnout(screen)).toBe('2/8');

      // Bảo has not checked in: the ballot says so, and checking in from there makes the buttons work.
      expect(await bao.page.getByTestId('ballot-not-present').textContent()).toContain(
        'Bạn cần điểm danh có mặt trước khi biểu quyết.',
      );
      expect(await bao.page.getByTestId('ballot-for').isDisabled()).toBe(true);
      await bao.page.getByTestId('ballot-check-in').click();
      await bao.page.getByTestId('ballot-not-present').waitFor({ state: 'detached' });
      for (const screen of screens) await expect.poll(() => turnout(screen)).toBe('2/9');
      await bao.page.getByTestId('ballot-against').click();
      await expect.poll(() => bao.page.getByTestId('ballot-status').textContent()).toBe(
        'Bạn đã biểu quyết: Không tán thành',
      );

      // The rest vote over HTTP; every screen counts them.
      for (const [username, choice] of [
        ['thang', 'for'],
        ['ngocanh', 'for'],
        ['huong', 'for'],
        ['lan', 'abstain'],
      ] as const) {
        await command(http[username]!, `/api/motions/${motionId}/ballots`, { choice }, 201);
      }
      for (const screen of screens) await expect.poll(() => turnout(screen)).toBe('7/9');
      // A named vote's running count and who voted what are public.
      expect(await openVote(page).locator('[data-choice="for"] b').textContent()).toBe('5');
      await item.getByTestId('voter-list').locator('summary').click();
      expect(await item.locator('[data-choice="against"] [data-testid="voter"]').allTextContents()).toEqual([
        'Phạm Quốc Bảo',
      ]);

      // The chair closes from the vote's card, after a confirmation that names the two who have not voted.
      await unfold(openVote(page), 'open-vote-toggle');
      await openVote(page).getByTestId('motion-close').click();
      await expect.poll(() => openVote(page).getByTestId('not-voted').getAttribute('data-count')).toBe('2');
      await openVote(page).getByTestId('close-vote-ok').click();
      for (const screen of screens) {
        await expect.poll(() => resultOf(screen), { timeout: 10_000 }).toEqual({
          outcome: 'Đã được thông qua',
          for: '5 (55,6%)',
          against: '1 (11,1%)',
          abstain: '1 (11,1%)',
          base: 'Tỷ lệ tính trên 9 đại biểu có mặt · cần ít nhất 5 phiếu tán thành',
        });
        expect(await openVote(screen).count()).toBe(0);
        expect(await pageWasKept(screen)).toBe(true);
      }
      expect(await item.getByTestId('motion-outcome').textContent()).toBe('Thông qua');
      expect(await page.getByTestId('result-title').textContent()).toBe(`Thông qua ${resolution.title}`);

      // The minutes hold the final sentence: the one the server wrote into the block when the vote closed.
      const closed = (await http.kien!.get<MotionView>(`/api/motions/${motionId}`)).body;
      const sentence = documentVoteResult(closed);
      expect(sentence).toContain('05/09');
      expect(sentence).toContain('Nghị quyết được thông qua');
      await expect.poll(() => block.getAttribute('data-state')).toBe('closed');
      expect(await block.locator('.vote-result-text').textContent()).toBe(sentence);
      // In the English interface the block reads in English; what the minutes store stays Vietnamese.
      await secretary.page.getByTestId('lang-en').click();
      await expect.poll(() => block.locator('.vote-result-text').textContent()).toBe(formatVoteResult(closed, 'en'));
      await secretary.page.getByTestId('lang-vi').click();
      await expect.poll(() => block.locator('.vote-result-text').textContent()).toBe(sentence);

      // The adopted resolution stays locked, and says why.
      await hung.page.getByTestId('document-link').filter({ hasText: resolution.title }).click();
      await expect
        .poll(() => hung.page.getByTestId('document-lock').locator('.lock-title').textContent())
        .toBe('Văn bản đã được thông qua tại biểu quyết số 1 — đã khóa');
      expect(await hung.page.locator('.ProseMirror').getAttribute('contenteditable')).toBe('false');
    },
    120_000,
  );

  it(
    '[B24] on a 390×844 phone the open vote is at the top of every tab, its three buttons full width and at least 56px tall; a tap casts a secret ballot without moving them',
    async () => {
      const { meetingId, accounts, clients } = await votingRoom(suite, [
        { fullName: 'Cung Hồng Kiên', role: 'chair' },
        { fullName: 'Hoàng Thị Ngọc Anh', role: 'delegate' },
      ]);
      const [chairApi] = clients as [ApiClient];
      const context = await suite.browser.newContext({
        baseURL: suite.server.url,
        viewport: PHONE_390,
        hasTouch: true,
        isMobile: true,
      });
      try {
        await signInContext(context, suite.server.url, accounts[1]!);
        const page = await context.newPage();
        const errors: Error[] = [];
        page.on('pageerror', (error) => errors.push(error));
        await page.goto(`/m/${meetingId}`);
        await page.getByTestId('meeting-room').waitFor();

        const motion = await command(chairApi, `/api/meetings/${meetingId}/motions`, {
          title: 'Thông qua Kế hoạch năm 2024',
          form: 'secret',
        }, 201);
        await command(chairApi, `/api/motions/${motion.id}/open`);
        await openVote(page).waitFor();
        expect(await openVote(page).textContent()).toContain('Bỏ phiếu kín: kết quả chỉ công bố khi kết thúc biểu quyết.');
        expect(await openVote(page).getByTestId('vote-running').count()).toBe(0);

        // Whatever tab is showing, the vote is there.
        for (const tab of ['documents', 'votes', 'attendance', 'editor']) {
          await page.getByTestId(`room-tab-${tab}`).click();
          expect(await openVote(page).isVisible(), tab).toBe(true);
          expect(await overflowing(page), tab).toEqual([]);
          expect(await pageWidth(page), tab).toBeLessThanOrEqual(PHONE_390.width);
        }

        const boxes = async () =>
          Promise.all(['for', 'against', 'abstain'].map(async (choice) => (await page.getByTestId(`ballot-${choice}`).boundingBox())!));
        const before = await boxes();
        for (const box of before) {
          expect(box.height).toBeGreaterThanOrEqual(56);
          expect(box.width).toBeGreaterThanOrEqual(PHONE_390.width - 64);
          expect(box.x).toBeGreaterThanOrEqual(0);
          expect(box.x + box.width).toBeLessThanOrEqual(PHONE_390.width);
        }
        await page.getByTestId('ballot-abstain').tap();
        await expect.poll(() => page.getByTestId('ballot-status').textContent()).toBe('Phiếu kín của bạn đã được ghi nhận');
        // A secret ballot does not show on the screen what was chosen, and the buttons stay where they were.
        for (const choice of ['for', 'against', 'abstain']) {
          expect(await page.getByTestId(`ballot-${choice}`).getAttribute('aria-pressed')).toBe('false');
          expect(await page.getByTestId(`ballot-${choice}`).isDisabled()).toBe(true);
        }
        expect(await boxes()).toEqual(before);
        await expect.poll(() => turnout(page)).toBe('1/2');

        // The result follows the close, with the counts the secret ballot kept until then.
        await command(clients[0]!, `/api/motions/${motion.id}/ballots`, { choice: 'for' }, 201);
        await command(chairApi, `/api/motions/${motion.id}/close`);
        await expect.poll(() => page.getByTestId('result-outcome').textContent()).toBe('Không được thông qua');
        expect(await page.getByTestId('result-banner').getByTestId('result-abstain').textContent()).toBe(
          'Không biểu quyết 1 (50,0%)',
        );
        expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE_390.width);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
    90_000,
  );

  it(
    '[B25] a document put to the vote shows why it is locked and takes no typing until the vote closes; rejected it unlocks live, adopted it stays locked',
    async () => {
      const { meetingId, documentId, accounts, clients } = await votingRoom(suite, [
        { fullName: 'Cung Hồng Kiên', role: 'chair' },
        { fullName: 'Lê Văn Dũng', role: 'delegate' },
      ], 'blank');
      const [chairApi, delegateApi] = clients as [ApiClient, ApiClient];
      const chair = await suite.person({ account: accounts[0] });
      const delegate = await suite.person({ account: accounts[1] });
      for (const { page } of [chair, delegate]) {
        await page.goto(`/m/${meetingId}/d/${documentId}`);
        await expectConnection(page, 'connected');
      }
      const { page } = delegate;
      await caretInBody(page, 0, 'end');
      await page.keyboard.type('Dự thảo');
      await expect.poll(() => editorText(chair.page)).toBe('Dự thảo');
      await markPage(page);

      const first = await command(chairApi, `/api/meetings/${meetingId}/motions`, { title: 'Thông qua Nghị quyết', documentId }, 201);
      await command(chairApi, `/api/motions/${first.id}/open`);
      const lock = page.getByTestId('document-lock');
      await expect
        .poll(() => lock.locator('.lock-title').textContent())
        .toBe('Văn bản đang được biểu quyết — tạm khóa chỉnh sửa cho tới khi kết thúc biểu quyết');
      expect(await lock.textContent()).toContain('Biểu quyết số 1: Thông qua Nghị quyết');
      expect(await page.locator('.ProseMirror').getAttribute('contenteditable')).toBe('false');
      expect(await page.getByTestId('toolbar-block-type').count()).toBe(0);
      // The lock banner says why; a generic "read only" badge beside it would only repeat it.
      expect(await page.getByTestId('read-only').count()).toBe(0);
      await page.locator('.ProseMirror').click();
      await page.keyboard.type(' sửa');
      expect(await editorText(page)).toBe('Dự thảo');

      // Nobody votes for it: rejected, and the text is open again on the same page, without a reload.
      await command(delegateApi, `/api/motions/${first.id}/ballots`, { choice: 'against' }, 201);
      await command(chairApi, `/api/motions/${first.id}/close`);
      await lock.waitFor({ state: 'detached' });
      await expect.poll(() => page.locator('.ProseMirror').getAttribute('contenteditable')).toBe('true');
      await caretInBody(page, 0, 'end');
      await page.keyboard.type(' đã sửa');
      await expect.poll(() => editorText(chair.page)).toBe('Dự thảo đã sửa');
      expect(await pageWasKept(page)).toBe(true);

      // A re-vote that passes: the text stays locked as adopted.
      const second = await command(chairApi, `/api/meetings/${meetingId}/motions`, {
        title: 'Thông qua Nghị quyết',
        documentId,
        revoteOf: first.id,
      }, 201);
      await command(chairApi, `/api/motions/${second.id}/open`);
      await command(delegateApi, `/api/motions/${second.id}/ballots`, { choice: 'for' }, 201);
      await command(chairApi, `/api/motions/${second.id}/ballots`, { choice: 'for' }, 201);
      await command(chairApi, `/api/motions/${second.id}/close`);
      await expect
        .poll(() => lock.locator('.lock-title').textContent())
        .toBe('Văn bản đã được thông qua tại biểu quyết số 2 — đã khóa');
      expect(await page.locator('.ProseMirror').getAttribute('contenteditable')).toBe('false');
    },
    90_000,
  );
});
