/** The DOCX styles and list numbering of the official layout, so that Word's style pane shows what is what. */
import {
  AlignmentType,
  LevelFormat,
  LineRuleType,
  type ILevelsOptions,
  type INumberingOptions,
  type IStylesOptions,
  type NumberingDefinition,
} from 'docx';
import { FIRST_LINE_INDENT_CM, FONT, LANGUAGE, LINE_SPACING, SIZE_PT, SPACE_AFTER_PT, cmToTwip, ptToTwip } from './layout.ts';

/** The height of the paragraph that carries a rule (and of a spacer). */
export const RULE_LINE_PT = 2;

/** Paragraph style ids. */
export const STYLE = { body: 'Normal', compact: 'Compact', rule: 'RuleLine' } as const;

const halfPoints = (pt: number): number => pt * 2;
const black = '000000';
/** Word's line spacing unit: 240 is single. */
const multiple = (m: number): number => Math.round(240 * m);

function heading(level: 1 | 2 | 3) {
  return {
    run: { font: FONT, size: halfPoints(SIZE_PT.heading[level]), bold: true, color: black },
    paragraph: { spacing: { before: ptToTwip(SPACE_AFTER_PT), after: ptToTwip(SPACE_AFTER_PT) }, keepNext: true },
  };
}

export function documentStyles(): IStylesOptions {
  return {
    default: {
      document: {
        run: { font: FONT, size: halfPoints(SIZE_PT.body), language: { value: LANGUAGE } },
        paragraph: {
          spacing: { after: ptToTwip(SPACE_AFTER_PT), line: multiple(LINE_SPACING), lineRule: LineRuleType.AUTO },
        },
      },
      // docx's own heading styles are blue Calibri-sized; an official document has none of that.
      heading1: heading(1),
      heading2: heading(2),
      heading3: heading(3),
      // The editor's headings 4–6 export as 3, but Word's style pane should not offer blue ones either.
      heading4: heading(3),
      heading5: heading(3),
      heading6: heading(3),
    },
    paragraphStyles: [
      {
        id: STYLE.compact,
        name: 'Compact (columns, tables)',
        basedOn: STYLE.body,
        quickFormat: true,
        run: { size: halfPoints(SIZE_PT.compact) },
        paragraph: { spacing: { after: 0, line: multiple(1), lineRule: LineRuleType.AUTO } },
      },
      {
        // A paragraph that is only a bottom border (the rules under the issuing body, the motto and the title),
        // or only space (around the two-column blocks).
        id: STYLE.rule,
        name: 'Rule line',
        basedOn: STYLE.body,
        run: { size: 2 },
        paragraph: { spacing: { before: 0, after: 0, line: ptToTwip(RULE_LINE_PT), lineRule: LineRuleType.EXACT } },
      },
    ],
  };
}

/** Vietnamese documents list with "-" and "+", and number sub-points "a)", "b)". */
const BULLETS = ['-', '+', '•'] as const;
const ORDERED = [
  { format: LevelFormat.DECIMAL, text: (l: number) => `%${l + 1}.` },
  { format: LevelFormat.LOWER_LETTER, text: (l: number) => `%${l + 1})` },
  { format: LevelFormat.LOWER_ROMAN, text: (l: number) => `%${l + 1}.` },
] as const;

const HANGING = 360;

/** Where a list item's text starts: its number where a body paragraph's first line does, one step per level. */
export const listTextIndent = (level: number): number => cmToTwip(FIRST_LINE_INDENT_CM) * (level + 1) + HANGING;

const indent = (level: number) => ({ left: listTextIndent(level), hanging: HANGING });

function levels(ordered: boolean, start = 1): ILevelsOptions[] {
  return Array.from({ length: 9 }, (_, level) => {
    const style = { paragraph: { indent: indent(level) } };
    const alignment = AlignmentType.LEFT;
    if (!ordered) return { level, format: LevelFormat.BULLET, text: BULLETS[level % BULLETS.length], alignment, style };
    const kind = ORDERED[level % ORDERED.length] ?? ORDERED[0];
    return { level, format: kind.format, text: kind.text(level), start: level === 0 ? start : 1, alignment, style };
  });
}

export const LIST_REFERENCE = { bullet: 'quorum-bullet', ordered: 'quorum-ordered' } as const;

export function numberingConfig(): INumberingOptions {
  return {
    config: [
      { reference: LIST_REFERENCE.bullet, levels: levels(false) },
      { reference: LIST_REFERENCE.ordered, levels: levels(true) },
    ],
  };
}

/** An ordered list that does not start at 1 ("3. …" continuing after a paragraph) gets a definition of its own. */
export function orderedDefinition(start: number): string | NumberingDefinition {
  if (start === 1) return LIST_REFERENCE.ordered;
  return { reference: `${LIST_REFERENCE.ordered}-from-${start}`, levels: levels(true, start) };
}
