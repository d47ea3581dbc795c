/** How a table of the editor is laid out, the same in both exports. */
import type { TableCellBlock } from './blocks.ts';

/**
 * Column widths as shares of the table's width: from the widths the editor's column resizing stores on each cell
 * (`colwidth`, in pixels, one per column it spans) where there are any, else equal.
 */
export function tableColumnShares(rows: readonly TableCellBlock[][]): number[] {
  const count = Math.max(1, ...rows.map((r) => r.reduce((n, c) => n + c.colspan, 0)));
  const known: (number | null)[] = Array.from({ length: count }, () => null);
  for (const row of rows) {
    let column = 0;
    for (const cell of row) {
      cell.colwidth?.forEach((w, i) => {
        if (column + i < count && known[column + i] === null) known[column + i] = w;
      });
      column += cell.colspan;
    }
  }
  const given = known.filter((w): w is number => w !== null);
  if (given.length === 0) return known.map(() => 1 / count);
  // A column the editor never resized is as wide as the resized ones on average.
  const fill = given.reduce((a, b) => a + b, 0) / given.length;
  const widths = known.map((w) => w ?? fill);
  const total = widths.reduce((a, b) => a + b, 0);
  return widths.map((w) => w / total);
}

/**
 * How many rows at the top are header cells only: both exports repeat them at the top of each page. A table of
 * nothing but header cells has no heading to repeat.
 */
export function headerRowCount(rows: readonly TableCellBlock[][]): number {
  const first = rows.findIndex((r) => !r.every((c) => c.header));
  return first === -1 ? 0 : first;
}
