/**
 * How big a paragraph's text is, in either export: its size in points and the length of its longest line, from
 * Times New Roman's widths (text-width.ts). The column widths and the rules' lengths are decided from these, once
 * for both exports.
 */
import { isHeaderCapitals, type ParagraphBlock, type Place } from './blocks.ts';
import { SIZE_PT } from './layout.ts';
import { textWidthPt } from './text-width.ts';

/** The paragraph's size: its own, a heading's, the header's capitals, else 13 pt in columns and cells, 14 in the body. */
export function paragraphSizePt(p: ParagraphBlock, place: Place, compact: boolean): number {
  if (p.fontSize) return p.fontSize;
  if (p.heading) return SIZE_PT.heading[p.heading];
  if (isHeaderCapitals(p, place)) return SIZE_PT.headerCapitals;
  return compact ? SIZE_PT.compact : SIZE_PT.body;
}

/** The longest line between hard breaks, in points, unwrapped; `strong` sets it all bold (a table's header). */
export function longestLinePt(p: ParagraphBlock, sizePt: number, strong = false): number {
  const lines: { text: string; bold: boolean }[][] = [[]];
  for (const i of p.inlines) {
    if (i.kind === 'break') lines.push([]);
    else lines[lines.length - 1]?.push({ text: i.text, bold: i.marks.bold || strong });
  }
  return Math.max(...lines.map((line) => textWidthPt(line, sizePt)));
}
