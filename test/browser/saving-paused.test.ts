import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSuite, caretInBody, describeInBrowser, editorText, expectConnection } from '../helpers/browser.ts';
import { OwnPostgres } from '../helpers/own-postgres.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.ts';
import { votingRoom } from '../helpers/vote-pages.ts';

const saveState = (page: Page) => page.getByTestId('save-state');

const PEOPLE = [
  { fullName: 'Cung Hồng Kiên', role: 'chair' },
  { fullName: 'Lê Thị Hoa', role: 'secretary' },
  { fullName: 'Trần Văn Bình', role: 'delegate' },
] as const;

const installed = OwnPostgres.installed('the browser check of saving paused');

(installed ? describeInBrowser : describe.skip)('browser: saving paused while PostgreSQL restarts', () => {
  // Started before the suite's server, stopped after it (hooks registered first run first, and after-hooks last).
  let postgres: OwnPostgres | null = null;
  let database: TestDatabase | null = null;
  beforeAll(async () => {
    postgres = await OwnPostgres.start('the browser check of saving paused');
    database = await createTestDatabase(postgres!.adminUrl);
  });
  afterAll(async () => {
    await postgres?.destroy();
  });
  const suite = browserSuite({ databaseUrl: () => database!.url });

  it(
    '[SV4] the editor says "Tạm dừng lưu" while the server cannot reach its database, the header too, and "Đã lưu lên máy chủ" once it has stored the text',
    async () => {
      const { meetingId, documentId, accounts } = await votingRoom(suite, [...PEOPLE], 'blank');
      const { page } = await suite.person({ account: accounts[2], viewport: { width: 1366, height: 768 } });
      await page.goto(`/m/${meetingId}/d/${documentId}`);
      await page.locator('.ProseMirror').waitFor();
      await expectConnection(page, 'connected');
      await expect.poll(() => saveState(page).textContent()).toBe('Đã lưu lên máy chủ');

      await postgres!.stop();
      await caretInBody(page, 0, 'end');
      await page.keyboard.type('Góp ý');
      await expect.poll(() => editorText(page)).toBe('Góp ý');
      await expect.poll(() => saveState(page).getAttribute('data-state'), { timeout: 15_000 }).toBe('paused');
      expect(await saveState(page).textContent()).toBe('Tạm dừng lưu — thay đổi vẫn được giữ trên máy này');
      expect(await saveState(page).getAttribute('title')).toContain('chưa ghi được vào cơ sở dữ liệu');
      expect(await page.getByTestId('live-unsent').textContent()).toBe(' · Tạm dừng lưu');
      expect(await page.getByTestId('save-announcement').textContent()).toContain('Các thay đổi của bạn vẫn được giữ trên máy này');
      // The socket stays: the connection is not "offline", only saving is paused.
      await expectConnection(page, 'connected');

      await postgres!.restart();
      await expect.poll(() => saveState(page).textContent(), { timeout: 20_000 }).toBe('Đã lưu lên máy chủ');
      expect(await page.getByTestId('live-unsent').count()).toBe(0);
    },
    120_000,
  );
});
