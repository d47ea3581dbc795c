/**
 * The print view's stylesheet. On screen: a white A4 sheet on grey, with the page margins as padding, so that
 * lines break where they will on paper. In print: the sheet's box goes and `@page` sets the margins.
 */
import {
  COLUMN_GAP_MM,
  CSS_LINE_HEIGHT,
  DRAFT_BOX_PT,
  DRAFT_MARK,
  FIRST_LINE_INDENT_CM,
  FONT,
  HEADER_FROM_TOP_MM,
  MARGIN_MM,
  PAGE_MM,
  PAGE_NUMBER_PT,
  SHORT_RULE_SHARE,
  SIGNING_ROOM_MM,
  SIZE_PT,
  SPACE_AFTER_PT,
} from './layout.ts';
import { textWidthPt } from './text-width.ts';

const M = MARGIN_MM;
const pct = (share: number) => `${(share * 100).toFixed(2)}%`;
const margins = `${M.top}mm ${M.right}mm ${M.bottom}mm ${M.left}mm`;
const fonts = `'${FONT}', Tinos, 'Liberation Serif', serif`;
/** Grey left either side of the sheet when a narrow screen scales it to fit. */
const SCREEN_GUTTER_PX = 6;

/**
 * Ordered lists number "1.", "a)", "i." by depth, and bullets are "-", "+", "•", as the DOCX's numbering
 * (docx-styles.ts): a list's level is its depth among all lists, of either kind.
 */
const ORDERED = ['decimal', 'point-paren', 'lower-roman'];
const BULLETS = ["'- '", "'+ '", "'• '"];
const listLevels = Array.from({ length: 6 }, (_, depth) => {
  const within = ':is(ul, ol) '.repeat(depth);
  return [
    `${within}ol { list-style-type: ${ORDERED[depth % 3]}; }`,
    `${within}ul { list-style-type: ${BULLETS[depth % 3]}; }`,
  ].join('\n');
}).join('\n');

/** The draft mark's box, sized from the words: a margin box is as wide as it is told, not as its text. */
const draftBox = {
  width: textWidthPt([{ text: DRAFT_MARK, bold: true }], SIZE_PT.draftMark) + 2 * (DRAFT_BOX_PT.paddingX + DRAFT_BOX_PT.border) + 1,
  height: SIZE_PT.draftMark * 1.15 + 2 * (DRAFT_BOX_PT.paddingY + DRAFT_BOX_PT.border),
};
const draftBoxCss = `font: bold ${SIZE_PT.draftMark}pt/1.15 ${fonts}; border: ${DRAFT_BOX_PT.border}pt solid #000;
    padding: ${DRAFT_BOX_PT.paddingY}pt ${DRAFT_BOX_PT.paddingX}pt; box-sizing: border-box; white-space: nowrap;
    width: ${draftBox.width.toFixed(1)}pt; height: ${draftBox.height.toFixed(1)}pt; text-align: center;`;

/**
 * Page 1 of a draft on paper: "DỰ THẢO" in the top right margin box of the first page, where the DOCX puts it
 * in its first page's header, so it neither pushes the document's header down nor repeats on later pages. Its
 * own stylesheet (allowed by its own hash), only in a draft's page.
 */
export const PRINT_DRAFT_CSS = `
@page :first {
  @top-right {
    content: '${DRAFT_MARK}'; ${draftBoxCss}
    margin: ${HEADER_FROM_TOP_MM}mm 0 auto auto; vertical-align: middle;
  }
}
`;

export const PRINT_CSS = `
@page {
  size: A4; margin: ${margins};
  @top-center {
    content: counter(page); font: ${PAGE_NUMBER_PT}pt/1 ${fonts};
    vertical-align: top; padding-top: ${HEADER_FROM_TOP_MM}mm;
  }
}
/*
 * Page 1 has no number. Its top-centre box is kept, empty, as is a bottom one on every page: Chromium prints its
 * own date, title, address and page lines along any edge of the page that has no margin box.
 */
@page :first { @top-center { content: ''; } }
@page { @bottom-center { content: ''; } }
@counter-style point-paren { system: extends lower-alpha; suffix: ') '; }
* { box-sizing: border-box; }
html { background: #d4d4d4; }
body {
  margin: 0; color: #000;
  font-family: ${fonts}; font-size: ${SIZE_PT.body}pt; line-height: ${CSS_LINE_HEIGHT};
}
.toolbar {
  position: sticky; top: 0; z-index: 1; display: flex; justify-content: flex-end; padding: 8px 16px; background: #3c3c3c;
}
.toolbar button { font: 14px system-ui, sans-serif; padding: 6px 18px; cursor: pointer; }
.sheet {
  position: relative; width: ${PAGE_MM.width}mm; min-height: ${PAGE_MM.height}mm; margin: 16px auto 32px;
  padding: ${margins}; background: #fff; box-shadow: 0 1px 6px rgba(0, 0, 0, 0.35);
}
.draft-mark {
  position: absolute; top: ${HEADER_FROM_TOP_MM}mm; right: ${M.right}mm;
  ${draftBoxCss}
}
p, h1, h2, h3 { margin: 0 0 ${SPACE_AFTER_PT}pt; orphans: 2; widows: 2; white-space: pre-wrap; }
h1, h2, h3 { font-weight: bold; break-after: avoid; }
h1 { font-size: ${SIZE_PT.heading[1]}pt; }
h2 { font-size: ${SIZE_PT.heading[2]}pt; }
h3 { font-size: ${SIZE_PT.heading[3]}pt; }
.a-left { text-align: left; }
.a-center { text-align: center; }
.a-right { text-align: right; }
/* A line ended by a hard break (<br>) is set flush left, not stretched: text-align-last (auto) rules it. */
.a-justify { text-align: justify; }
.indent { text-indent: ${FIRST_LINE_INDENT_CM}cm; }
.fs-11, .fs-12, .fs-13 { margin-bottom: 0; }
.fs-11 { font-size: 11pt; }
.fs-12 { font-size: 12pt; }
.fs-13 { font-size: 13pt; }
.rule-box { display: inline-block; max-width: 100%; text-indent: 0; }
.rule-text { padding-bottom: 2pt; border-bottom: 1px solid #000; }
.rule-short::after {
  content: ''; display: block; width: ${pct(SHORT_RULE_SHARE)}; margin: 3pt auto 0; border-top: 1px solid #000;
}
.a-left .rule-short::after, .a-justify .rule-short::after { margin-left: 0; }
.a-right .rule-short::after { margin-right: 0; }
.keep-next { break-after: avoid; break-inside: avoid; }
.columns { width: 100%; margin: 0 0 12pt; border-collapse: collapse; table-layout: fixed; break-inside: avoid; }
.columns td { padding: 0; vertical-align: top; font-size: ${SIZE_PT.compact}pt; line-height: 1.15; }
.columns td + td { padding-left: ${COLUMN_GAP_MM}mm; }
.columns td:not(:last-child) { padding-right: ${COLUMN_GAP_MM}mm; }
.columns p { margin: 0; }
.columns p.ruled { margin-bottom: 4pt; }
.columns-header .caps { font-size: ${SIZE_PT.headerCapitals}pt; }
.columns-signatures { margin-top: 12pt; break-before: avoid; }
.signing-room { min-height: ${SIGNING_ROOM_MM}mm; }
ul, ol { margin: 0 0 ${SPACE_AFTER_PT}pt; padding-left: ${FIRST_LINE_INDENT_CM + 0.64}cm; }
${listLevels}
li > p { margin-bottom: ${SPACE_AFTER_PT / 2}pt; }
.columns ul, .columns ol { margin: 0; }
.grid { width: 100%; margin: 0 0 ${SPACE_AFTER_PT}pt; border-collapse: collapse; table-layout: fixed; }
.grid tr { break-inside: avoid; }
.grid th, .grid td {
  padding: 2pt 5pt; border: 1px solid #000; vertical-align: top; font-size: ${SIZE_PT.compact}pt; line-height: 1.15;
}
.grid p { margin: 0; }
blockquote { margin: 0 0 ${SPACE_AFTER_PT}pt 10mm; }
pre, code { font-family: 'Courier New', monospace; font-size: ${SIZE_PT.code}pt; }
pre { margin: 0 0 ${SPACE_AFTER_PT}pt; white-space: pre-wrap; }
hr { margin: ${SPACE_AFTER_PT}pt 0; border: 0; border-top: 1px solid #000; }
/*
 * A screen narrower than the sheet (a phone) sees the whole sheet at its width, lines breaking where they do on
 * paper, instead of a part of it to scroll sideways: \`zoom\` by the width over the sheet's, written
 * tan(atan2(width, ${PAGE_MM.width}mm)) because CSS does not divide a length by a length. The width is the body's (\`cqw\`),
 * which leaves out a scrollbar where there is one; \`vw\` is the fallback. On paper none of this applies.
 */
@media screen and (max-width: ${PAGE_MM.width + 10}mm) {
  body { container-type: inline-size; }
  .sheet {
    margin: ${SCREEN_GUTTER_PX}px auto;
    zoom: min(1, tan(atan2(100vw - ${2 * SCREEN_GUTTER_PX}px, ${PAGE_MM.width}mm)));
    zoom: min(1, tan(atan2(100cqw - ${2 * SCREEN_GUTTER_PX}px, ${PAGE_MM.width}mm)));
  }
}
@media print {
  html, body { background: none; }
  .toolbar { display: none; }
  /* On paper the first page's margin box carries the mark (PRINT_DRAFT_CSS). */
  .draft-mark { display: none; }
  .sheet { width: auto; min-height: 0; margin: 0; padding: 0; box-shadow: none; }
}
`;
