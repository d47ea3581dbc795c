/**
 * A document as one self-contained HTML page in the official layout, to print from the browser or save as PDF.
 * No external resources and no script beyond the print button, so it can be saved and opened anywhere.
 */
import { documentBlocks } from './blocks.ts';
import { escapeHtml } from './escape.ts';
import { cleanText } from './inline.ts';
import { DRAFT_MARK, exportTitle } from './layout.ts';
import { PRINT_CSS } from './print-css.ts';
import { htmlBlocks } from './print-blocks.ts';
import type { ExportInput } from './types.ts';

export function printHtml(input: ExportInput): string {
  const title = escapeHtml(cleanText(exportTitle(input.title, input.draft)));
  // In the flow rather than in the page margin: the one place a browser reliably prints it, on the first page.
  const draft = input.draft ? `<div class="draft-mark"><span>${DRAFT_MARK}</span></div>\n` : '';
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${PRINT_CSS}</style>
</head>
<body>
<div class="toolbar"><button type="button" onclick="window.print()">In / Print</button></div>
<main class="sheet">
${draft}${htmlBlocks(documentBlocks(input.content), 'body')}
</main>
</body>
</html>
`;
}
