import { sql } from 'kysely';
import type { Locator, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import type { AuditView, MeetingView, MotionView } from '../../shared/api.ts';
import type { ApiClient } from '../helpers/api.ts';
import { browserSuite, describeInBrowser, unfold } from '../helpers/browser.ts';
import { command, markPage, openVote, pageWasKept, resultOf, turnout, votingRoom } from '../helpers/vote-pages.ts';

/** The running counts on the open vote's card, as the page shows them; null while there are none to show. */
const runningCounts = async (page: Page) => {
  const running = openVote(page).getByTestId('vote-running');
  if ((await running.count()) === 0) return null;
  const count = (choice: string) => running.locator(`[data-choice="${choice}"] b`).textContent();
  return { for: await count('for'), against: await count('against'), abstain: await count('abstain') };
};

/** What a show-of-hands form's fields hold: for, against, abstain. */
const tallyFields = (form: Locator) =>
  Promise.all(['for', 'against', 'abstain'].map((choice) => form.getByTestId(`tally-${choice}`).inputValue()));

/** A motion in the panel, by its position (the order they were put). */
const motionItem = (page: Page, index: number) => page.getByTestId('motion').nth(index);

/** The words under a motion's name in the panel: its document, form, rule, and the vote it repeats. */
const motionLine = (page: Page, index: number) => motionItem(page, index).locator('.motion-sub > span').allTextContents();

/** The room of a meeting, opened and loaded. */
async function inRoom(page: Page, meetingId: string): Promise<void> {
  await page.goto(`/m/${meetingId}`);
  await page.getByTestId('meeting-room').waitFor();
}

describeInBrowser('browser: the chair’s and the secretary’s vote screens', () => {
  const suite = browserSuite();

  it(
    '[B26] show of hands: the chair prepares and opens it, the secretary records the counts (a total above those present is refused with the server’s message), every screen shows them live, the chair closes and everyone sees the result',
    async () => {
      // Five present: the chair, the secretary and three delegates.
      const { meetingId, accounts } = await votingRoom(suite, [
        { fullName: 'Cung Hồng Kiên', role: 'chair' },
        { fullName: 'Trần Thu Hà', role: 'secretary' },
        { fullName: 'Lê Văn Dũng', role: 'delegate' },
        { fullName: 'Phạm Thị Lan', role: 'delegate' },
        { fullName: 'Đỗ Quang Minh', role: 'delegate' },
      ]);
      const chair = await suite.person({ account: accounts[0] });
      const secretary = await suite.person({ account: accounts[1] });
      const delegate = await suite.person({ account: accounts[2] });
      const screens = [chair.page, secretary.page, delegate.page];
      await Promise.all(screens.map((page) => inRoom(page, meetingId)));
      await Promise.all(screens.map(markPage));

      // The chair prepares a show of hands on a motion of its own (no document).
      const { page } = chair;
      await page.getByTestId('new-motion').click();
      await page.getByTestId('motion-title').fill('Thông qua chương trình Hội nghị');
      await page.getByTestId('motion-document').selectOption('');
      await page.getByTestId('motion-form-kind').selectOption('hands');
      expect(await page.getByTestId('motion-form-kind').locator('option:checked').textContent()).toBe(
        'Giơ tay (thư ký ghi kết quả)',
      );
      await page.getByTestId('motion-submit').click();
      await page.getByTestId('motion-form').waitFor({ state: 'detached' });
      await expect.poll(() => motionItem(page, 0).getByTestId('motion-status').textContent()).toBe('Chưa mở');
      expect(await motionLine(page, 0)).toEqual(['Giơ tay', 'Trên 50% số đại biểu có mặt tán thành']);
      await expect.poll(() => motionItem(delegate.page, 0).getByTestId('motion-name').textContent()).toBe(
        'Thông qua chương trình Hội nghị',
      );

      // Open: every screen waits for the secretary's count; nobody gets ballot buttons, only the secretary and
      // the chair get the form for the counts.
      await motionItem(page, 0).getByTestId('motion-open').click();
      for (const screen of screens) {
        await expect.poll(() => turnout(screen)).toBe('Biểu quyết giơ tay: chờ thư ký ghi kết quả');
        expect(await openVote(screen).getByTestId('ballot-hands').textContent()).toBe(
          'Biểu quyết bằng hình thức giơ tay tại hội trường; thư ký ghi nhận kết quả.',
        );
        expect(await screen.getByTestId('ballot-for').count()).toBe(0);
      }
      expect(await delegate.page.getByTestId('tally-form').count()).toBe(0);

      // Without counts the chair cannot close yet, and is told why. The close is on the vote's card, and asks first;
      // a show of hands has no ballots to wait for, so the question names nobody.
      expect(await motionItem(page, 0).getByTestId('motion-close').count()).toBe(0);
      await unfold(openVote(page), 'open-vote-toggle');
      await openVote(page).getByTestId('motion-close').click();
      const confirm = openVote(page).getByTestId('confirm-box');
      expect(await confirm.locator('p').first().textContent()).toBe(
        'Kết thúc biểu quyết số 1? Kết quả được tính và công bố ngay; biểu quyết đã kết thúc không mở lại được.',
      );
      expect(await confirm.getByTestId('not-voted').count()).toBe(0);
      await confirm.getByTestId('close-vote-ok').click();
      await expect.poll(() => confirm.getByTestId('form-error').textContent()).toBe(
        'Thư ký chưa ghi kết quả giơ tay nên chưa thể kết thúc biểu quyết.',
      );
      expect(await confirm.getByTestId('form-error').getAttribute('data-code')).toBe('tally_missing');
      expect(await motionItem(page, 0).getByTestId('motion-status').textContent()).toBe('Đang biểu quyết');

      // The secretary's first count adds up to more than the five present: the form shows it, the server refuses it.
      const tally = secretary.page.getByTestId('tally-form');
      const fill = async (counts: [number, number, number]) => {
        for (const [index, choice] of (['for', 'against', 'abstain'] as const).entries()) {
          await tally.getByTestId(`tally-${choice}`).fill(String(counts[index]));
        }
      };
      await fill([4, 1, 1]);
      expect(await tally.getByTestId('tally-total').textContent()).toBe('Tổng: 6/5 đại biểu có mặt');
      expect(await tally.getByTestId('tally-total').getAttribute('data-over')).toBe('true');
      await tally.getByTestId('tally-submit').click();
      const error = tally.getByTestId('form-error');
      await expect.poll(() => error.textContent()).toBe('Tổng số phiếu giơ tay vượt quá số đại biểu có mặt.');
      expect(await error.getAttribute('data-code')).toBe('tally_too_high');
      expect(await tally.getByTestId('tally-saved').count()).toBe(0);
      expect(await turnout(page)).toBe('Biểu quyết giơ tay: chờ thư ký ghi kết quả');

      // A count that fits: the error goes, the form says it was saved, and the chair and the delegate see it live.
      await fill([3, 1, 1]);
      expect(await tally.getByTestId('tally-total').getAttribute('data-over')).toBe('false');
      await tally.getByTestId('tally-submit').click();
      await expect.poll(() => tally.getByTestId('tally-saved').textContent()).toBe('Đã ghi.');
      expect(await error.count()).toBe(0);
      for (const screen of screens) {
        await expect.poll(() => runningCounts(screen)).toEqual({ for: '3', against: '1', abstain: '1' });
        expect(await turnout(screen)).toBe('5/5');
      }
      // The chair's own form for the counts holds the recorded ones, and the refusal to close no longer stands.
      const chairTally = page.getByTestId('tally-form');
      await expect.poll(() => tallyFields(chairTally)).toEqual(['3', '1', '1']);
      expect(await chairTally.getByTestId('tally-total').textContent()).toBe('Tổng: 5/5 đại biểu có mặt');
      expect(await confirm.getByTestId('form-error').count()).toBe(0);

      // Corrected before the close: every screen follows again.
      await fill([4, 1, 0]);
      await tally.getByTestId('tally-submit').click();
      for (const screen of screens) {
        await expect.poll(() => runningCounts(screen)).toEqual({ for: '4', against: '1', abstain: '0' });
      }
      await expect.poll(() => tallyFields(chairTally)).toEqual(['4', '1', '0']);
      expect(await tallyFields(tally)).toEqual(['4', '1', '0']);

      await confirm.getByTestId('close-vote-ok').click();
      for (const screen of screens) {
        await expect.poll(() => resultOf(screen), { timeout: 10_000 }).toEqual({
          outcome: 'Đã được thông qua',
          for: '4 (80,0%)',
          against: '1 (20,0%)',
          abstain: '0 (0,0%)',
          base: 'Tỷ lệ tính trên 5 đại biểu có mặt · cần ít nhất 3 phiếu tán thành',
        });
        expect(await screen.getByTestId('result-title').textContent()).toBe('Thông qua chương trình Hội nghị');
        expect(await openVote(screen).count()).toBe(0);
        expect(await pageWasKept(screen)).toBe(true);
      }
      expect(await secretary.page.getByTestId('tally-form').count()).toBe(0);
      expect(await page.getByTestId('confirm-box').count()).toBe(0);
      expect(await motionItem(delegate.page, 0).getByTestId('motion-outcome').textContent()).toBe('Thông qua');
    },
    90_000,
  );

  it(
    '[B27] a rejected vote on a motion of its own is voted again from the panel: the form comes filled in from it, the new motion says which vote it repeats, and it opens',
    async () => {
      const { meetingId, accounts, clients } = await votingRoom(suite, [
        { fullName: 'Cung Hồng Kiên', role: 'chair' },
        { fullName: 'Lê Văn Dũng', role: 'delegate' },
        { fullName: 'Phạm Thị Lan', role: 'delegate' },
      ]);
      const [chairApi, dungApi, lanApi] = clients as [ApiClient, ApiClient, ApiClient];
      const title = 'Thông qua danh sách Ban kiểm phiếu';
      const description = 'Ban kiểm phiếu gồm 03 thành viên.';
      const first = await command(chairApi, `/api/meetings/${meetingId}/motions`, {
        title,
        description,
        documentId: null,
        form: 'named',
        rule: 'present_two_thirds',
      }, 201);
      await command(chairApi, `/api/motions/${first.id}/open`);
      await command(chairApi, `/api/motions/${first.id}/ballots`, { choice: 'for' }, 201);
      await command(dungApi, `/api/motions/${first.id}/ballots`, { choice: 'against' }, 201);
      await command(lanApi, `/api/motions/${first.id}/ballots`, { choice: 'abstain' }, 201);
      expect((await command(chairApi, `/api/motions/${first.id}/close`)).outcome).toBe('rejected');

      const chair = await suite.person({ account: accounts[0] });
      const delegate = await suite.person({ account: accounts[1] });
      const { page } = chair;
      await Promise.all([inRoom(page, meetingId), inRoom(delegate.page, meetingId)]);
      await expect.poll(() => motionItem(page, 0).getByTestId('motion-outcome').textContent()).toBe('Không thông qua');
      expect(await motionLine(page, 0)).toEqual(['Công khai', 'Từ 2/3 số đại biểu có mặt trở lên tán thành']);
      await markPage(delegate.page);
      // Only those who prepare motions are offered to repeat one.
      await expect.poll(() => motionItem(delegate.page, 0).getByTestId('motion-outcome').textContent()).toBe('Không thông qua');
      expect(await delegate.page.getByTestId('motion-revote').count()).toBe(0);

      await motionItem(page, 0).getByTestId('motion-revote').click();
      const form = page.getByTestId('motion-form');
      expect(await form.locator('p').first().textContent()).toBe('Biểu quyết lại biểu quyết số 1');
      expect({
        title: await form.getByTestId('motion-title').inputValue(),
        description: await form.getByTestId('motion-description').inputValue(),
        document: await form.getByTestId('motion-document').inputValue(),
        form: await form.getByTestId('motion-form-kind').inputValue(),
        rule: await form.getByTestId('motion-rule').inputValue(),
        duration: await form.getByTestId('motion-duration').inputValue(),
      }).toEqual({ title, description, document: '', form: 'named', rule: 'present_two_thirds', duration: '' });
      await form.getByTestId('motion-submit').click();
      await form.waitFor({ state: 'detached' });

      // The new motion, on every screen, says which vote it repeats; the old one can no longer be repeated.
      for (const screen of [page, delegate.page]) {
        await expect.poll(() => motionItem(screen, 1).getByTestId('motion-status').textContent()).toBe('Chưa mở');
        expect(await motionItem(screen, 1).locator('.motion-number').textContent()).toBe('Biểu quyết số 2:');
        expect(await motionItem(screen, 1).getByTestId('motion-name').textContent()).toBe(title);
        expect(await motionLine(screen, 1)).toEqual([
          'Công khai',
          'Từ 2/3 số đại biểu có mặt trở lên tán thành',
          'Biểu quyết lại biểu quyết số 1',
        ]);
      }
      await expect.poll(() => motionItem(page, 0).getByTestId('motion-revote').count()).toBe(0);
      // …and the old one says which vote repeated it.
      for (const screen of [page, delegate.page]) {
        await expect
          .poll(() => motionItem(screen, 0).getByTestId('motion-revoted-by').textContent())
          .toBe('Đã biểu quyết lại tại biểu quyết số 2');
      }
      const meeting = (await chairApi.get<MeetingView>(`/api/meetings/${meetingId}`)).body;
      const second = meeting.motions.find((m) => m.number === 2)!;
      expect({ revoteOf: second.revoteOf, description: second.description, documentId: second.documentId }).toEqual({
        revoteOf: first.id,
        description,
        documentId: null,
      });

      // It opens from the panel, and the delegate votes on it at once.
      await motionItem(page, 1).getByTestId('motion-open').click();
      for (const screen of [page, delegate.page]) {
        await expect.poll(() => openVote(screen).getAttribute('data-motion-id')).toBe(second.id);
        expect(await openVote(screen).locator('.open-vote-number').textContent()).toBe('Biểu quyết số 2:');
        expect(await turnout(screen)).toBe('0/3');
      }
      expect(await motionItem(page, 1).getByTestId('motion-status').textContent()).toBe('Đang biểu quyết');
      await delegate.page.getByTestId('ballot-for').click();
      await expect.poll(() => turnout(page)).toBe('1/3');
      expect(await pageWasKept(delegate.page)).toBe(true);
    },
    90_000,
  );

  it(
    '[B28] the audit page: the chair sees the chain intact and the vote’s entries in words; an entry changed in the database is named by number on "Kiểm tra lại"; a delegate is offered no audit and is refused it by address',
    async () => {
      const { meetingId, accounts, clients } = await votingRoom(suite, [
        { fullName: 'Cung Hồng Kiên', role: 'chair' },
        { fullName: 'Lê Văn Dũng', role: 'delegate' },
      ]);
      const [chairApi, dungApi] = clients as [ApiClient, ApiClient];
      const motion = await command(chairApi, `/api/meetings/${meetingId}/motions`, {
        title: 'Thông qua chương trình Hội nghị',
        documentId: null,
      }, 201);
      await command(chairApi, `/api/motions/${motion.id}/open`);
      await command(chairApi, `/api/motions/${motion.id}/ballots`, { choice: 'for' }, 201);
      await command(dungApi, `/api/motions/${motion.id}/ballots`, { choice: 'against' }, 201);
      await command(chairApi, `/api/motions/${motion.id}/close`);

      const chair = await suite.person({ account: accounts[0] });
      const { page } = chair;
      await inRoom(page, meetingId);
      await page.getByTestId('open-audit').click();
      await page.getByTestId('audit-page').waitFor();
      expect(new URL(page.url()).pathname).toBe(`/m/${meetingId}/audit`);
      await markPage(page);

      // The whole record's chain is checked (every meeting's entries), so the number is the table's.
      const db = suite.server.sql;
      const stored = Number((await sql<{ n: number }>`SELECT COUNT(*) AS n FROM audit`.execute(db)).rows[0]!.n);
      const verdict = page.getByTestId('audit-verdict');
      await expect.poll(() => verdict.getAttribute('data-ok')).toBe('true');
      expect(await verdict.textContent()).toBe(`Nhật ký toàn vẹn: đã kiểm tra ${stored} mục, không mục nào bị sửa hay xóa.`);
      expect(await page.getByTestId('audit-first-bad').count()).toBe(0);

      // The vote's entries, in order, in words: what was done, by whom, on what.
      const rows = page.locator('[data-testid="audit-entry"]:is([data-action^="motion."], [data-action^="ballot."])');
      const read = () =>
        rows.evaluateAll((trs) =>
          trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent ?? '').filter((_, i) => i !== 1)),
        );
      const entries = await read();
      expect(entries.map(([, actor, action]) => [actor, action])).toEqual([
        ['Cung Hồng Kiên', 'Tạo nội dung biểu quyết'],
        ['Cung Hồng Kiên', 'Mở biểu quyết'],
        ['Cung Hồng Kiên', 'Bỏ phiếu'],
        ['Lê Văn Dũng', 'Bỏ phiếu'],
        ['Cung Hồng Kiên', 'Kết thúc biểu quyết'],
      ]);
      expect(entries[2]![3]).toBe('Biểu quyết: Biểu quyết số 1; Người: Cung Hồng Kiên; Lựa chọn: Tán thành');
      expect(entries[3]![3]).toBe('Biểu quyết: Biểu quyết số 1; Người: Lê Văn Dũng; Lựa chọn: Không tán thành');
      expect(entries[4]![3]).toContain('Kết quả: Không thông qua');

      // Someone with the database file turns Dũng's "against" into a "for", behind the server's back.
      const ballotSeq = Number(entries[3]![0]);
      const original = (await sql<{ payload: string }>`SELECT payload FROM audit WHERE seq = ${ballotSeq}`.execute(db)).rows[0]!.payload;
      expect(original).toContain('"against"');
      await sql`UPDATE audit SET payload = ${original.replace('"against"', '"for"')} WHERE seq = ${ballotSeq}`.execute(db);
      try {
        await page.getByTestId('audit-recheck').click();
        await expect.poll(() => verdict.getAttribute('data-ok')).toBe('false');
        expect(await verdict.textContent()).toBe('Nhật ký đã bị thay đổi bên ngoài phần mềm.');
        expect(await page.getByTestId('audit-first-bad').textContent()).toMatch(
          new RegExp(`^Mục đầu tiên không khớp: số ${ballotSeq} \\(Bỏ phiếu, [^)]+\\)\\. `),
        );
        expect(await page.locator('[data-testid="audit-entry"][data-bad="true"] td').first().textContent()).toBe(
          String(ballotSeq),
        );
        expect(await pageWasKept(page)).toBe(true);
      } finally {
        await sql`UPDATE audit SET payload = ${original} WHERE seq = ${ballotSeq}`.execute(db);
      }
      expect((await chairApi.get<AuditView>(`/api/meetings/${meetingId}/audit`)).body.verification.ok).toBe(true);

      // A delegate: no link in the room, and the address itself explains the refusal instead of failing.
      const delegate = await suite.person({ account: accounts[1] });
      await inRoom(delegate.page, meetingId);
      await expect.poll(() => delegate.page.getByTestId('motion-outcome').textContent()).toBe('Không thông qua');
      expect(await delegate.page.getByTestId('open-audit').count()).toBe(0);
      await delegate.page.goto(`/m/${meetingId}/audit`);
      const refusal = delegate.page.getByTestId('forbidden');
      await refusal.waitFor();
      expect(await refusal.locator('h1').textContent()).toBe('Không có quyền xem nhật ký');
      expect(await refusal.locator('p').textContent()).toBe(
        'Chỉ chủ tọa, thư ký và quản trị viên xem được nhật ký của cuộc họp.',
      );
      expect(await delegate.page.getByTestId('audit-page').count()).toBe(0);
      expect((await dungApi.get(`/api/meetings/${meetingId}/audit`)).status).toBe(403);
    },
    90_000,
  );

  it(
    '[B29] a timed vote opened by the chair counts down on every screen and closes by itself when the time is up',
    async () => {
      const { meetingId, accounts, clients } = await votingRoom(suite, [
        { fullName: 'Cung Hồng Kiên', role: 'chair' },
        { fullName: 'Lê Văn Dũng', role: 'delegate' },
        { fullName: 'Phạm Thị Lan', role: 'delegate' },
      ]);
      const [chairApi, , lanApi] = clients as [ApiClient, ApiClient, ApiClient];
      // The form's shortest duration is a minute; the API takes ten seconds.
      const motion = await command(chairApi, `/api/meetings/${meetingId}/motions`, {
        title: 'Thông qua thời gian nghỉ giữa giờ',
        documentId: null,
        durationSeconds: 10,
      }, 201);

      const chair = await suite.person({ account: accounts[0] });
      const delegate = await suite.person({ account: accounts[1] });
      const screens = [chair.page, delegate.page];
      await Promise.all(screens.map((page) => inRoom(page, meetingId)));
      await Promise.all(screens.map(markPage));
      await expect.poll(() => motionItem(chair.page, 0).getByTestId('motion-status').textContent()).toBe('Chưa mở');
      // The draft says its limit, in seconds when it is not whole minutes.
      expect(await motionLine(chair.page, 0)).toContain('Thời hạn: 10 giây');

      await motionItem(chair.page, 0).getByTestId('motion-open').click();
      const openedAt = Date.now();
      const secondsLeft = async (page: Page) => {
        const text = (await openVote(page).getByTestId('vote-countdown').textContent()) ?? '';
        const match = /^Tự kết thúc sau 0:(\d\d)$/.exec(text);
        return match ? Number(match[1]) : text;
      };
      for (const screen of screens) {
        await expect.poll(() => openVote(screen).getByTestId('vote-countdown').count()).toBe(1);
        const left = await secondsLeft(screen);
        expect(typeof left === 'number' && left > 0 && left <= 10, `countdown "${left}"`).toBe(true);
        // It counts down as the seconds pass.
        await expect.poll(() => secondsLeft(screen), { timeout: 5_000 }).toBeLessThan(left as number);
      }

      await delegate.page.getByTestId('ballot-for').click();
      await command(lanApi, `/api/motions/${motion.id}/ballots`, { choice: 'for' }, 201);
      for (const screen of screens) await expect.poll(() => turnout(screen)).toBe('2/3');

      // Nobody closes it: at the time it closes by itself, on every screen.
      for (const screen of screens) {
        await openVote(screen).waitFor({ state: 'detached', timeout: 15_000 });
        expect(await resultOf(screen)).toEqual({
          outcome: 'Đã được thông qua',
          for: '2 (66,7%)',
          against: '0 (0,0%)',
          abstain: '0 (0,0%)',
          base: 'Tỷ lệ tính trên 3 đại biểu có mặt · cần ít nhất 2 phiếu tán thành',
        });
        expect(await motionItem(screen, 0).getByTestId('motion-status').textContent()).toBe('Đã kết thúc');
        expect(await pageWasKept(screen)).toBe(true);
      }
      expect(Date.now() - openedAt).toBeGreaterThanOrEqual(9_000);
      const closed = (await chairApi.get<MotionView>(`/api/motions/${motion.id}`)).body;
      expect(closed.closesAt).not.toBeNull();
      expect(Date.parse(closed.closedAt!)).toBeGreaterThanOrEqual(Date.parse(closed.closesAt!));
    },
    90_000,
  );
});
