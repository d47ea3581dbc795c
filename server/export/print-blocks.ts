/** Blocks as the print view's HTML; the class names are the ones print-css.ts lays out. */
import {
  hasFirstLineIndent,
  isHeaderCapitals,
  type Block,
  type ColumnsBlock,
  type ParagraphBlock,
  type Place,
  type TableCellBlock,
} from './blocks.ts';
import { columnRows, columnShares } from './columns-layout.ts';
import { escapeHtml } from './escape.ts';
import type { Inline } from './inline.ts';
import { headerRowCount, tableColumnShares } from './table-layout.ts';

function htmlInline(inline: Inline): string {
  if (inline.kind === 'break') return '<br>';
  const { bold, italic, underline, strike, code } = inline.marks;
  let html = escapeHtml(inline.text);
  if (code) html = `<code>${html}</code>`;
  if (strike) html = `<s>${html}</s>`;
  if (underline) html = `<u>${html}</u>`;
  if (italic) html = `<em>${html}</em>`;
  if (bold) html = `<strong>${html}</strong>`;
  return html;
}

export const htmlInlines = (inlines: readonly Inline[]): string => inlines.map(htmlInline).join('');

function htmlParagraph(p: ParagraphBlock, place: Place): string {
  const classes = [`a-${p.align}`];
  if (hasFirstLineIndent(p, place)) classes.push('indent');
  if (isHeaderCapitals(p, place)) classes.push('caps');
  if (p.fontSize) classes.push(`fs-${p.fontSize}`);
  if (p.rule) classes.push('ruled');
  if (p.keepWithNext) classes.push('keep-next');
  let content = htmlInlines(p.inlines);
  // A <br> gives an empty paragraph a line's height, as the blank lines for a signature need.
  if (p.inlines.length === 0) content = '<br>';
  // A rule measured on the text: an inline box exactly as wide as the text (or its column, when it wraps)
  // carries it, as long as the text or a share of it.
  else if (p.rule) content = `<span class="rule-box rule-${p.rule}">${content}</span>`;
  const tag = p.heading ? `h${p.heading}` : 'p';
  return `<${tag} class="${classes.join(' ')}">${content}</${tag}>`;
}

/**
 * Column widths as the `width` attribute of `<col>`: a presentational hint, not a style, so the page's
 * Content-Security-Policy (no inline styles) lets it through.
 */
const colgroup = (shares: readonly number[]): string =>
  `<colgroup>${shares.map((s) => `<col width="${(s * 100).toFixed(2)}%">`).join('')}</colgroup>`;

function htmlColumns(block: ColumnsBlock): string {
  const rows = columnRows(block).map(
    (cells) => `<tr>${cells.map((column) => `<td>${htmlBlocks(column, block.kind)}</td>`).join('')}</tr>`,
  );
  return `<table class="columns columns-${block.kind}" role="presentation">${colgroup(columnShares(block))}${rows.join('')}</table>`;
}

function htmlTable(allRows: TableCellBlock[][]): string {
  const rows = allRows.filter((r) => r.length > 0);
  const heading = headerRowCount(rows);
  const tr = (cells: TableCellBlock[]) => `<tr>${cells.map(htmlCell).join('')}</tr>`;
  // A <thead> is what the browser repeats at the top of each printed page.
  const head = heading > 0 ? `<thead>${rows.slice(0, heading).map(tr).join('')}</thead>` : '';
  const body = `<tbody>${rows.slice(heading).map(tr).join('')}</tbody>`;
  return `<table class="grid">${colgroup(tableColumnShares(rows))}${head}${body}</table>`;
}

function htmlCell(cell: TableCellBlock): string {
  const tag = cell.header ? 'th' : 'td';
  const span = cell.colspan > 1 ? ` colspan="${cell.colspan}"` : '';
  return `<${tag}${span}>${htmlBlocks(cell.blocks, 'cell')}</${tag}>`;
}

export function htmlBlocks(blocks: readonly Block[], place: Place): string {
  return blocks
    .map((block) => {
      switch (block.type) {
        case 'paragraph':
          return htmlParagraph(block, place);
        case 'list': {
          const items = block.items.map((item) => `<li>${htmlBlocks(item, 'list')}</li>`).join('');
          if (!block.ordered) return `<ul>${items}</ul>`;
          return `<ol${block.start !== 1 ? ` start="${block.start}"` : ''}>${items}</ol>`;
        }
        case 'columns':
          return htmlColumns(block);
        case 'signingRoom':
          return `<div class="signing-room">${htmlBlocks(block.lines, place)}</div>`;
        case 'table':
          return htmlTable(block.rows);
        case 'quote':
          return `<blockquote>${htmlBlocks(block.blocks, 'quote')}</blockquote>`;
        case 'code':
          return `<pre>${block.inlines.map((i) => (i.kind === 'text' ? escapeHtml(i.text) : '\n')).join('')}</pre>`;
        case 'horizontalRule':
          return '<hr>';
      }
    })
    .join('\n');
}
