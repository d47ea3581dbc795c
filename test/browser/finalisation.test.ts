import fs from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import type { DemoLoaded, MeetingView, MotionView } from '../../shared/api.ts';
import type { ApiClient } from '../helpers/api.ts';
import { browserSuite, describeInBrowser, editorText, expectConnection, caretInBody, unfold } from '../helpers/browser.ts';
import { requestConfirmingAll, requestFinalisation } from '../helpers/finalise.ts';
import { checkIn, command, signedIn } from '../helpers/vote-pages.ts';

const DEMO_PASSWORD = 'hoinghi2023';
const account = (username: string) => ({ account: { username, password: DEMO_PASSWORD } });

const status = (page: Page) => page.getByTestId('finalisation-status').getAttribute('data-status');
const editable = (page: Page) => page.locator('.ProseMirror').getAttribute('contenteditable');

/** The demo conference loads once per installation: each suite here has its own server. */
function demoSuite() {
  const suite = browserSuite();

  /** The demo conference loaded, eight members checked in, and signed-in HTTP clients for them. */
  async function demo() {
    const loaded = await suite.admin.post<DemoLoaded>('/api/demo');
    expect(loaded.status).toBe(201);
    const { meetingId } = loaded.body;
    const meeting = (await suite.admin.get<MeetingView>(`/api/meetings/${meetingId}`)).body;
    const resolution = meeting.documents.find((doc) => doc.kind === 'NQ')!;
    const http: Record<string, ApiClient> = {};
    for (const username of ['kien', 'ha', 'hung', 'tuan', 'thang', 'ngocanh', 'huong', 'lan']) {
      http[username] = await signedIn(suite.server.url, username, DEMO_PASSWORD);
      await checkIn(http[username], meetingId);
    }
    return { meetingId, resolution, http };
  }

  /** The chair puts the resolution to a named vote over HTTP and all eight vote for it. */
  async function adoptOverHttp(http: Record<string, ApiClient>, meetingId: string, documentId: string): Promise<void> {
    const motion = await command<MotionView>(http.kien!, `/api/meetings/${meetingId}/motions`, { title: 'Thông qua Nghị quyết', documentId }, 201);
    await command(http.kien!, `/api/motions/${motion.id}/open`);
    for (const username of Object.keys(http)) await command(http[username]!, `/api/motions/${motion.id}/ballots`, { choice: 'for' }, 201);
    const closed = await command(http.kien!, `/api/motions/${motion.id}/close`);
    expect(closed.outcome).toBe('adopted');
  }

  return { suite, demo, adoptOverHttp };
}

describeInBrowser('browser: finalisation and export', () => {
  const { suite, demo, adoptOverHttp } = demoSuite();

  it(
    '[B30] the secretary finalises the adopted demo resolution and the chair confirms; every open editor turns read-only with the number; the DOCX downloads and the print view renders',
    async () => {
      const { meetingId, resolution, http } = await demo();
      await adoptOverHttp(http, meetingId, resolution.id);
      const secretary = await suite.person(account('ha'));
      const chair = await suite.person(account('kien'));
      const delegate = await suite.person(account('hung'));
      const pages = [secretary.page, chair.page, delegate.page];
      await Promise.all(pages.map((page) => page.goto(`/m/${meetingId}/d/${resolution.id}`)));
      await Promise.all(pages.map((page) => expectConnection(page, 'connected')));
      for (const page of pages) expect(await status(page)).toBe('none');
      // Only the secretary is offered to ask; the chair and the delegate are not.
      expect(await chair.page.getByTestId('finalise-request').count()).toBe(0);
      expect(await delegate.page.getByTestId('finalise-request').count()).toBe(0);

      // The resolution still says "Căn cứ …;": listed, and ticked as left blank on purpose.
      await requestConfirmingAll(secretary.page);
      for (const page of pages) await expect.poll(() => status(page)).toBe('requested');
      expect(await delegate.page.getByTestId('finalise-confirm').count()).toBe(0);

      await unfold(chair.page, 'finalisation-toggle');
      await chair.page.getByTestId('finalise-confirm').click();
      await chair.page.getByTestId('confirm-ok').click();
      for (const page of pages) {
        await expect.poll(() => status(page)).toBe('final');
        expect(await page.getByTestId('finalisation-number').textContent()).toContain('01/NQ-TTCNL');
        await expect.poll(() => page.locator('.ProseMirror').textContent()).toContain('Số: 01/NQ-TTCNL');
        expect(await editable(page)).toBe('false');
        expect(await page.getByTestId('document-lock').getAttribute('data-reason')).toBe('final');
        expect(await page.getByTestId('document-lock').textContent()).toContain('01/NQ-TTCNL');
      }
      // Typing into the finalised text changes nothing.
      await delegate.page.locator('.ProseMirror').click();
      await delegate.page.keyboard.type('thêm chữ');
      expect(await editorText(delegate.page)).not.toContain('thêm chữ');

      // The DOCX downloads, named after its number, with the number and the Vietnamese text inside.
      const [download] = await Promise.all([delegate.page.waitForEvent('download'), delegate.page.getByTestId('export-docx').click()]);
      expect(download.suggestedFilename()).toBe('01-NQ-TTCNL.docx');
      const file = await download.path();
      const xml = strFromU8(unzipSync(new Uint8Array(fs.readFileSync(file)))['word/document.xml']!);
      expect(xml).toContain('Số: 01/NQ-TTCNL');
      expect(xml).toContain('QUYẾT NGHỊ');
      expect(xml).not.toContain('DỰ THẢO');

      // The print view opens as an A4 page of the same text.
      const [print] = await Promise.all([delegate.context.waitForEvent('page'), delegate.page.getByTestId('export-print').click()]);
      await print.waitForLoadState();
      expect(await print.locator('body').textContent()).toContain('Số: 01/NQ-TTCNL');
      const size = await print.evaluate(() =>
        Array.from(document.styleSheets)
          .flatMap((sheet) => Array.from(sheet.cssRules))
          .filter((rule) => rule instanceof CSSPageRule)
          .map((rule) => (rule as CSSPageRule).style.getPropertyValue('size'))
          // Other @page rules only set margin boxes (page numbers, X10) and have no size of their own.
          .filter(Boolean),
      );
      expect(size.map((s) => s.toUpperCase())).toEqual(['A4']);
      await print.close();
    },
    120_000,
  );

});

describeInBrowser('browser: edits refused by a finalised text', () => {
  const { suite, demo, adoptOverHttp } = demoSuite();

  it(
    '[B31] edits a delegate made offline to the resolution while it was adopted and finalised come back to them as a new draft',
    async () => {
      const { meetingId, resolution, http } = await demo();
      const delegate = await suite.person(account('hung'));
      await delegate.page.goto(`/m/${meetingId}/d/${resolution.id}`);
      await expectConnection(delegate.page, 'connected');

      await delegate.context.setOffline(true);
      await expectConnection(delegate.page, 'offline');
      await caretInBody(delegate.page, 'last', 'end');
      await delegate.page.keyboard.press('Enter');
      await delegate.page.keyboard.type('Đề nghị bổ sung chỉ tiêu đào tạo', { delay: 5 });
      // The edit is on the device before the text is sealed (a failure here is the typing, not the refusal).
      await expect.poll(() => editorText(delegate.page)).toContain('Đề nghị bổ sung chỉ tiêu đào tạo');
      await expect.poll(() => delegate.page.getByTestId('save-state').getAttribute('data-state')).toBe('unsent');

      await adoptOverHttp(http, meetingId, resolution.id);
      expect((await requestFinalisation(http.ha!, resolution.id)).status).toBe(200);
      await command(http.kien!, `/api/documents/${resolution.id}/finalisation/confirm`);

      await delegate.context.setOffline(false);
      const notice = delegate.page.getByTestId('refused-edits-notice');
      await notice.waitFor({ timeout: 20_000 });
      // The finalised text stays as it was confirmed; the refused text is in the draft.
      await expect.poll(() => editorText(delegate.page), { timeout: 20_000 }).not.toContain('Đề nghị bổ sung chỉ tiêu đào tạo');
      await notice.getByTestId('refused-edits-draft').click();
      await expect.poll(() => delegate.page.getByTestId('document-title').textContent()).toContain('Nguyễn Văn Hùng');
      await expectConnection(delegate.page, 'connected');
      await expect.poll(() => editorText(delegate.page)).toContain('Đề nghị bổ sung chỉ tiêu đào tạo');
      expect(await editable(delegate.page)).toBe('true');
      const meeting = (await http.hung!.get<MeetingView>(`/api/meetings/${meetingId}`)).body;
      expect(meeting.documents.filter((doc) => doc.origin?.documentId === resolution.id)).toHaveLength(1);
    },
    120_000,
  );
});

describeInBrowser('browser: finalising the minutes', () => {
  const { suite, demo } = demoSuite();

  it(
    '[B33] the secretary closes the meeting (after a confirmation) and puts the minutes forward; the chair declines and the minutes are editable again',
    async () => {
      const { meetingId } = await demo();
      const meeting = (await suite.admin.get<MeetingView>(`/api/meetings/${meetingId}`)).body;
      const minutes = meeting.documents.find((doc) => doc.kind === 'BB')!;
      const secretary = await suite.person(account('ha'));
      const chair = await suite.person(account('kien'));
      await Promise.all([secretary.page, chair.page].map((page) => page.goto(`/m/${meetingId}/d/${minutes.id}`)));
      await Promise.all([secretary.page, chair.page].map((page) => expectConnection(page, 'connected')));
      // Minutes of a meeting still in session cannot be put forward yet, and the button says why.
      expect(await secretary.page.getByTestId('finalise-request').isDisabled()).toBe(true);
      expect(await secretary.page.getByTestId('finalise-request-hint').textContent()).not.toBe('');

      await secretary.page.goto(`/m/${meetingId}/settings`);
      await secretary.page.getByTestId('close-meeting').click();
      await secretary.page.getByTestId('close-meeting-confirm').click();
      await secretary.page.getByTestId('close-meeting').waitFor({ state: 'detached' });
      // The button goes as the page takes the answer; the record is read after it, not raced against it.
      await expect.poll(async () => (await suite.admin.get<MeetingView>(`/api/meetings/${meetingId}`)).body.status).toBe('closed');

      await secretary.page.goto(`/m/${meetingId}/d/${minutes.id}`);
      await expectConnection(secretary.page, 'connected');
      await requestConfirmingAll(secretary.page);
      for (const page of [secretary.page, chair.page]) {
        await expect.poll(() => status(page)).toBe('requested');
        expect(await editable(page)).toBe('false');
      }
      expect(await secretary.page.getByTestId('finalise-withdraw').count()).toBe(1);
      await unfold(chair.page, 'finalisation-toggle');
      await chair.page.getByTestId('finalise-decline').click();
      for (const page of [secretary.page, chair.page]) {
        await expect.poll(() => status(page)).toBe('none');
        await expect.poll(() => editable(page)).toBe('true');
      }
      expect(await secretary.page.getByTestId('finalise-request').isDisabled()).toBe(false);
    },
    120_000,
  );
});

describeInBrowser('browser: placeholders before issue', () => {
  const { suite, demo } = demoSuite();

  it(
    '[PH4] the secretary sees the minutes’ placeholders, follows a link to one and fills it, ticks the rest and submits; the meeting’s facts stand in the minutes live (MF4, VR1)',
    async () => {
      const { meetingId, http } = await demo();
      const meeting = (await suite.admin.get<MeetingView>(`/api/meetings/${meetingId}`)).body;
      const minutes = meeting.documents.find((doc) => doc.kind === 'BB')!;
      const secretary = await suite.person(account('ha'));
      await secretary.page.goto(`/m/${meetingId}/d/${minutes.id}`);
      await expectConnection(secretary.page, 'connected');
      const sheet = secretary.page.getByTestId('editor');

      // The attendance in the minutes follows the check-ins, live, and is marked as a live value.
      const attendance = sheet.locator('[data-testid="meeting-fact"][data-fact="attendance"]');
      await expect.poll(() => attendance.textContent()).toMatch(/^có mặt 8\/\d+ đại biểu được triệu tập$/);
      expect(await attendance.getAttribute('data-state')).toBe('live');
      // In the minutes the vote-result action carries its name.
      expect(await secretary.page.getByTestId('toolbar-voteResult').textContent()).toContain('Chèn kết quả biểu quyết');

      expect((await suite.admin.patch(`/api/meetings/${meetingId}`, { status: 'closed' })).status).toBe(200);
      await expect.poll(() => secretary.page.getByTestId('finalise-request').isDisabled()).toBe(false);
      // The closing time arrives in the closing line by itself.
      await expect
        .poll(() => sheet.locator('[data-testid="meeting-fact"][data-fact="endsAt"]').textContent())
        .toMatch(/^\d{2} giờ \d{2}, ngày \d{2} tháng \d{1,2} năm \d{4}$/);

      await unfold(secretary.page, 'finalisation-toggle');
      await secretary.page.getByTestId('finalise-request').click();
      const review = secretary.page.getByTestId('placeholder-review');
      await review.waitFor();
      const items = review.getByTestId('placeholder');
      const listed = await items.count();
      expect(listed).toBeGreaterThan(1);
      // Nothing is sent before every placeholder is filled or ticked.
      expect(await secretary.page.getByTestId('placeholders-send').isDisabled()).toBe(true);
      expect(await status(secretary.page)).toBe('none');

      // "Đồng chí … trình bày …": the link takes the editor to that blank and selects it; typing fills it.
      const presenter = items.filter({ hasText: 'trình bày Báo cáo kết quả' });
      expect(await presenter.count()).toBe(1);
      await presenter.getByTestId('placeholder-show').click();
      await expect.poll(() => secretary.page.evaluate(() => window.getSelection()?.toString())).toBe('…');
      await secretary.page.keyboard.type('Nguyễn Thị Hương');
      await expect.poll(() => items.count()).toBe(listed - 1);
      await expect.poll(() => editorText(secretary.page)).toContain('Đồng chí Nguyễn Thị Hương trình bày');

      const boxes = review.getByTestId('placeholder-confirm');
      for (let i = 0; i < (await boxes.count()) - 1; i++) await boxes.nth(i).check();
      expect(await secretary.page.getByTestId('placeholders-send').isDisabled()).toBe(true);
      expect(await secretary.page.getByTestId('placeholders-remaining').textContent()).toContain('1');
      await boxes.last().check();
      await secretary.page.getByTestId('placeholders-send').click();
      await expect.poll(() => status(secretary.page)).toBe('requested');
      expect(await editable(secretary.page)).toBe('false');

      // The audit record names what was confirmed: every placeholder but the one filled in.
      const audit = (await http.kien!.get<{ entries: { action: string; payload: { confirmedPlaceholders?: unknown[] } }[] }>(
        `/api/meetings/${meetingId}/audit`,
      )).body;
      const requested = audit.entries.filter((e) => e.action === 'finalisation.requested').at(-1);
      expect(requested?.payload.confirmedPlaceholders).toHaveLength(listed - 1);
    },
    120_000,
  );
});
