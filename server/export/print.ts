/**
 * A document as one self-contained HTML page in the official layout, to print from the browser or save as PDF.
 * No external resources and no script beyond the print button's, so it can be saved and opened anywhere.
 */
import { createHash } from 'node:crypto';
import { documentBlocks } from './blocks.ts';
import { escapeHtml } from './escape.ts';
import { cleanText } from './inline.ts';
import { DRAFT_MARK, exportTitle } from './layout.ts';
import { PRINT_CSS, PRINT_DRAFT_CSS } from './print-css.ts';
import { htmlBlocks } from './print-blocks.ts';
import type { ExportInput } from './types.ts';

/** The print button's behaviour, as a script of its own: a hash can allow a `<script>`, never an `onclick`. */
const PRINT_SCRIPT = "document.getElementById('print').addEventListener('click', () => window.print());";

const sha256 = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * The page holds people's text: nothing on it may load or run except its own stylesheets and print button, each
 * allowed by its hash (all are constants), so even markup that slipped through escaping could do nothing.
 */
export const PRINT_CSP = [
  "default-src 'none'",
  `style-src ${sha256(PRINT_CSS)} ${sha256(PRINT_DRAFT_CSS)}`,
  `script-src ${sha256(PRINT_SCRIPT)}`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function printHtml(input: ExportInput): string {
  const title = escapeHtml(cleanText(exportTitle(input.title, input.draft)));
  // On screen in the sheet's top margin; on paper the first page's margin box (PRINT_DRAFT_CSS) shows it.
  const draft = input.draft ? `<div class="draft-mark">${DRAFT_MARK}</div>\n` : '';
  const draftCss = input.draft ? `\n<style>${PRINT_DRAFT_CSS}</style>` : '';
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${PRINT_CSS}</style>${draftCss}
</head>
<body>
<div class="toolbar"><button type="button" id="print">In / Print</button></div>
<main class="sheet">
${draft}${htmlBlocks(documentBlocks(input.content), 'body')}
</main>
<script>${PRINT_SCRIPT}</script>
</body>
</html>
`;
}
