import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { MAX_TABLE_COLUMNS, TABLE_COLUMNS_CAP } from '../../shared/editor/allowed.ts';
import { browserSuite, caretInBody, describeInBrowser, seedDocument } from '../helpers/browser.ts';

/** Each table of the editor as rows of cell texts, header cells marked with a leading '#'. */
function tables(page: Page): Promise<string[][][]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('.ProseMirror table'), (table) =>
      Array.from(table.querySelectorAll('tr'), (row) =>
        Array.from(row.querySelectorAll('th, td'), (cell) => {
          const copy = cell.cloneNode(true) as Element;
          for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove();
          return `${cell.tagName === 'TH' ? '#' : ''}${copy.textContent ?? ''}`;
        }),
      ),
    ),
  );
}

const shape = (t: string[][][]) => t.map((table) => [table.length, table[0]?.length ?? 0]);

describeInBrowser('browser: tables', () => {
  const suite = browserSuite();

  it(
    '[B37] one person inserts a table from the toolbar, both type into it and see the same table; rows, columns, header row and the table itself are changed from the toolbar',
    async () => {
      const { documentId, people } = await seedDocument(suite.admin, [
        { fullName: 'Nguyễn Thị Lan', role: 'secretary' },
        { fullName: 'Trần Văn Bình', role: 'delegate' },
      ]);
      const [lan, binh] = await suite.inDocument(documentId, [{ account: people[0] }, { account: people[1] }]);
      const button = (page: Page, name: string) => page.getByTestId(`toolbar-${name}`);

      // Not in the official header's columns, which take only paragraphs and lists.
      await lan.page.locator('.ProseMirror [data-type="columns"] p').first().click();
      await expect.poll(() => button(lan.page, 'insertTable').isDisabled()).toBe(true);
      await expect(button(lan.page, 'insertTable').getAttribute('title')).resolves.toBe('Không chèn được bảng ở vị trí này');

      // In the body, from the keyboard: the button is reached and pressed without the mouse.
      await caretInBody(lan.page, 0, 'end');
      await lan.page.keyboard.type('Chỉ tiêu năm 2024:');
      await expect.poll(() => lan.page.getByTestId('toolbar-table').count()).toBe(0);
      await button(lan.page, 'insertTable').focus();
      await lan.page.keyboard.press('Enter');
      // 3 × 3 with a header row, on both screens; the caret is in the first header cell.
      await expect.poll(() => tables(binh.page)).toEqual([[['#', '#', '#'], ['', '', ''], ['', '', '']]]);
      await lan.page.keyboard.type('Chỉ tiêu');
      await lan.page.keyboard.press('Tab');
      await lan.page.keyboard.type('Năm 2023');

      // Bình types in a body cell of the same table.
      await binh.page.locator('.ProseMirror table tr').nth(1).locator('td').nth(1).click();
      await binh.page.keyboard.type('05 đề tài');
      const expected = [[['#Chỉ tiêu', '#Năm 2023', '#'], ['', '05 đề tài', ''], ['', '', '']]];
      await expect.poll(() => tables(lan.page)).toEqual(expected);
      await expect.poll(() => tables(binh.page)).toEqual(expected);

      // The table's own buttons show while the caret is in it.
      await expect.poll(() => lan.page.getByTestId('toolbar-table').count()).toBe(1);
      await expect.poll(() => button(lan.page, 'insertTable').isDisabled()).toBe(true);
      await expect(button(lan.page, 'headerRow').getAttribute('aria-pressed')).resolves.toBe('true');

      // Lan's caret is in "Năm 2023": a row comes under its row, a column to its right.
      await button(lan.page, 'addRow').click();
      await button(lan.page, 'addColumn').click();
      await expect.poll(async () => shape(await tables(binh.page))).toEqual([[4, 4]]);
      await expect.poll(async () => (await tables(binh.page))[0]?.map((row) => row[2])).toEqual(['#', '', '', '']);
      const cell = (row: number, column: number) =>
        lan.page.locator('.ProseMirror table tr').nth(row).locator('th, td').nth(column);
      // Each deleted from a cell of its own: the new row, then the new column.
      await cell(1, 0).click();
      await button(lan.page, 'deleteRow').click();
      await cell(1, 2).click();
      await button(lan.page, 'deleteColumn').click();
      await expect.poll(async () => shape(await tables(binh.page))).toEqual([[3, 3]]);
      await expect.poll(() => tables(binh.page)).toEqual(expected);

      // Header row off and on again.
      await button(lan.page, 'headerRow').click();
      await expect.poll(async () => (await tables(binh.page))[0]?.[0]).toEqual(['Chỉ tiêu', 'Năm 2023', '']);
      await expect(button(lan.page, 'headerRow').getAttribute('aria-pressed')).resolves.toBe('false');
      await button(lan.page, 'headerRow').click();
      await expect.poll(() => tables(binh.page)).toEqual(expected);

      // The table is kept by the server as typed: the print view (after the exports' sanitising) shows it.
      await expect
        .poll(async () => {
          const html = await (await lan.page.request.get(`/api/documents/${documentId}/print`)).text();
          return /<th><p[^>]*>Năm 2023<\/p><\/th>[\s\S]*<td><p[^>]*>05 đề tài<\/p><\/td>/.test(html);
        })
        .toBe(true);

      // A column at a time up to the limit: then the button is disabled, saying why.
      for (let columns = 3; columns < MAX_TABLE_COLUMNS; columns++) await button(lan.page, 'addColumn').click();
      await expect.poll(async () => shape(await tables(binh.page))).toEqual([[3, MAX_TABLE_COLUMNS]]);
      await expect.poll(() => button(lan.page, 'addColumn').isDisabled()).toBe(true);
      await expect(button(lan.page, 'addColumn').getAttribute('title')).resolves.toBe(
        `Một bảng có tối đa ${MAX_TABLE_COLUMNS} cột`,
      );

      // A pasted table larger than a table may be is not taken; a small one is.
      const paste = (columns: number) =>
        lan.page.evaluate((n) => {
          const cells = Array.from({ length: n }, (_, i) => `<td>c${i}</td>`).join('');
          const data = new DataTransfer();
          data.setData('text/html', `<table><tr>${cells}</tr></table>`);
          document.querySelector('.ProseMirror')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
        }, columns);
      await caretInBody(lan.page, 0, 'end');
      // The editor has taken the caret out of the table (its buttons go) before anything is pasted: ProseMirror reads
      // a click's new selection on the browser's next selectionchange, and a paste dispatched before that would land
      // in the cell the caret was in, merging the pasted cells into that table.
      await expect.poll(() => lan.page.getByTestId('toolbar-table').count()).toBe(0);
      await paste(TABLE_COLUMNS_CAP + 1);
      await paste(2);
      await expect.poll(async () => shape(await tables(binh.page)).sort()).toEqual([[1, 2], [3, MAX_TABLE_COLUMNS]]);

      // Out of the tables their buttons go; deleting a table from inside it removes it for both.
      await caretInBody(lan.page, 0, 'end');
      await expect.poll(() => lan.page.getByTestId('toolbar-table').count()).toBe(0);
      for (let left = 2; left > 0; left--) {
        await lan.page.locator('.ProseMirror table td').first().click();
        await button(lan.page, 'deleteTable').click();
        await expect.poll(async () => (await tables(binh.page)).length).toBe(left - 1);
      }
      await expect.poll(() => tables(lan.page)).toEqual([]);
    },
    90_000,
  );
});
