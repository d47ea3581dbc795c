/** One paragraph of the editor as DOCX paragraphs: its runs, alignment, indent, size, and the rule under it. */
import {
  AlignmentType,
  BorderStyle,
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  Paragraph,
  TextRun,
  UnderlineType,
  type NumberingDefinition,
  type ParagraphChild,
} from 'docx';
import { hasFirstLineIndent, isHeaderCapitals, type Align, type ParagraphBlock, type Place } from './blocks.ts';
import { STYLE } from './docx-styles.ts';
import type { Inline } from './inline.ts';
import { FIRST_LINE_INDENT_CM, SHORT_RULE_SHARE, SIZE_PT, SPACE_AFTER_PT, cmToTwip, ptToTwip } from './layout.ts';
import { longestLinePt, paragraphSizePt } from './measure.ts';

/** Where a paragraph is being written, and how much width it has there. */
export interface DocxPlace {
  place: Place;
  /** Columns and table cells: 13 pt, no space after. */
  compact: boolean;
  /** Available width in twips. */
  width: number;
  numbering?: { reference: string | NumberingDefinition; level: number; instance: number };
  /** Left indent in twips (list continuation paragraphs, quotes). */
  indentLeft?: number;
  /** A table's header cells, bold as the editor shows them. */
  strong?: boolean;
  /** Every line kept whole and with the next (the signature block). */
  keep?: boolean;
}

const ALIGNMENT = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
} as const;

const CODE_FONT = 'Courier New';
const RULE_BORDER = { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } as const;

/**
 * The comment edges written while a DOCX "with comments" is made (`docx-comments.ts` sets it for the time of one
 * synchronous build): which ranges were opened and closed, so that none is left open or unreferenced.
 */
export const commentEdges: { current: { started: Set<number>; ended: Set<number> } | null } = { current: null };

export function docxRuns(inlines: readonly Inline[], sizePt?: number, strong = false): ParagraphChild[] {
  return inlines.flatMap((inline): ParagraphChild[] => {
    if (inline.kind === 'break') return [new TextRun({ break: 1 })];
    const run = textRun(inline, sizePt, strong);
    const edges = commentEdges.current;
    if (!edges || (!inline.commentStarts && !inline.commentEnds)) return [run];
    const starts = (inline.commentStarts ?? []).filter((id) => !edges.started.has(id));
    const ends = (inline.commentEnds ?? []).filter((id) => !edges.ended.has(id));
    for (const id of starts) edges.started.add(id);
    // An end whose start was lost (a block written from its own words) is left to the closing paragraph.
    const closing = ends.filter((id) => edges.started.has(id));
    for (const id of closing) edges.ended.add(id);
    return [
      ...starts.map((id) => new CommentRangeStart(id)),
      run,
      ...closing.flatMap((id) => [new CommentRangeEnd(id), new TextRun({ children: [new CommentReference(id)] })]),
    ];
  });
}

function textRun(inline: Extract<Inline, { kind: 'text' }>, sizePt: number | undefined, strong: boolean): TextRun {
  const { italic, underline, strike, code } = inline.marks;
  return new TextRun({
    text: inline.text,
    ...(inline.marks.bold || strong ? { bold: true } : {}),
    ...(italic ? { italics: true } : {}),
    ...(underline ? { underline: { type: UnderlineType.SINGLE } } : {}),
    ...(strike ? { strike: true } : {}),
    ...(code ? { font: CODE_FONT } : {}),
    ...(sizePt ? { size: sizePt * 2 } : {}),
  });
}

/** A size the paragraph's style does not give it, set on its runs and its mark. */
function ownSize(p: ParagraphBlock, at: DocxPlace): number | undefined {
  return p.fontSize ?? (isHeaderCapitals(p, at.place) ? SIZE_PT.headerCapitals : undefined);
}

/** The longest line of the paragraph, in twips. */
const textLength = (p: ParagraphBlock, at: DocxPlace): number =>
  ptToTwip(longestLinePt(p, paragraphSizePt(p, at.place, at.compact), at.strong));

/** Left and right indents that leave a stroke of `length` twips where the paragraph's text stands. */
function strokeIndents(align: Align, width: number, length: number): { left: number; right: number } {
  const spare = Math.max(0, width - length);
  if (align === 'center') return { left: Math.round(spare / 2), right: Math.round(spare / 2) };
  if (align === 'right') return { left: spare, right: 0 };
  return { left: 0, right: spare };
}

/**
 * The rule as a paragraph of its own that is only a bottom border: the text above keeps the full width (an
 * estimate of its length can then never make "Độc lập - Tự do - Hạnh phúc" wrap), and the stroke is exactly
 * as long as the indents leave it.
 */
function ruleParagraph(p: ParagraphBlock, at: DocxPlace): Paragraph {
  const width = at.width - (at.indentLeft ?? 0);
  // A text longer than its line wraps: its longest line is then about the width it stands in.
  const line = Math.min(width, textLength(p, at));
  const length = p.rule === 'short' ? line * SHORT_RULE_SHARE : line;
  const { left, right } = strokeIndents(p.align, width, Math.min(width, length));
  return new Paragraph({
    style: STYLE.rule,
    indent: { left: left + (at.indentLeft ?? 0), right },
    ...(at.keep ? { keepNext: true } : {}),
    spacing: { after: ptToTwip(at.compact ? 4 : SPACE_AFTER_PT) },
    border: { bottom: RULE_BORDER },
  });
}

export function docxParagraph(p: ParagraphBlock, at: DocxPlace): Paragraph[] {
  const indent = {
    ...(hasFirstLineIndent(p, at.place) ? { firstLine: cmToTwip(FIRST_LINE_INDENT_CM) } : {}),
    ...(at.indentLeft ? { left: at.indentLeft } : {}),
  };
  const size = ownSize(p, at);
  const text = new Paragraph({
    style: p.heading ? `Heading${p.heading}` : at.compact ? STYLE.compact : STYLE.body,
    alignment: ALIGNMENT[p.align],
    children: docxRuns(p.inlines, size, at.strong),
    // The paragraph mark's size is what gives an empty paragraph (the room for a signature) its height.
    ...(size ? { run: { size: size * 2 } } : {}),
    ...(Object.keys(indent).length > 0 ? { indent } : {}),
    // "Nơi nhận:" and its lines (the sized paragraphs of the templates) are set close, as one list; a ruled
    // paragraph leaves its space after to the rule.
    ...(p.rule || p.fontSize ? { spacing: { after: 0 } } : {}),
    ...(p.rule || p.keepWithNext || at.keep ? { keepNext: true } : {}),
    ...(p.keepWithNext || at.keep ? { keepLines: true } : {}),
    ...(at.numbering ? { numbering: at.numbering } : {}),
  });
  return p.rule ? [text, ruleParagraph(p, at)] : [text];
}
