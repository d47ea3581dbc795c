import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { browserSuite, describeInBrowser, expectConnection, type PersonOptions } from '../helpers/browser.ts';
import { seedMeeting } from '../helpers/api.ts';
import { votingRoom } from '../helpers/vote-pages.ts';

/** The screens of SC1–SC5: a laptop, and a phone held upright (touch, its viewport meta obeyed). */
const LAPTOP: PersonOptions = { viewport: { width: 1366, height: 768 } };
const PHONE: PersonOptions = { viewport: { width: 390, height: 844 }, mobile: true };

/** In the resolution's third article, which the template writes: "… được Hội nghị thông qua ngày …". */
const PHRASE = 'thông qua';

async function inDocument(page: Page, meetingId: string, documentId: string) {
  await page.goto(`/m/${meetingId}/d/${documentId}`);
  await page.locator('.ProseMirror p').first().waitFor();
  await expectConnection(page, 'connected');
}

/** Selects `phrase` in the text as a person dragging over it would, and lets the editor take the selection. */
async function selectInText(page: Page, phrase: string) {
  await page.evaluate((phrase) => {
    const root = document.querySelector('.ProseMirror')!;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent!.indexOf(phrase);
      if (at < 0) continue;
      (node.parentElement as HTMLElement).scrollIntoView({ block: 'center' });
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + phrase.length);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      return;
    }
    throw new Error(`no “${phrase}” in the text`);
  }, phrase);
  // ProseMirror reads a selection made this way on the next selectionchange.
  await page.waitForTimeout(150);
}

async function comment(page: Page, phrase: string, body: string) {
  await selectInText(page, phrase);
  // Where the comments are a sheet, it is opened first (the selection stays in the text).
  const toggle = page.getByTestId('comments-toggle');
  if ((await toggle.isVisible()) && (await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
  await page.getByTestId('comment-add').click();
  await page.getByTestId('comment-body').fill(body);
  await page.getByTestId('comment-send').click();
}

const highlighted = (page: Page) => page.locator('.ProseMirror .comment-range').allTextContents();

describeInBrowser('browser: comments on the text', () => {
  const suite = browserSuite();

  it(
    '[K8] on a 1366×768 laptop one delegate comments a range; the chair sees it live in the margin beside the page, replies from it, and the first resolves it; the count in the documents list follows',
    async () => {
      const room = await votingRoom(suite, [
        { fullName: 'Hoàng Thị Ngọc Anh', role: 'delegate' },
        { fullName: 'Cung Hồng Kiên', role: 'chair' },
      ]);
      const [anh, kien] = await Promise.all([
        suite.person({ account: room.accounts[0], ...LAPTOP }),
        suite.person({ account: room.accounts[1], ...LAPTOP }),
      ]);
      await Promise.all([inDocument(anh.page, room.meetingId, room.documentId), inDocument(kien.page, room.meetingId, room.documentId)]);

      // Plain text, never markup: what looks like a tag is shown as typed.
      await comment(anh.page, PHRASE, 'Ghi rõ <b>ngày</b> thông qua.');
      await expect.poll(() => highlighted(anh.page)).toEqual([PHRASE]);

      // Kiên sees it without reloading: the thread in the margin, to the right of the A4 page, and its range.
      const thread = kien.page.getByTestId('comment-thread');
      await thread.waitFor();
      await expect.poll(() => highlighted(kien.page)).toEqual([PHRASE]);
      expect(await thread.getByTestId('comment-body-text').textContent()).toBe('Ghi rõ <b>ngày</b> thông qua.');
      expect(await thread.locator('b').count()).toBe(0);
      const sheet = (await kien.page.getByTestId('editor').boundingBox())!;
      const margin = (await kien.page.getByTestId('comments-panel').boundingBox())!;
      expect(margin.x).toBeGreaterThanOrEqual(sheet.x + sheet.width);
      expect(margin.x + margin.width).toBeLessThanOrEqual(1366);
      expect(await kien.page.getByTestId('comments-toggle').isVisible()).toBe(false);
      const badge = kien.page.locator(`[data-document-id="${room.documentId}"] [data-testid="document-comments"]`);
      await expect.poll(() => badge.textContent()).toBe('1');

      // A click on the highlighted text selects its thread; a click on the thread selects its text.
      await kien.page.locator('.ProseMirror .comment-range').click();
      await expect.poll(() => thread.getAttribute('data-active')).toBe('true');
      await expect.poll(() => kien.page.locator('.ProseMirror .comment-range-active').count()).toBe(1);
      await anh.page.getByTestId('comment-quote').click();
      // Kiên's caret, left in the range by his click, splits its highlight in two on Anh's screen: read all of it.
      await expect
        .poll(() => anh.page.locator('.ProseMirror .comment-range-active').allTextContents().then((parts) => parts.join('')))
        .toBe(PHRASE);

      await thread.getByTestId('comment-reply-body').fill('Đồng ý, sẽ ghi ngày 19/12/2023.');
      await thread.getByTestId('comment-reply-send').click();
      const anhThread = anh.page.getByTestId('comment-thread');
      await expect.poll(() => anhThread.getByTestId('comment-body-text').allTextContents()).toEqual([
        'Ghi rõ <b>ngày</b> thông qua.',
        'Đồng ý, sẽ ghi ngày 19/12/2023.',
      ]);

      await anhThread.getByTestId('comment-resolve').click();
      // Resolved: out of the margin's open threads and out of the text, on both screens, and off the count.
      await expect.poll(() => kien.page.getByTestId('comment-thread').count()).toBe(0);
      await expect.poll(() => highlighted(kien.page)).toEqual([]);
      await expect.poll(() => badge.count()).toBe(0);
      await kien.page.getByTestId('comments-show-resolved').click();
      await expect.poll(() => kien.page.getByTestId('comment-resolved-by').textContent()).toContain('Hoàng Thị Ngọc Anh');
      await kien.page.getByTestId('comment-reopen').click();
      await expect.poll(() => highlighted(anh.page)).toEqual([PHRASE]);
    },
    120_000,
  );

  it(
    '[K8] on a 390×844 phone the comments are a sheet: closed over the page until asked for, opened by a tap on commented text; an observer whom the meeting allows comments from it',
    async () => {
      const suffix = Date.now().toString(36);
      const seeded = await seedMeeting(suite.admin, {
        people: [
          { username: `kien-${suffix}`, fullName: 'Cung Hồng Kiên', role: 'chair' },
          { username: `khoi-${suffix}`, fullName: 'Giang Mạnh Khôi', role: 'observer' },
        ],
        document: 'NQ',
        inSession: true,
      });
      const room = {
        meetingId: seeded.meeting.id,
        documentId: seeded.documentId!,
        accounts: [seeded.people[`kien-${suffix}`]!, seeded.people[`khoi-${suffix}`]!],
      };
      expect((await suite.admin.patch(`/api/meetings/${room.meetingId}`, { observersComment: true })).status).toBe(200);
      const kien = await suite.person({ account: room.accounts[0], ...LAPTOP });
      await inDocument(kien.page, room.meetingId, room.documentId);
      await comment(kien.page, PHRASE, 'Cần thống nhất cách ghi ngày.');

      const khoi = await suite.person({ account: room.accounts[1], ...PHONE });
      await inDocument(khoi.page, room.meetingId, room.documentId);
      const panel = khoi.page.getByTestId('comments-panel');
      expect(await panel.isVisible()).toBe(false);
      const toggle = khoi.page.getByTestId('comments-toggle');
      await expect.poll(() => toggle.locator('.comments-badge').textContent()).toBe('1');

      // A tap on the commented text opens the sheet on its thread.
      await expect.poll(() => highlighted(khoi.page)).toEqual([PHRASE]);
      await khoi.page.locator('.ProseMirror .comment-range').tap();
      await panel.waitFor({ state: 'visible' });
      const box = (await panel.boundingBox())!;
      expect(box.x).toBe(0);
      expect(box.width).toBe(390);
      expect(box.y + box.height).toBeCloseTo(844, 0);
      expect(box.height).toBeLessThanOrEqual(844 * 0.7 + 1);
      await expect.poll(() => panel.getByTestId('comment-thread').getAttribute('data-active')).toBe('true');

      // The observer, read-only on the text, still comments: the anchor needs no write to it.
      expect(await khoi.page.getByTestId('editor').getAttribute('data-editable')).toBe('false');
      await panel.getByTestId('comment-reply-body').fill('Khách mời đồng ý.');
      await panel.getByTestId('comment-reply-send').click();
      await expect.poll(() => kien.page.getByTestId('comment-body-text').allTextContents()).toContain('Khách mời đồng ý.');
      await khoi.page.getByTestId('comments-close').click();
      await expect.poll(() => panel.isVisible()).toBe(false);
      await comment(khoi.page, 'QUYẾT NGHỊ', 'Góp ý của khách mời.');
      await expect.poll(() => kien.page.getByTestId('comment-thread').count()).toBe(2);
      expect(khoi.errors).toEqual([]);
    },
    120_000,
  );
});
