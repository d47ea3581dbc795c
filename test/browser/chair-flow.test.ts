import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import type { DocumentView, MotionView } from '../../shared/api.ts';
import { AUDIT_ACTIONS } from '../../shared/audit-actions.ts';
import type { ApiClient } from '../helpers/api.ts';
import { requestConfirmingAll, requestFinalisation } from '../helpers/finalise.ts';
import { browserSuite, describeInBrowser, unfold } from '../helpers/browser.ts';
import { command, markPage, openVote, pageWasKept, votingRoom } from '../helpers/vote-pages.ts';

/** The room of a meeting, opened and loaded. */
async function inRoom(page: Page, meetingId: string, documentId?: string): Promise<void> {
  await page.goto(documentId ? `/m/${meetingId}/d/${documentId}` : `/m/${meetingId}`);
  await page.getByTestId('meeting-room').waitFor();
}

const notVotedNames = (page: Page) => openVote(page).getByTestId('not-voted-name').allTextContents();
const notVotedLine = (page: Page) => openVote(page).getByTestId('not-voted').evaluate((el) => el.firstChild?.textContent ?? '');

describeInBrowser('browser: the chair’s flow, a closed meeting, the audit page in words', () => {
  const suite = browserSuite();

  it(
    '[B34] closing a vote asks first, on the vote’s card: who has not voted by name for a named vote (following the ballots live), how many for a secret one',
    async () => {
      const { meetingId, accounts, clients } = await votingRoom(suite, [
        { fullName: 'Cung Hồng Kiên', role: 'chair' },
        { fullName: 'Trần Thu Hà', role: 'secretary' },
        { fullName: 'Lê Văn Dũng', role: 'delegate' },
        { fullName: 'Phạm Thị Lan', role: 'delegate' },
        { fullName: 'Đỗ Quang Minh', role: 'delegate' },
      ]);
      const [chairApi, , dungApi, lanApi, minhApi] = clients as [ApiClient, ApiClient, ApiClient, ApiClient, ApiClient];
      const named = await command(chairApi, `/api/meetings/${meetingId}/motions`, { title: 'Thông qua chương trình', documentId: null }, 201);
      await command(chairApi, `/api/motions/${named.id}/open`);
      await command(dungApi, `/api/motions/${named.id}/ballots`, { choice: 'for' }, 201);

      const chair = await suite.person({ account: accounts[0] });
      const delegate = await suite.person({ account: accounts[2] });
      const { page } = chair;
      await Promise.all([inRoom(page, meetingId), inRoom(delegate.page, meetingId)]);
      await markPage(page);
      // Only the chair is offered the close, and only on the card at the top, not in the list of motions.
      await unfold(openVote(page), 'open-vote-toggle');
      await openVote(page).getByTestId('motion-close').waitFor();
      expect(await page.getByTestId('motions-panel').getByTestId('motion-close').count()).toBe(0);
      await openVote(delegate.page).waitFor();
      expect(await delegate.page.getByTestId('motion-close').count()).toBe(0);

      // Reached from the keyboard; the question takes the focus to "cancel", so a stray Enter closes nothing.
      await openVote(page).getByTestId('motion-close').focus();
      await page.keyboard.press('Enter');
      const confirm = openVote(page).getByTestId('confirm-box');
      await confirm.waitFor();
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('confirm-cancel');
      await expect.poll(() => notVotedLine(page)).toBe('Chưa biểu quyết: 4/5 đại biểu có mặt lúc mở biểu quyết.');
      // In roster order (by given name): Hà, Kiên, Lan, Minh.
      expect(await notVotedNames(page)).toEqual(['Trần Thu Hà, ', 'Cung Hồng Kiên, ', 'Phạm Thị Lan, ', 'Đỗ Quang Minh']);
      // A ballot arriving while the chair reads the question takes its voter off the list.
      await command(lanApi, `/api/motions/${named.id}/ballots`, { choice: 'against' }, 201);
      await expect.poll(() => notVotedNames(page)).toEqual(['Trần Thu Hà, ', 'Cung Hồng Kiên, ', 'Đỗ Quang Minh']);
      expect(await notVotedLine(page)).toBe('Chưa biểu quyết: 3/5 đại biểu có mặt lúc mở biểu quyết.');
      await page.keyboard.press('Escape');
      await confirm.waitFor({ state: 'detached' });
      expect(await openVote(page).getAttribute('data-motion-id')).toBe(named.id);

      await openVote(page).getByTestId('motion-close').click();
      await openVote(page).getByTestId('close-vote-ok').click();
      await expect.poll(() => page.getByTestId('result-banner').getAttribute('data-motion-id')).toBe(named.id);
      expect(await openVote(page).count()).toBe(0);

      // A secret vote: who voted is recorded, not what; the question gives only how many have not voted.
      const secret = await command(chairApi, `/api/meetings/${meetingId}/motions`, {
        title: 'Bầu Ban kiểm phiếu',
        documentId: null,
        form: 'secret',
      }, 201);
      await command(chairApi, `/api/motions/${secret.id}/open`);
      await command(dungApi, `/api/motions/${secret.id}/ballots`, { choice: 'for' }, 201);
      await command(minhApi, `/api/motions/${secret.id}/ballots`, { choice: 'against' }, 201);
      await expect.poll(() => openVote(page).getAttribute('data-motion-id')).toBe(secret.id);
      await unfold(openVote(page), 'open-vote-toggle');
      await openVote(page).getByTestId('motion-close').click();
      await expect.poll(() => openVote(page).getByTestId('not-voted').textContent()).toBe(
        '3/5 đại biểu có mặt lúc mở biểu quyết chưa biểu quyết.',
      );
      expect(await openVote(page).getByTestId('not-voted-name').count()).toBe(0);
      await openVote(page).getByTestId('close-vote-ok').click();
      await expect.poll(() => page.getByTestId('result-banner').getAttribute('data-motion-id')).toBe(secret.id);
      expect(await pageWasKept(page)).toBe(true);
    },
    90_000,
  );

  it(
    '[B35] a closed meeting offers nothing the server would refuse: no vote form, no opening or editing, no check-in or marking, live; minutes written after the close can be put forward, a resolution never adopted says why not',
    async () => {
      const { meetingId, documentId, accounts, clients } = await votingRoom(suite, [
        { fullName: 'Cung Hồng Kiên', role: 'chair' },
        { fullName: 'Trần Thu Hà', role: 'secretary' },
        { fullName: 'Lê Văn Dũng', role: 'delegate' },
      ]);
      const [chairApi, secretaryApi, dungApi] = clients as [ApiClient, ApiClient, ApiClient];
      await command(chairApi, `/api/meetings/${meetingId}/motions`, { title: 'Chưa kịp mở', documentId: null }, 201);
      // The delegate is marked absent, so a check-in would be on offer to them while the meeting sits.
      await command(secretaryApi, `/api/meetings/${meetingId}/attendance`, { userId: accounts[2]!.userId, status: 'absent' });

      const chair = await suite.person({ account: accounts[0] });
      const secretary = await suite.person({ account: accounts[1] });
      const delegate = await suite.person({ account: accounts[2] });
      await Promise.all([
        inRoom(chair.page, meetingId),
        inRoom(secretary.page, meetingId, documentId),
        inRoom(delegate.page, meetingId),
      ]);
      await Promise.all([chair.page, secretary.page, delegate.page].map(markPage));
      // In session: all of it on offer.
      await chair.page.getByTestId('new-motion').waitFor();
      await chair.page.getByTestId('motion-open').waitFor();
      await chair.page.getByTestId('motion-edit').waitFor();
      await secretary.page.getByTestId('mark-present').first().waitFor();
      await delegate.page.getByTestId('check-in').waitFor();
      expect(await secretary.page.getByTestId('finalise-request-hint').textContent()).toBe(
        'Văn bản cần được biểu quyết thông qua trước khi đề nghị ban hành.',
      );

      // Closed (from another device): every screen drops what the server would now refuse, without a reload.
      expect((await secretaryApi.patch(`/api/meetings/${meetingId}`, { status: 'closed' })).status).toBe(200);
      for (const { page } of [chair, secretary, delegate]) {
        await page.getByTestId('motions-closed-meeting').waitFor();
        await expect.poll(() => page.getByTestId('new-motion').count()).toBe(0);
        for (const action of ['motion-open', 'motion-edit', 'motion-revote', 'check-in', 'ballot-check-in', 'mark-present', 'member-menu']) {
          expect(await page.getByTestId(action).count(), action).toBe(0);
        }
        expect(await page.getByTestId('quorum-closed').textContent()).toBe('Cuộc họp đã kết thúc; không điểm danh nữa.');
        expect(await pageWasKept(page)).toBe(true);
      }
      // The resolution, never adopted, can no longer be: the bar says so instead of offering a request that fails.
      await expect.poll(() => secretary.page.getByTestId('finalise-request-hint').textContent()).toBe(
        'Cuộc họp đã kết thúc nên văn bản này không còn được biểu quyết thông qua, và vì vậy không thể ban hành. Sau khi kết thúc, chỉ biên bản được đề nghị ban hành.',
      );
      expect(await secretary.page.getByTestId('finalise-request').isDisabled()).toBe(true);

      // Minutes written after the close are put forward from the bar.
      await secretary.page.getByTestId('new-document').click();
      await secretary.page.getByTestId('new-document-kind').selectOption('BB');
      await secretary.page.getByTestId('new-document-submit').click();
      await expect.poll(() => secretary.page.getByTestId('finalise-request-hint').textContent()).toBe(
        'Khi đề nghị, văn bản tạm khóa để chủ tọa xác nhận đúng nội dung đã đề nghị.',
      );
      // Minutes fresh from the template still have blanks (the guests, the proceedings): each is confirmed (PH4).
      await requestConfirmingAll(secretary.page);
      await expect.poll(() => secretary.page.getByTestId('finalisation-bar').getAttribute('data-status')).toBe('requested');
      const documents = (await dungApi.get<DocumentView[]>(`/api/meetings/${meetingId}/documents`)).body;
      expect(documents.filter((d) => d.kind === 'BB').map((d) => d.finalisation?.status)).toEqual(['requested']);
    },
    90_000,
  );

  it(
    '[B36] the audit page speaks Vietnamese, then English, never a raw code: every action and every detail of versions, finalisation and votes in words',
    async () => {
      const { meetingId, documentId, accounts, clients } = await votingRoom(suite, [
        { fullName: 'Cung Hồng Kiên', role: 'chair' },
        { fullName: 'Trần Thu Hà', role: 'secretary' },
        { fullName: 'Lê Văn Dũng', role: 'delegate' },
      ]);
      const [chairApi, secretaryApi, dungApi] = clients as [ApiClient, ApiClient, ApiClient];
      const saved = await command(secretaryApi, `/api/documents/${documentId}/versions`, { label: 'Sau góp ý của tổ 2' }, 201);
      await command(secretaryApi, `/api/versions/${(saved as unknown as { id: string }).id}/restore`);
      const vote = await command<MotionView>(chairApi, `/api/meetings/${meetingId}/motions`, { title: 'Thông qua Nghị quyết', documentId }, 201);
      await command(chairApi, `/api/motions/${vote.id}/open`);
      for (const client of [chairApi, secretaryApi, dungApi]) await command(client, `/api/motions/${vote.id}/ballots`, { choice: 'for' }, 201);
      await command(chairApi, `/api/motions/${vote.id}/close`);
      await requestFinalisation(secretaryApi, documentId);
      await command(chairApi, `/api/documents/${documentId}/finalisation/confirm`);

      const chair = await suite.person({ account: accounts[0] });
      const { page } = chair;
      await page.goto(`/m/${meetingId}/audit`);
      await page.getByTestId('audit-page').waitFor();
      const actions = Object.keys(AUDIT_ACTIONS);
      const keys = [...new Set(Object.values(AUDIT_ACTIONS).flat())];
      const rawKey = new RegExp(`(^|; )(${keys.join('|')}|[a-z]+[A-Z][A-Za-z]*|[a-z]+_[a-z_]+):`);
      const check = async (lang: 'vi' | 'en') => {
        const rows = page.getByTestId('audit-entry');
        await expect.poll(() => rows.count()).toBeGreaterThan(15);
        const written = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-action') ?? ''));
        for (const action of ['version.saved', 'version.restored', 'finalisation.requested', 'document.finalised']) {
          expect(written).toContain(action);
        }
        const cells = await rows.evaluateAll((trs) =>
          trs.map((tr) => ({ action: tr.children[3]?.textContent ?? '', details: tr.children[4]?.textContent ?? '' })),
        );
        for (const [index, { action, details }] of cells.entries()) {
          const where = `${lang} ${written[index]}: ${action} | ${details}`;
          expect(actions.some((code) => action.includes(code)), where).toBe(false);
          expect(action, where).not.toMatch(/^[a-z_]+\.[a-z_]+$/);
          expect(details, where).not.toMatch(rawKey);
          expect(details, where).not.toMatch(/audit\.|label:/);
        }
        return cells;
      };
      const vi = await check('vi');
      const finalised = vi[(await page.getByTestId('audit-entry').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-action')))).indexOf('document.finalised')]!;
      expect(finalised.action).toBe('Ban hành văn bản');
      expect(finalised.details).toMatch(/^Văn bản: .+; Mã băm văn bản: [0-9a-f]{12}…$/);
      expect(vi.map((c) => c.action)).toContain('Lưu phiên bản');
      expect(vi.map((c) => c.details)).toContain(
        `Văn bản: ${(await chairApi.get<DocumentView>(`/api/documents/${documentId}`)).body.title}; Tên phiên bản: Sau góp ý của tổ 2; Mã băm văn bản: ${(saved as unknown as { contentHash: string }).contentHash.slice(0, 12)}…`,
      );

      await page.getByTestId('lang-en').click();
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
      const en = await check('en');
      expect(en.map((c) => c.action)).toEqual(expect.arrayContaining(['Version saved', 'Version restored', 'Submitted for issue', 'Document issued']));
      await page.getByTestId('lang-vi').click();
    },
    90_000,
  );
});
