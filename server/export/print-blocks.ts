/** Blocks as the print view's HTML; the class names are the ones print-css.ts lays out. */
import { hasFirstLineIndent, isHeaderCapitals, type Block, type ParagraphBlock, type Place, type TableCellBlock } from './blocks.ts';
import { escapeHtml } from './escape.ts';
import type { Inline } from './inline.ts';

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
  if (p.rule) classes.push('ruled', `rule-${p.rule}`);
  let content = htmlInlines(p.inlines);
  // A <br> gives an empty paragraph a line's height, as the blank lines for a signature need.
  if (p.inlines.length === 0) content = '<br>';
  // A rule as long as the text: an inline box that is exactly the text's width carries it.
  else if (p.rule === 'text') content = `<span class="rule-text">${content}</span>`;
  const tag = p.heading ? `h${p.heading}` : 'p';
  return `<${tag} class="${classes.join(' ')}">${content}</${tag}>`;
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
        case 'columns': {
          const cells = block.columns.map((column) => `<td>${htmlBlocks(column, block.kind)}</td>`).join('');
          return `<table class="columns columns-${block.kind}" role="presentation"><tr>${cells}</tr></table>`;
        }
        case 'table': {
          const rows = block.rows.filter((r) => r.length > 0).map((r) => `<tr>${r.map(htmlCell).join('')}</tr>`);
          return `<table class="grid">${rows.join('')}</table>`;
        }
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
