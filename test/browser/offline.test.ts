import { expect, it } from 'vitest';
import {
  browserSuite,
  caretInBody,
  convergedText,
  describeInBrowser,
  editorText,
  expectConnection,
  openDocument,
  seedDocument,
  waitForLocalCopy,
} from '../helpers/browser.ts';

const LAN = { fullName: 'Nguyễn Thị Lan', role: 'secretary' } as const;
const BINH = { fullName: 'Trần Văn Bình', role: 'delegate' } as const;

describeInBrowser('browser: losing and regaining the network', () => {
  const suite = browserSuite();

  it(
    '[B6] the connection status shows connected, then offline when the network drops',
    async () => {
      const { documentId, people } = await seedDocument(suite.admin, [LAN]);
      const lan = await suite.person({ account: people[0] });
      await openDocument(lan.page, documentId);
      await expectConnection(lan.page, 'connected');

      await lan.context.setOffline(true);
      await expectConnection(lan.page, 'offline');

      await lan.context.setOffline(false);
      await expectConnection(lan.page, 'connected');
    },
    60_000,
  );

  it(
    '[B3] edits made offline merge when the device reconnects',
    async () => {
      const { documentId, people } = await seedDocument(suite.admin, [LAN, BINH]);
      const [lan, binh] = await suite.inDocument(documentId, [{ account: people[0] }, { account: people[1] }]);
      await caretInBody(lan.page, 0, 'end');
      await lan.page.keyboard.type('Biên bản Hội nghị');
      await expect.poll(() => editorText(binh.page)).toBe('Biên bản Hội nghị');

      await lan.context.setOffline(true);
      await expectConnection(lan.page, 'offline');

      await binh.page.locator('.ProseMirror').click();
      await Promise.all([
        (async () => {
          await lan.page.keyboard.press('Control+End');
          await lan.page.keyboard.press('Enter');
          await lan.page.keyboard.type('Thư ký: Lê Thị Hoa', { delay: 10 });
        })(),
        (async () => {
          await binh.page.keyboard.press('Control+End');
          await binh.page.keyboard.press('Enter');
          await binh.page.keyboard.type('Chủ trì: Cung Hồng Kiên', { delay: 10 });
        })(),
      ]);
      await expect.poll(() => editorText(lan.page)).toContain('Thư ký: Lê Thị Hoa');
      await expect.poll(() => editorText(binh.page)).toContain('Chủ trì: Cung Hồng Kiên');
      // Nothing crossed while Lan was offline.
      expect(await editorText(binh.page)).not.toContain('Thư ký');
      expect(await editorText(lan.page)).not.toContain('Chủ trì');

      await lan.context.setOffline(false);
      await expectConnection(lan.page, 'connected');
      const text = await convergedText([lan.page, binh.page]);
      const lines = text.split('\n');
      expect(lines[0]).toBe('Biên bản Hội nghị');
      expect(lines.slice(1).sort()).toEqual(['Chủ trì: Cung Hồng Kiên', 'Thư ký: Lê Thị Hoa']);
    },
    60_000,
  );

  it(
    '[B4] reloading while offline shows the last text from the device',
    async () => {
      const { documentId, people } = await seedDocument(suite.admin, [LAN]);
      const text = 'Kế hoạch năm 2025 của Trung tâm';
      const lan = await suite.person({ account: people[0] });
      await openDocument(lan.page, documentId);
      // The app shell must be on the device too, or the reload has nothing to open.
      const shellCached = await lan.page.evaluate(() =>
        Promise.race([
          navigator.serviceWorker.ready.then(() => true),
          new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 15_000)),
        ]),
      );
      expect(shellCached, 'the service worker is active').toBe(true);
      await caretInBody(lan.page, 0, 'end');
      await lan.page.keyboard.insertText(text);
      await waitForLocalCopy(lan.page, documentId, text);

      await lan.context.setOffline(true);
      await expectConnection(lan.page, 'offline');
      await lan.page.reload();

      await lan.page.locator('.ProseMirror').waitFor();
      await expect.poll(() => editorText(lan.page)).toBe(text);
      await expectConnection(lan.page, 'offline');
      // Nothing typed since the reload, and no server to confirm: the device's copy is what can be said.
      await expect.poll(() => lan.page.getByTestId('save-state').textContent()).toBe('Đã lưu trên thiết bị này');
    },
    60_000,
  );

  it(
    '[CD4] a document opened offline has its code even when the device refreshed its copy of the app on a page without the editor',
    async () => {
      const { meetingId, documentId, people } = await seedDocument(suite.admin, [LAN]);
      const text = 'Nghị quyết Hội nghị cán bộ viên chức';
      const lan = await suite.person({ account: people[0] });
      await openDocument(lan.page, documentId);
      await caretInBody(lan.page, 0, 'end');
      await lan.page.keyboard.insertText(text);
      await waitForLocalCopy(lan.page, documentId, text);
      expect(await lan.page.evaluate(() => navigator.serviceWorker.ready.then(() => true))).toBe(true);

      // As after a new deployment: nothing of the app's code left on the device, neither in the browser's cache nor
      // in the service worker's, until the next page (the meetings list, which has no editor) brings the app back.
      const cdp = await lan.context.newCDPSession(lan.page);
      await cdp.send('Network.clearBrowserCache');
      await lan.page.evaluate(async () => {
        for (const name of await caches.keys()) await caches.delete(name);
      });
      await lan.page.goto('/');
      await lan.page.getByTestId('meeting-list').waitFor();
      // The service worker stores the page last, after its assets.
      await expect.poll(() => lan.page.evaluate(async () => (await caches.match('/index.html')) !== undefined), { timeout: 20_000 }).toBe(true);
      const fetched = await lan.page.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name));
      expect(fetched.filter((url) => url.includes('/assets/editor-') || url.includes('/assets/RoomDocument-'))).toEqual([]);

      await lan.context.setOffline(true);
      await lan.page.goto(`/m/${meetingId}/d/${documentId}`);
      await lan.page.locator('.ProseMirror').waitFor({ timeout: 20_000 });
      await expect.poll(() => editorText(lan.page)).toBe(text);
      expect(await lan.page.getByTestId('load-failed').count()).toBe(0);
    },
    60_000,
  );

  it(
    '[CD5] a reload opens the shell the device holds at once, signed in and with the remembered meeting, and takes the server\'s new shell for the next load',
    async () => {
      const { meetingId, documentId, people } = await seedDocument(suite.admin, [LAN]);
      const lan = await suite.person({ account: people[0] });
      await openDocument(lan.page, documentId);
      await expect.poll(() => lan.page.evaluate(async () => (await caches.match('/index.html')) !== undefined), { timeout: 20_000 }).toBe(true);
      // The device's shell, marked, as if it were an older deployment's than the server's.
      await lan.page.evaluate(async () => {
        const cache = await caches.open('quorum-shell-v1');
        const shell = await (await cache.match('/index.html'))!.text();
        const marked = shell.replace('<head>', '<head><meta name="quorum-shell" content="device">');
        await cache.put('/index.html', new Response(marked, { headers: { 'content-type': 'text/html; charset=utf-8' } }));
      });
      const marker = () => lan.page.evaluate(() => document.querySelector('meta[name="quorum-shell"]')?.getAttribute('content') ?? 'server');

      await lan.page.goto(`/m/${meetingId}/d/${documentId}`);
      expect(await marker()).toBe('device');
      await lan.page.locator('.ProseMirror').waitFor();
      // Meanwhile the server was asked: its shell replaces the device's, for the next load.
      await expect
        .poll(() => lan.page.evaluate(async () => (await (await caches.match('/index.html'))!.text()).includes('quorum-shell')), { timeout: 20_000 })
        .toBe(false);
      await lan.page.reload();
      expect(await marker()).toBe('server');
      await lan.page.locator('.ProseMirror').waitFor();
    },
    60_000,
  );

  it(
    '[B22] signing out online forgets the device’s copies of the documents; signing out offline keeps them, unsent edits and all',
    async () => {
      const { documentId, people } = await seedDocument(suite.admin, [LAN]);
      const localCopies = (page: import('playwright-core').Page) =>
        page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name).filter((n) => n?.startsWith('quorum:')));

      const online = await suite.person({ account: people[0] });
      await openDocument(online.page, documentId);
      await caretInBody(online.page, 0, 'end');
      // One insertion, one update: the local copy then holds the words as one string to look for.
      await online.page.keyboard.insertText('Biên bản');
      await waitForLocalCopy(online.page, documentId, 'Biên bản');
      expect(await localCopies(online.page)).toEqual([`quorum:${documentId}`]);
      await online.page.getByTestId('sign-out').click();
      await expect.poll(() => localCopies(online.page)).toEqual([]);

      const offline = await suite.person({ account: people[0] });
      await openDocument(offline.page, documentId);
      await expectConnection(offline.page, 'connected');
      await offline.context.setOffline(true);
      await expectConnection(offline.page, 'offline');
      await caretInBody(offline.page, 0, 'end');
      await offline.page.keyboard.insertText(' chưa gửi');
      await waitForLocalCopy(offline.page, documentId, ' chưa gửi');
      await offline.page.getByTestId('sign-out').click();
      await offline.page.waitForTimeout(300);
      expect(await localCopies(offline.page)).toEqual([`quorum:${documentId}`]);
    },
    60_000,
  );
});
