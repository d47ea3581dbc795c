import { expect, it } from 'vitest';
import { DROPPED_CELLS, HOSTILE_MARKERS, writeHostileDocument } from '../../shared/editor/testing.ts';
import { tokenFor } from '../helpers/api.ts';
import { stockClient, whenSynced } from '../helpers/clients.ts';
import { browserSuite, describeInBrowser, openDocument, seedDocument } from '../helpers/browser.ts';

const LAN = { fullName: 'Nguyễn Thị Lan', role: 'delegate' } as const;

describeInBrowser('browser: the page under its Content-Security-Policy', () => {
  const suite = browserSuite();

  it(
    '[SEC3] the app runs under its CSP, a blocked inline script is caught as a violation, and the print view’s button prints',
    async () => {
      const { documentId, people } = await seedDocument(suite.admin, [LAN]);
      const lan = await suite.person({ account: people[0] });
      await openDocument(lan.page, documentId);

      // The check the browser helper adds to every test: a script the policy blocks is reported, not silent.
      await lan.page.evaluate(() => {
        const script = document.createElement('script');
        script.textContent = 'window.__ran = true;';
        document.head.append(script);
      });
      await expect.poll(() => lan.errors.map((e) => e.message).join('\n')).toMatch(/Content Security Policy/);
      expect(await lan.page.evaluate(() => (window as unknown as { __ran?: boolean }).__ran)).toBeUndefined();
      lan.errors.length = 0;

      // The print view has its own policy; its button's script is allowed by its hash and prints.
      await lan.page.addInitScript(() => {
        window.print = () => document.documentElement.setAttribute('data-printed', 'yes');
      });
      await lan.page.goto(`/api/documents/${documentId}/print`);
      await lan.page.getByRole('button', { name: 'In / Print' }).click();
      await expect.poll(() => lan.page.locator('html').getAttribute('data-printed')).toBe('yes');
    },
    60_000,
  );

  it(
    '[SEC6] a document written by a hostile peer shows its text in the editor and none of its values outside the schema’s',
    async () => {
      const { documentId, people } = await seedDocument(suite.admin, [LAN]);
      const peer = stockClient(suite.server.url, documentId, { token: await tokenFor(suite.admin, people[0]!.userId) });
      try {
        await whenSynced(peer);
        writeHostileDocument(peer.doc);
        const lan = await suite.person({ account: people[0] });
        await openDocument(lan.page, documentId);
        await lan.page.getByText('Liên kết hợp lệ').waitFor();
        const html = await lan.page.locator('.ProseMirror').innerHTML();
        for (const marker of HOSTILE_MARKERS) expect(html, marker).not.toContain(marker);
        expect(html).not.toContain('evil-class');
        // The table shows its cells within bounds and no cell out of them (SEC11), and the page did not freeze.
        expect(html).toContain('Tỷ lệ hoàn thành');
        for (const dropped of DROPPED_CELLS) expect(html, dropped).not.toContain(dropped);
        const links = await lan.page.locator('.ProseMirror a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
        expect(links).toEqual([null, 'https://thuvienphapluat.vn/van-ban']);
        // Nothing was laid over the page: the first paragraph stays in the flow.
        const position = await lan.page
          .getByText('Đoạn văn có căn lề độc hại')
          .evaluate((p) => getComputedStyle(p).position);
        expect(position).toBe('static');
      } finally {
        peer.destroy();
      }
    },
    60_000,
  );
});
