/**
 * A PDF's text page by page, from poppler's `pdftotext` (poppler-utils), for the layout checks on real PDFs
 * (Chromium's print, LibreOffice's conversion of the DOCX). Without it those checks are skipped with a message
 * saying how to enable them, except under CI=true, where skipping would hide a regression.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

export const PDFTOTEXT = process.env.PDFTOTEXT_PATH ?? '/usr/bin/pdftotext';
export const pdftotextFound = fs.existsSync(PDFTOTEXT);
export const PDFTOTEXT_HOW = 'install poppler-utils (`apt-get install -y poppler-utils`), or set PDFTOTEXT_PATH';

if (!pdftotextFound && process.env.CI === 'true') {
  throw new Error(`PDF layout checks: no pdftotext at ${PDFTOTEXT} and CI=true; ${PDFTOTEXT_HOW}.`);
}

/** Each page's text, laid out as on the page (`-layout`): pdftotext ends every page with a form feed. */
export function pdfPages(file: string): string[] {
  const text = execFileSync(PDFTOTEXT, ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  return text.split('\f').slice(0, -1);
}

/** A page's lines with text, trimmed. */
export const linesOf = (page: string): string[] =>
  page
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');

/**
 * The last page holding `text` (its index), or -1: a signer's name may stand in the text too, the signature
 * block comes last. Words are matched with any run of spaces between them.
 */
export function pageWith(pages: readonly string[], text: string): number {
  const pattern = new RegExp(text.trim().split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+'));
  return pages.findLastIndex((p) => pattern.test(p));
}
