/**
 * The print view's stylesheet. On screen: a white A4 sheet on grey, with the page margins as padding, so that
 * lines break where they will on paper. In print: the sheet's box goes and `@page` sets the margins.
 */
import {
  COLUMN_SHARES,
  CSS_LINE_HEIGHT,
  FIRST_LINE_INDENT_CM,
  FONT,
  MARGIN_MM,
  PAGE_MM,
  SHORT_RULE_SHARE,
  SIZE_PT,
  SPACE_AFTER_PT,
} from './layout.ts';

const M = MARGIN_MM;
const pct = (share: number) => `${(share * 100).toFixed(2)}%`;
const margins = `${M.top}mm ${M.right}mm ${M.bottom}mm ${M.left}mm`;

export const PRINT_CSS = `
@page { size: A4; margin: ${margins}; }
* { box-sizing: border-box; }
html { background: #d4d4d4; }
body {
  margin: 0; color: #000;
  font-family: '${FONT}', Tinos, 'Liberation Serif', serif; font-size: ${SIZE_PT.body}pt; line-height: ${CSS_LINE_HEIGHT};
}
.toolbar {
  position: sticky; top: 0; z-index: 1; display: flex; justify-content: flex-end; padding: 8px 16px; background: #3c3c3c;
}
.toolbar button { font: 14px system-ui, sans-serif; padding: 6px 18px; cursor: pointer; }
.sheet {
  width: ${PAGE_MM.width}mm; min-height: ${PAGE_MM.height}mm; margin: 16px auto 32px;
  padding: ${margins}; background: #fff; box-shadow: 0 1px 6px rgba(0, 0, 0, 0.35);
}
.draft-mark { margin: 0 0 ${SPACE_AFTER_PT}pt; text-align: right; }
.draft-mark span {
  display: inline-block; padding: 1pt 6pt; border: 1pt solid #000;
  font-size: ${SIZE_PT.draftMark}pt; font-weight: bold; line-height: 1.2;
}
p, h1, h2, h3 { margin: 0 0 ${SPACE_AFTER_PT}pt; orphans: 2; widows: 2; white-space: pre-wrap; }
h1, h2, h3 { font-weight: bold; break-after: avoid; }
h1 { font-size: ${SIZE_PT.heading[1]}pt; }
h2 { font-size: ${SIZE_PT.heading[2]}pt; }
h3 { font-size: ${SIZE_PT.heading[3]}pt; }
.a-left { text-align: left; }
.a-center { text-align: center; }
.a-right { text-align: right; }
.a-justify { text-align: justify; }
.indent { text-indent: ${FIRST_LINE_INDENT_CM}cm; }
.fs-11, .fs-12, .fs-13 { margin-bottom: 0; }
.fs-11 { font-size: 11pt; }
.fs-12 { font-size: 12pt; }
.fs-13 { font-size: 13pt; }
.rule-short::after {
  content: ''; display: block; width: ${pct(SHORT_RULE_SHARE)}; margin: 3pt auto 0; border-top: 1px solid #000;
}
.a-left.rule-short::after, .a-justify.rule-short::after { margin-left: 0; }
.a-right.rule-short::after { margin-right: 0; }
.rule-text { display: inline-block; padding-bottom: 2pt; border-bottom: 1px solid #000; }
.columns { width: 100%; margin: 0 0 12pt; border-collapse: collapse; table-layout: fixed; break-inside: avoid; }
.columns td { padding: 0; vertical-align: top; font-size: ${SIZE_PT.compact}pt; line-height: 1.15; }
.columns td + td { padding-left: 2mm; }
.columns td:not(:last-child) { padding-right: 2mm; }
.columns p { margin: 0; }
.columns p.ruled { margin-bottom: 4pt; }
.columns-header td:first-child { width: ${pct(COLUMN_SHARES.header[0])}; }
.columns-header .caps { font-size: ${SIZE_PT.headerCapitals}pt; }
.columns-signatures { margin-top: 12pt; }
.columns-signatures td:first-child { width: ${pct(COLUMN_SHARES.signatures[0])}; }
ul, ol { margin: 0 0 ${SPACE_AFTER_PT}pt; padding-left: ${FIRST_LINE_INDENT_CM + 0.64}cm; }
ul { list-style-type: '- '; }
ul ul { list-style-type: '+ '; }
ul ul ul { list-style-type: '• '; }
ol ol { list-style-type: lower-alpha; }
li > p { margin-bottom: ${SPACE_AFTER_PT / 2}pt; }
.columns ul, .columns ol { margin: 0; }
.grid { width: 100%; margin: 0 0 ${SPACE_AFTER_PT}pt; border-collapse: collapse; }
.grid th, .grid td {
  padding: 2pt 5pt; border: 1px solid #000; vertical-align: top; font-size: ${SIZE_PT.compact}pt; line-height: 1.15;
}
.grid p { margin: 0; }
blockquote { margin: 0 0 ${SPACE_AFTER_PT}pt 10mm; }
pre, code { font-family: 'Courier New', monospace; font-size: ${SIZE_PT.code}pt; }
pre { margin: 0 0 ${SPACE_AFTER_PT}pt; white-space: pre-wrap; }
hr { margin: ${SPACE_AFTER_PT}pt 0; border: 0; border-top: 1px solid #000; }
@media screen and (max-width: ${PAGE_MM.width + 10}mm) { .sheet { margin: 0 auto; } }
@media print {
  html, body { background: none; }
  .toolbar { display: none; }
  .sheet { width: auto; min-height: 0; margin: 0; padding: 0; box-shadow: none; }
}
`;
