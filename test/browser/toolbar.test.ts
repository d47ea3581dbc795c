import { expect, it } from 'vitest';
import {
  browserSuite,
  convergedText,
  describeInBrowser,
  newPerson,
  openDocument,
  remoteCarets,
  uniqueDocumentId,
} from '../helpers/browser.ts';

describeInBrowser('browser: the toolbar', () => {
  const suite = browserSuite();

  it(
    '[B10] formatting from the toolbar reaches the others, and undo takes back only one’s own edits',
    async () => {
      const documentId = uniqueDocumentId('b10');
      const lan = await newPerson(suite.browser, suite.server.url, { name: 'Nguyễn Thị Lan' });
      const binh = await newPerson(suite.browser, suite.server.url, { name: 'Trần Văn Bình' });
      try {
        await Promise.all([openDocument(lan.page, documentId), openDocument(binh.page, documentId)]);
        const lanEditor = lan.page.locator('.ProseMirror');

        // Lan writes a heading and a bold word.
        await lanEditor.click();
        await lan.page.getByTestId('toolbar-block-type').selectOption('heading1');
        await lan.page.keyboard.type('NGHỊ QUYẾT');
        await lan.page.keyboard.press('Enter');
        await lan.page.getByTestId('toolbar-bold').click();
        await lan.page.keyboard.type('Điều 1.');
        await expect.poll(() => binh.page.locator('.ProseMirror h1').textContent()).toBe('NGHỊ QUYẾT');
        await expect.poll(() => binh.page.locator('.ProseMirror strong').textContent()).toBe('Điều 1.');
        expect(await lan.page.getByTestId('toolbar-bold').getAttribute('aria-pressed')).toBe('true');

        // Bình writes at the end (StarterKit keeps an empty paragraph after the last block for him to land in).
        await binh.page.locator('.ProseMirror').click();
        await binh.page.keyboard.press('Control+End');
        const blocks = binh.page.locator('.ProseMirror :is(p, h1, h2, h3)');
        const last = (await blocks.count()) - 1;
        const lastLength = ((await blocks.nth(last).textContent()) ?? '').length;
        await expect.poll(() => remoteCarets(lan.page)).toEqual([{ name: 'Trần Văn Bình', block: last, offset: lastLength }]);
        await binh.page.keyboard.type('Ý kiến của đại biểu');
        await convergedText([lan.page, binh.page]);

        // Lan undoes until she cannot any more: her text goes, Bình's stays, on both screens.
        const undo = lan.page.getByTestId('toolbar-undo');
        for (let i = 0; i < 20 && (await undo.isEnabled()); i++) await undo.click();
        const text = await convergedText([lan.page, binh.page]);
        expect(text).not.toContain('NGHỊ QUYẾT');
        expect(text).not.toContain('Điều 1.');
        expect(text).toContain('Ý kiến của đại biểu');

        // And redo brings hers back.
        await lan.page.getByTestId('toolbar-redo').click();
        await expect.poll(async () => (await convergedText([lan.page, binh.page])).length).toBeGreaterThan(text.length);
        expect(lan.errors).toEqual([]);
        expect(binh.errors).toEqual([]);
      } finally {
        await Promise.all([lan.context.close(), binh.context.close()]);
      }
    },
    60_000,
  );
});
