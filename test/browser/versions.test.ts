import { expect, it } from 'vitest';
import { browserSuite, caretInBody, describeInBrowser, editorText, seedDocument } from '../helpers/browser.ts';

const HOA = { fullName: 'Lê Thị Hoa', role: 'secretary' } as const;
const BINH = { fullName: 'Trần Văn Bình', role: 'delegate' } as const;

describeInBrowser('browser: versions', () => {
  const suite = browserSuite();

  it(
    '[B32] a secretary saves two named versions, opens one read-only, compares them with the insertion marked, and restores the first; the delegate’s open editor follows',
    async () => {
      const { documentId, people } = await seedDocument(suite.admin, [HOA, BINH]);
      const [hoa, binh] = await suite.inDocument(documentId, [{ account: people[0] }, { account: people[1] }]);
      const { page } = hoa;
      await caretInBody(page, 0, 'end');
      await page.keyboard.type('Điều 1. Thông qua kế hoạch năm 2024.');
      await expect.poll(() => editorText(binh.page)).toBe('Điều 1. Thông qua kế hoạch năm 2024.');

      await page.getByTestId('versions-toggle').click();
      const save = async (label: string) => {
        await page.getByTestId('version-save-label').fill(label);
        await page.getByTestId('version-save').click();
        await expect.poll(() => page.getByTestId('version-label').allTextContents()).toContain(label);
      };
      await save('Bản đầu');
      // The end of the document, not of the clicked line: with the panel open the paragraph wraps.
      await page.locator('.ProseMirror').click();
      await page.keyboard.press('Control+End');
      await page.keyboard.press('Enter');
      await page.keyboard.type('Điều 2. Giao Giám đốc tổ chức thực hiện.');
      await expect.poll(() => editorText(binh.page)).toContain('Điều 2. Giao Giám đốc tổ chức thực hiện.');
      await save('Bản sau');
      // The same text again is no new version, and the panel says which version already holds it (L4).
      await page.getByTestId('version-save-label').fill('Bản sau nữa');
      await page.getByTestId('version-save').click();
      await expect.poll(() => page.getByTestId('version-saved').textContent()).toContain('chưa thay đổi kể từ phiên bản “Bản sau”');

      const items = page.getByTestId('version-item');
      expect(await items.count()).toBe(2);
      const first = items.filter({ hasText: 'Bản đầu' });
      const second = items.filter({ hasText: 'Bản sau' });
      expect(await first.getByTestId('version-author').textContent()).toContain('Lê Thị Hoa');
      expect(await first.getByTestId('version-hash').textContent()).toMatch(/^[0-9a-f]{12}/);

      // Opened read-only: the first version's text, not editable.
      await first.getByTestId('version-view').click();
      const viewer = page.getByTestId('version-viewer');
      await viewer.waitFor();
      expect(await viewer.locator('.ProseMirror').getAttribute('contenteditable')).toBe('false');
      expect(await viewer.textContent()).toContain('Điều 1. Thông qua kế hoạch năm 2024.');
      expect(await viewer.textContent()).not.toContain('Điều 2.');
      await page.getByTestId('version-viewer-close').click();

      // Compared: the second paragraph is an insertion, in both modes.
      await first.getByTestId('version-compare').click();
      await second.getByTestId('version-compare').click();
      const diff = page.getByTestId('version-diff');
      await diff.waitFor();
      await expect.poll(() => diff.locator('ins').allTextContents()).toEqual(
        expect.arrayContaining([expect.stringContaining('Điều 2. Giao Giám đốc tổ chức thực hiện.')]),
      );
      expect(await diff.locator('del').allTextContents(), await diff.innerHTML()).toEqual([]);
      await page.getByTestId('diff-mode-inline').click();
      await expect.poll(() => diff.getAttribute('data-mode')).toBe('inline');
      expect(await diff.locator('ins').count()).toBeGreaterThan(0);
      await page.getByTestId('version-compare-close').click();

      // Restored: a new change every open editor follows, and the text it replaced is kept as a version.
      await first.getByTestId('version-restore').click();
      await page.getByTestId('confirm-ok').click();
      await expect.poll(() => editorText(binh.page)).toBe('Điều 1. Thông qua kế hoạch năm 2024.');
      await expect.poll(() => editorText(page)).toBe('Điều 1. Thông qua kế hoạch năm 2024.');
      await expect.poll(() => page.locator('[data-testid="version-item"][data-kind="restore"]').count()).toBe(1);
      // Editing goes on from the restored text.
      await binh.page.locator('.ProseMirror').click();
      await binh.page.keyboard.press('Control+End');
      await binh.page.keyboard.type(' Sửa tiếp.');
      await expect.poll(() => editorText(page)).toBe('Điều 1. Thông qua kế hoạch năm 2024. Sửa tiếp.');
    },
    90_000,
  );

  it(
    '[VU9] a one-word change in a short paragraph compares as one paragraph with one deletion and one insertion, each told to screen readers',
    async () => {
      const { documentId, people } = await seedDocument(suite.admin, [HOA]);
      const [{ page }] = await suite.inDocument(documentId, [{ account: people[0] }]);
      await caretInBody(page, 0, 'end');
      await page.keyboard.type('Điều 1. Thông qua kế hoạch năm 2024.');
      await page.keyboard.press('Enter');
      await page.keyboard.type('Điều 2. Hiệu lực.');
      await page.getByTestId('versions-toggle').click();
      const save = async (label: string) => {
        await page.getByTestId('version-save-label').fill(label);
        await page.getByTestId('version-save').click();
        await expect.poll(() => page.getByTestId('version-label').allTextContents()).toContain(label);
      };
      await save('Trước khi sửa');
      // "Hiệu lực" becomes "Thi hành": a word of two syllables, the paragraph's only change.
      await page.locator('.ProseMirror').click();
      await page.keyboard.press('Control+End');
      for (let i = 0; i < 'Hiệu lực.'.length; i++) await page.keyboard.press('Backspace');
      await page.keyboard.type('Thi hành.');
      await expect.poll(() => editorText(page)).toContain('Điều 2. Thi hành.');
      await save('Sau khi sửa');

      const items = page.getByTestId('version-item');
      await items.filter({ hasText: 'Trước khi sửa' }).getByTestId('version-compare').click();
      await items.filter({ hasText: 'Sau khi sửa' }).getByTestId('version-compare').click();
      const diff = page.getByTestId('version-diff');
      await diff.waitFor();
      await expect.poll(() => page.getByTestId('diff-summary').textContent()).toBe('1 đoạn sửa · 0 đoạn thêm · 0 đoạn xóa');
      for (const mode of ['side', 'inline'] as const) {
        await page.getByTestId(`diff-mode-${mode}`).click();
        await expect.poll(() => diff.getAttribute('data-mode')).toBe(mode);
        // One row, the paragraph: in both columns, or once inline; nothing else marked.
        const row = diff.locator('.diff-row[data-op="changed"]');
        expect(await row.count()).toBe(1);
        expect(await diff.locator('.diff-row:is([data-op="ins"], [data-op="del"])').count()).toBe(0);
        expect(await diff.locator('del').allTextContents()).toEqual(['Hiệu lực']);
        expect(await diff.locator('ins').allTextContents()).toEqual(['Thi hành']);
        expect(await row.textContent()).toContain('Điều 2. ');
      }
      // What a screen reader reads of the paragraph: the marks with their words, which the eye does not see.
      const paragraph = diff.locator('.diff-row[data-op="changed"] .diff-block');
      expect((await paragraph.ariaSnapshot()).split('\n')).toEqual([
        '- text: "Điều 2. đã xóa:"',
        '- deletion: Hiệu lực',
        '- text: "(hết phần xóa) đã thêm:"',
        '- insertion: Thi hành',
        '- text: (hết phần thêm) .',
      ]);
      // …and which take no room on the screen (a pixel each, clipped).
      const hidden = await paragraph.locator('.diff-sr').evaluateAll((spans) => spans.map((s) => s.getBoundingClientRect()).map((r) => r.width * r.height));
      expect(hidden).toEqual([1, 1, 1, 1]);
    },
    60_000,
  );
});
