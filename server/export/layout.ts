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

/** Shares of the text width: the issuing body is narrower than the national motto; the signers are equal. */
export const COLUMN_SHARES: Readonly<Record<ColumnsKind, readonly [number, number]>> = {
  header: [0.4, 0.6],
  signatures: [0.5, 0.5],
};

/** The short rule under the issuing body and the title: a third of the width it is centred in. */
export const SHORT_RULE_SHARE = 1 / 3;

export const DRAFT_MARK = 'DỰ THẢO';

/** Twips are 1/1440 inch; rounded, not floored (docx's own helper floors 20 mm to 1133). */
export const mmToTwip = (mm: number): number => Math.round((mm * 1440) / 25.4);
export const cmToTwip = (cm: number): number => mmToTwip(cm * 10);
export const ptToTwip = (pt: number): number => Math.round(pt * 20);

/** The title a reader sees in the file's properties or the browser's tab: a draft says so there too. */
export const exportTitle = (title: string, draft: boolean): string => {
  const base = title.trim() === '' ? 'Văn bản' : title.trim();
  return draft ? `${base} (${DRAFT_MARK})` : base;
};

export const kindName = (kind: DocumentKind): string => (kind === 'blank' ? 'Văn bản' : TYPE_NAMES[kind]);
