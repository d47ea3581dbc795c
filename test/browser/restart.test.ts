import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/app.ts';
import { ensureClientBuilt } from '../../server/build-client.ts';
import { testConfig } from '../../server/config.ts';
import { CloseCode } from '../../shared/protocol.ts';
import { setupAdmin, tokenFor } from '../helpers/api.ts';
import { stockClient, whenSynced } from '../helpers/clients.ts';
import { until } from '../helpers/wait.ts';
import {
  caretInBody,
  describeInBrowser,
  editorText,
  expectConnection,
  launchBrowser,
  newPerson,
  openDocument,
  seedDocument,
} from '../helpers/browser.ts';

describeInBrowser('browser: the server restarts during a session', () => {
  let browser: Browser;
  let dataDir: string;
  let clientDir: string;
  const servers: RunningServer[] = [];
  const start = async (port = 0) => {
    const s = await startServer(testConfig({ DATA_DIR: dataDir, PORT: port }), { clientDir });
    servers.push(s);
    return s;
  };

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-restart-'));
    [clientDir, browser] = await Promise.all([ensureClientBuilt(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    for (const s of servers) await s.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    '[B8] when the server restarts the person is told, the editor reconnects by itself, and nothing typed meanwhile is lost',
    async () => {
      const first = await start();
      const admin = await setupAdmin(first.url);
      const { documentId, people } = await seedDocument(admin, [{ fullName: 'Nguyễn Thị Lan', role: 'secretary' }]);
      const lan = await newPerson(browser, first.url, { account: people[0] });
      try {
        await openDocument(lan.page, documentId);
        await caretInBody(lan.page, 0, 'end');
        await lan.page.keyboard.type('Biên bản phiên họp');
        await until(() => first.rooms.loadedRoom(documentId)?.doc.getXmlFragment('default').toString().includes('phiên họp') === true, 10_000);
        await first.rooms.loadedRoom(documentId)!.whenPersisted();

        await first.close();
        const notice = lan.page.getByTestId('close-notice');
        await expect.poll(() => notice.getAttribute('data-code'), { timeout: 10_000 }).toBe(String(CloseCode.ServerRestarting));
        await expect.poll(() => notice.textContent()).toContain('Máy chủ đang khởi động lại');
        await expectConnection(lan.page, 'connecting');
        await lan.page.keyboard.type(' sáng 19/12');

        await start(first.port);
        await expectConnection(lan.page, 'connected');
        await expect.poll(() => notice.count()).toBe(0);
        expect(await editorText(lan.page)).toBe('Biên bản phiên họp sáng 19/12');

        // The server has the text typed while it was down: another device sees it. (The session and the
        // accounts are in the data directory, so the same administrator can still make it a token.)
        const other = stockClient(servers[1]!.url, documentId, { token: await tokenFor(admin, people[0]!.userId) });
        try {
          await whenSynced(other);
          await until(() => other.doc.getXmlFragment('default').toString().includes('sáng 19/12'), 10_000);
        } finally {
          other.destroy();
        }
        expect(lan.errors).toEqual([]);
      } finally {
        await lan.context.close();
      }
    },
    60_000,
  );
});
