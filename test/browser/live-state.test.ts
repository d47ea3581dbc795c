import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import type { RestoreView, VersionView } from '../../shared/api.ts';
import { tokenFor } from '../helpers/api.ts';
import { browserSuite, caretInBody, describeInBrowser, editorText, expectConnection } from '../helpers/browser.ts';
import { editorXml, stockClient, whenSynced } from '../helpers/clients.ts';
import { command, openVote, votingRoom } from '../helpers/vote-pages.ts';

/** The room of a meeting, opened and loaded (with a document open in it, if given). */
async function inRoom(page: Page, meetingId: string, documentId?: string): Promise<void> {
  await page.goto(documentId ? `/m/${meetingId}/d/${documentId}` : `/m/${meetingId}`);
  await page.getByTestId('meeting-room').waitFor();
}

const saveState = (page: Page) => page.getByTestId('save-state').textContent();
const indicator = (page: Page) => page.getByTestId('live-indicator');
const banners = (page: Page) => page.getByTestId('result-banner');

const PEOPLE = [
  { fullName: 'Cung Hồng Kiên', role: 'chair' },
  { fullName: 'Lê Thị Hoa', role: 'secretary' },
  { fullName: 'Trần Văn Bình', role: 'delegate' },
] as const;

describeInBrowser('browser: state that is always true', () => {
  const suite = browserSuite();

  it(
    '[SV1] [SV2] across an offline spell the save state goes "N unsent" → "saved on the server", the header agreeing, and the server has the text',
    async () => {
      const { meetingId, documentId, accounts } = await votingRoom(suite, [...PEOPLE], 'blank');
      const binh = await suite.person({ account: accounts[2], viewport: { width: 1366, height: 768 } });
      const { page } = binh;
      await inRoom(page, meetingId, documentId);
      await page.locator('.ProseMirror').waitFor();
      await expectConnection(page, 'connected');
      await expect.poll(() => saveState(page)).toBe('Đã lưu lên máy chủ');
      expect(await indicator(page).getAttribute('data-state')).toBe('connected');

      await binh.context.setOffline(true);
      await expectConnection(page, 'offline');
      // The header says so too: one state for the room, never "live" beside an offline editor.
      await expect.poll(() => indicator(page).getAttribute('data-state')).toBe('offline');
      expect(await indicator(page).textContent()).toContain('Ngoại tuyến');

      await caretInBody(page, 0, 'end');
      await page.keyboard.type('Góp ý');
      await expect.poll(() => editorText(page)).toBe('Góp ý');
      await expect.poll(() => page.getByTestId('save-state').getAttribute('data-state')).toBe('unsent');
      const text = (await saveState(page)) ?? '';
      const unsent = Number(/^(\d+) thay đổi chưa gửi$/.exec(text)?.[1]);
      // One change per keystroke or so: "Góp ý" is five characters.
      expect(unsent, text).toBeGreaterThanOrEqual(1);
      expect(unsent, text).toBeLessThanOrEqual(5);
      expect(await page.getByTestId('live-unsent').textContent()).toBe(` · ${unsent} thay đổi chưa gửi`);

      await binh.context.setOffline(false);
      await expect.poll(() => saveState(page), { timeout: 20_000 }).toBe('Đã lưu lên máy chủ');
      await expectConnection(page, 'connected');
      expect(await indicator(page).getAttribute('data-state')).toBe('connected');
      expect(await page.getByTestId('live-unsent').count()).toBe(0);

      // "On the server" is true: a stock client reading the document from the server has the words.
      const reader = stockClient(suite.server.url, documentId, { token: await tokenFor(suite.admin, accounts[0]!.userId, 'reader') });
      try {
        await whenSynced(reader);
        expect(editorXml(reader.doc)).toContain('Góp ý');
      } finally {
        reader.destroy();
      }
    },
    90_000,
  );

  it(
    '[RB1] [RB3] one result banner at a time, the newest; it leaves by itself when the next vote opens',
    async () => {
      const { meetingId, accounts, clients } = await votingRoom(suite, [...PEOPLE]);
      const [chairApi, , binhApi] = clients;
      const binh = await suite.person({ account: accounts[2] });
      const { page } = binh;
      await inRoom(page, meetingId);

      const vote = async (title: string) => {
        const motion = await command(chairApi!, `/api/meetings/${meetingId}/motions`, { title, documentId: null }, 201);
        await command(chairApi!, `/api/motions/${motion.id}/open`);
        return motion;
      };
      const first = await vote('Thông qua chương trình');
      await command(binhApi!, `/api/motions/${first.id}/ballots`, { choice: 'for' }, 201);
      await command(chairApi!, `/api/motions/${first.id}/close`);
      await expect.poll(() => banners(page).getAttribute('data-motion-id')).toBe(first.id);

      // The next vote opens: the last result leaves, with no one putting it away.
      const second = await vote('Bầu Ban kiểm phiếu');
      await openVote(page).waitFor();
      await expect.poll(() => banners(page).count()).toBe(0);
      await command(binhApi!, `/api/motions/${second.id}/ballots`, { choice: 'against' }, 201);
      await command(chairApi!, `/api/motions/${second.id}/close`);
      await expect.poll(() => banners(page).getAttribute('data-motion-id')).toBe(second.id);
      expect(await banners(page).count()).toBe(1);
    },
    90_000,
  );

  it(
    '[RB2] someone who joins after a re-vote was made does not see the banner of the vote it repeats',
    async () => {
      const { meetingId, accounts, clients } = await votingRoom(suite, [...PEOPLE]);
      const [chairApi, , binhApi] = clients;
      const present = await suite.person({ account: accounts[1] });
      await inRoom(present.page, meetingId);
      const first = await command(chairApi!, `/api/meetings/${meetingId}/motions`, { title: 'Thông qua chương trình', documentId: null }, 201);
      await command(chairApi!, `/api/motions/${first.id}/open`);
      await command(binhApi!, `/api/motions/${first.id}/ballots`, { choice: 'against' }, 201);
      await command(chairApi!, `/api/motions/${first.id}/close`);
      await expect.poll(() => banners(present.page).getAttribute('data-motion-id')).toBe(first.id);

      // The chair sets the result aside with a re-vote (not yet opened): it goes for those present…
      await command(chairApi!, `/api/meetings/${meetingId}/motions`, { title: 'Thông qua chương trình', documentId: null, revoteOf: first.id }, 201);
      await expect.poll(() => banners(present.page).count()).toBe(0);
      // …and someone who joins now never sees it.
      const late = await suite.person({ account: accounts[2] });
      await inRoom(late.page, meetingId);
      await late.page.getByTestId('motion-list').waitFor();
      await expect.poll(() => late.page.getByTestId('motion').count()).toBe(2);
      expect(await banners(late.page).count()).toBe(0);
    },
    90_000,
  );

  it(
    '[RN1] a restore reaches everyone in the document with who restored which version, and a link that opens the replaced text; no undo',
    async () => {
      const { meetingId, documentId, accounts, clients } = await votingRoom(suite, [...PEOPLE], 'blank');
      const hoaApi = clients[1]!;
      const binh = await suite.person({ account: accounts[2] });
      const { page } = binh;
      await inRoom(page, meetingId, documentId);
      await page.locator('.ProseMirror').waitFor();
      await expectConnection(page, 'connected');
      const first = (await hoaApi.post<VersionView>(`/api/documents/${documentId}/versions`, { label: 'Bản đầu' })).body;
      await caretInBody(page, 0, 'end');
      await page.keyboard.type('Đoạn sẽ bị thay thế');
      await expect.poll(() => saveState(page)).toBe('Đã lưu lên máy chủ');
      expect(await page.getByTestId('restore-notice').count()).toBe(0);

      const restored = await command<RestoreView>(hoaApi, `/api/versions/${first.id}/restore`);
      const notice = page.getByTestId('restore-notice');
      await notice.waitFor();
      expect(await notice.textContent()).toMatch(/^Lê Thị Hoa đã khôi phục phiên bản “Bản đầu” lúc \d\d giờ \d\d, ngày \d\d\/\d\d\/\d{4}\./);
      expect(await notice.getAttribute('role')).toBe('status');
      // Nothing offers to undo it; the link is the way to the text it replaced.
      expect(await notice.locator('button').allTextContents()).toEqual(['×']);
      await expect.poll(() => editorText(page)).toBe('');

      await notice.getByTestId('restore-notice-replaced').click();
      const viewer = page.getByTestId('version-viewer');
      await viewer.waitFor();
      expect(await viewer.getAttribute('data-version-id')).toBe(restored.before.id);
      await expect.poll(() => viewer.textContent()).toContain('Đoạn sẽ bị thay thế');
      // The address is the document's again, so the link works a second time.
      expect(new URL(page.url()).search).toBe('');

      // Someone opening the document shortly after is told too.
      const kien = await suite.person({ account: accounts[0] });
      await inRoom(kien.page, meetingId, documentId);
      await kien.page.getByTestId('restore-notice').waitFor();
      expect(await kien.page.getByTestId('restore-notice').textContent()).toContain('Lê Thị Hoa đã khôi phục phiên bản “Bản đầu”');
    },
    90_000,
  );
});
