import { expect, it } from 'vitest';
import {
  BODY_BLOCKS,
  browserSuite,
  caretInBody,
  convergedText,
  describeInBrowser,
  editorText,
  remoteCarets,
  seedDocument,
} from '../helpers/browser.ts';

describeInBrowser('browser: the toolbar', () => {
  const suite = browserSuite();

  it(
    '[B10] formatting from the toolbar reaches the others, and undo takes back only one’s own edits',
    async () => {
      const { documentId, people } = await seedDocument(suite.admin, [
        { fullName: 'Nguyễn Thị Lan', role: 'secretary' },
        { fullName: 'Trần Văn Bình', role: 'delegate' },
      ]);
      const [lan, binh] = await suite.inDocument(documentId, [{ account: people[0] }, { account: people[1] }]);

      // Lan writes a heading and a bold word in the body, under the official header.
      await caretInBody(lan.page, 0, 'end');
      await lan.page.getByTestId('toolbar-block-type').selectOption('heading1');
      await lan.page.keyboard.type('NGHỊ QUYẾT');
      await lan.page.keyboard.press('Enter');
      await lan.page.getByTestId('toolbar-bold').click();
      await lan.page.keyboard.type('Điều 1.');
      await expect.poll(() => binh.page.locator('.ProseMirror h1').textContent()).toBe('NGHỊ QUYẾT');
      await expect.poll(() => binh.page.locator('.ProseMirror strong:not([data-type="columns"] *)').textContent()).toBe('Điều 1.');
      expect(await lan.page.getByTestId('toolbar-bold').getAttribute('aria-pressed')).toBe('true');

      // Bình writes a paragraph of his own at the end.
      await binh.page.locator('.ProseMirror').click();
      await binh.page.keyboard.press('Control+End');
      const last = (await binh.page.locator(BODY_BLOCKS).count()) - 1;
      const lastLength = (await editorText(binh.page)).split('\n')[last]!.length;
      await expect.poll(() => remoteCarets(lan.page)).toEqual([{ name: 'Trần Văn Bình', block: last, offset: lastLength }]);
      await binh.page.keyboard.press('Enter');
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
    },
    60_000,
  );

  it(
    '[B38] underline from the toolbar is pressed while on and reaches the others',
    async () => {
      const { documentId, people } = await seedDocument(suite.admin, [
        { fullName: 'Nguyễn Thị Lan', role: 'secretary' },
        { fullName: 'Trần Văn Bình', role: 'delegate' },
      ]);
      const [lan, binh] = await suite.inDocument(documentId, [{ account: people[0] }, { account: people[1] }]);
      await caretInBody(lan.page, 0, 'end');
      await lan.page.keyboard.type('Giao ');
      const underline = lan.page.getByTestId('toolbar-underline');
      expect(await underline.getAttribute('aria-pressed')).toBe('false');
      await underline.click();
      await lan.page.keyboard.type('Ban chấp hành');
      expect(await underline.getAttribute('aria-pressed')).toBe('true');
      await expect.poll(() => binh.page.locator('.ProseMirror u').textContent()).toBe('Ban chấp hành');
      // And off again from the keyboard.
      await lan.page.keyboard.press('Control+U');
      await lan.page.keyboard.type(' thực hiện');
      await expect.poll(() => underline.getAttribute('aria-pressed')).toBe('false');
      await expect.poll(() => editorText(binh.page)).toBe('Giao Ban chấp hành thực hiện');
      expect(await binh.page.locator('.ProseMirror u').textContent()).toBe('Ban chấp hành');
    },
    60_000,
  );
});
