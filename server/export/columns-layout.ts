/**
 * How a two-column block is laid out, the same in both exports: the share of the text width each column gets,
 * and which lines share a row.
 *
 * A header's columns are sized from their text: the right one as wide as its longest line (the national title,
 * 12 pt bold, about 88 mm), the left one as wide as its own (the issuing body) and never under 40% of the width,
 * as far as the right one leaves room. An issuing body of the usual length then stays on one line; a longer one
 * wraps, centred, rather than push "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" onto two lines.
 */
import type { Block, ColumnsBlock } from './blocks.ts';
import { COLUMN_GAP_MM, COLUMN_SHARES, TEXT_WIDTH_MM, ptToMm } from './layout.ts';
import { longestLinePt, paragraphSizePt } from './measure.ts';

/** What a measured line may be short of its printed length (rounding, kerning), and the narrowest left column. */
const SLACK_MM = 1.5;
const MIN_LEFT_SHARE = 0.35;

/** The longest line of a column's paragraphs in millimetres, plus the gap to the other column and the slack. */
function need(column: readonly Block[]): number {
  let longest = 0;
  for (const b of column) {
    if (b.type === 'paragraph') longest = Math.max(longest, ptToMm(longestLinePt(b, paragraphSizePt(b, 'header', true))));
  }
  return longest + COLUMN_GAP_MM + SLACK_MM;
}

/** Each column's share of the text width. */
export function columnShares(block: ColumnsBlock, widthMm: number = TEXT_WIDTH_MM): number[] {
  const count = block.columns.length;
  if (count !== 2) return Array.from({ length: count }, () => 1 / count);
  if (block.kind !== 'header') return [...COLUMN_SHARES[block.kind]];
  const [left = [], right = []] = block.columns;
  const widest = Math.max(widthMm - need(right), MIN_LEFT_SHARE * widthMm);
  const leftMm = Math.min(Math.max(need(left), COLUMN_SHARES.header[0] * widthMm), widest);
  return [leftMm / widthMm, 1 - leftMm / widthMm];
}

/**
 * The block's rows of cells. A header's last lines, the number ("Số: …") and the place and date, share a row of
 * their own, so that they line up however many lines the issuing body and the parent body take above them.
 */
export function columnRows(block: ColumnsBlock): Block[][][] {
  const lastIsLine = (column: readonly Block[]) => column.length >= 2 && column.at(-1)?.type === 'paragraph';
  if (block.kind !== 'header' || block.columns.length !== 2 || !block.columns.every(lastIsLine)) return [block.columns];
  return [block.columns.map((c) => c.slice(0, -1)), block.columns.map((c) => c.slice(-1))];
}
