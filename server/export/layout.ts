/**
 * The numbers of the official layout (Nghị định 30/2020/NĐ-CP, Phụ lục I) that the DOCX and the print view share,
 * so that the two exports cannot drift apart. Where the decree gives a range the value chosen is named here once.
 */
import type { ColumnsKind } from '../../shared/editor/extensions.ts';
import type { DocumentKind } from '../../shared/meeting.ts';
import { TYPE_NAMES } from '../../shared/templates/summary.ts';

export const PAGE_MM = { width: 210, height: 297 } as const;
/** Top and bottom 20–25, left 30–35, right 15–20: the smallest of each, as the editor's sheet shows them. */
export const MARGIN_MM = { top: 20, right: 15, bottom: 20, left: 30 } as const;
export const TEXT_WIDTH_MM = PAGE_MM.width - MARGIN_MM.left - MARGIN_MM.right;

export const FONT = 'Times New Roman';
export const LANGUAGE = 'vi-VN';

/** Point sizes. `compact` is the two-column blocks and table cells, where 14 pt would wrap every line. */
export const SIZE_PT = {
  body: 14,
  compact: 13,
  /** The header's lines in capitals. */
  headerCapitals: 12,
  draftMark: 12,
  code: 12,
  heading: { 1: 16, 2: 15, 3: 14 },
} as const;

export const FIRST_LINE_INDENT_CM = 1.27;
export const SPACE_AFTER_PT = 6;
/** A multiple of the font's own line height: Word's "Multiple 1.15"; the print view's CSS equivalent is 1.3. */
export const LINE_SPACING = 1.15;
export const CSS_LINE_HEIGHT = 1.3;

/**
 * Shares of the text width when nothing is measured: the signers are equal, and a header is at least 40/60
 * (its columns are sized from their text, see columns-width.ts).
 */
export const COLUMN_SHARES: Readonly<Record<ColumnsKind, readonly [number, number]>> = {
  header: [0.4, 0.6],
  signatures: [0.5, 0.5],
};
/** The space between the two columns' text, on each side of the line between them. */
export const COLUMN_GAP_MM = 2;

/**
 * The short rule under the issuing body and under the summary line: "from 1/3 to 1/2 of the line's length,
 * centred with it" (Phụ lục I). 0.4 of the measured line, so that an estimate a little off stays in the range.
 */
export const SHORT_RULE_SHARE = 0.4;

/** The page number: from page 2, centred in the top margin, 13 pt (Phụ lục I: 13–14 pt, none on page 1). */
export const PAGE_NUMBER_PT = 13;
/** Where the page number and the draft mark stand: this far from the top of the sheet, inside the top margin. */
export const HEADER_FROM_TOP_MM = 10;

/** Room between a signer's title and name for the handwritten signature and the seal. */
export const SIGNING_ROOM_MM = 28;

export const DRAFT_MARK = 'DỰ THẢO';
/** The draft mark's box: the padding around the words, and the line of its border, in points. */
export const DRAFT_BOX_PT = { paddingX: 3, paddingY: 1, border: 1 } as const;

/** Twips are 1/1440 inch; rounded, not floored (docx's own helper floors 20 mm to 1133). */
export const mmToTwip = (mm: number): number => Math.round((mm * 1440) / 25.4);
export const ptToMm = (pt: number): number => (pt * 25.4) / 72;
export const mmToPt = (mm: number): number => (mm * 72) / 25.4;
export const cmToTwip = (cm: number): number => mmToTwip(cm * 10);
export const ptToTwip = (pt: number): number => Math.round(pt * 20);

/** The title a reader sees in the file's properties or the browser's tab: a draft says so there too. */
export const exportTitle = (title: string, draft: boolean): string => {
  const base = title.trim() === '' ? 'Văn bản' : title.trim();
  return draft ? `${base} (${DRAFT_MARK})` : base;
};

export const kindName = (kind: DocumentKind): string => (kind === 'blank' ? 'Văn bản' : TYPE_NAMES[kind]);
