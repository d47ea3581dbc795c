/**
 * The editor's JSON as the blocks a page is made of. Both exports render these, so that what counts as a body
 * paragraph, an article or a rule is decided once. Unknown nodes keep their text rather than vanish: an export
 * that silently drops a sentence of a resolution is worse than one that prints it plainly.
 */
import type { JSONContent } from '@tiptap/core';
import {
  ALIGNMENTS,
  colspanOf,
  colwidthOf,
  columnsKindOf,
  fontSizeOf,
  listStartOf,
  oneOf,
  ruleOf,
  sanitiseContent,
  textOf,
  type Alignment,
  type ColumnsKind,
  type FontSize,
  type Rule,
} from '../../shared/editor/allowed.ts';
import { SUGGESTABLE_NODE, SUGGESTED_PARAGRAPH, suggestionAttrsOf } from '../../shared/editor/suggestion-attrs.ts';
import { VOTE_RESULT_NODE } from '../../shared/editor/vote-result.ts';
import { BLANK } from '../../shared/templates/types.ts';
import { COMMENT_EDGE_MARK, boldArticlePrefix, inlinesOf, textRuns, type Inline } from './inline.ts';
import { keepBeforeSignatures, signingRoom } from './keep-together.ts';

export type Align = Alignment;

export interface ParagraphBlock {
  type: 'paragraph';
  heading: 1 | 2 | 3 | null;
  align: Align;
  rule: Rule | null;
  fontSize: FontSize | null;
  inlines: Inline[];
  /** Kept whole and on the page of what follows it (the line before the signatures). */
  keepWithNext: boolean;
}

export interface ListBlock {
  type: 'list';
  ordered: boolean;
  start: number;
  items: Block[][];
}

export interface ColumnsBlock {
  type: 'columns';
  kind: ColumnsKind;
  columns: Block[][];
}

export interface TableCellBlock {
  header: boolean;
  colspan: number;
  /** The editor's column widths in pixels, one per column spanned, when the columns were resized. */
  colwidth: number[] | null;
  blocks: Block[];
}

/** The empty lines between a signer's title and name: the room to sign and seal. */
export interface SigningRoomBlock {
  type: 'signingRoom';
  lines: ParagraphBlock[];
}

export type Block =
  | ParagraphBlock
  | ListBlock
  | ColumnsBlock
  | SigningRoomBlock
  | { type: 'table'; rows: TableCellBlock[][] }
  | { type: 'quote'; blocks: Block[] }
  | { type: 'code'; inlines: Inline[] }
  | { type: 'horizontalRule' };

/** Where a paragraph stands: only body text gets the first-line indent and the body size. */
export type Place = 'body' | ColumnsKind | 'list' | 'cell' | 'quote';

function paragraph(node: JSONContent, inlines: Inline[], heading: ParagraphBlock['heading'] = null): ParagraphBlock {
  const attrs = node.attrs ?? {};
  return {
    type: 'paragraph',
    heading,
    // The editor's stylesheet justifies a paragraph without an alignment of its own; a heading starts flush left.
    align: oneOf(ALIGNMENTS, attrs.textAlign) ?? (heading ? 'left' : 'justify'),
    rule: ruleOf(attrs.rule),
    fontSize: fontSizeOf(attrs.fontSize),
    inlines,
    keepWithNext: false,
  };
}

function tableRows(node: JSONContent): TableCellBlock[][] {
  return (node.content ?? []).map((row) =>
    (row.content ?? []).map((cell) => ({
      header: cell.type === 'tableHeader',
      colspan: colspanOf(cell.attrs?.colspan),
      colwidth: colwidthOf(cell.attrs?.colwidth, colspanOf(cell.attrs?.colspan)),
      blocks: toBlocks(cell.content),
    })),
  );
}

function toBlock(node: JSONContent): Block[] {
  switch (node.type) {
    case 'paragraph':
      return [paragraph(node, boldArticlePrefix(inlinesOf(node.content)))];
    case 'heading': {
      const level = oneOf([1, 2, 3] as const, node.attrs?.level) ?? 3;
      return [paragraph(node, inlinesOf(node.content), level)];
    }
    case VOTE_RESULT_NODE: {
      // Until the vote closes the block has no text; the drafters' blank shows where the result will go.
      const text = textOf(node.attrs?.text).trim() !== '' ? textOf(node.attrs?.text) : BLANK;
      return [paragraph({}, textRuns(text))];
    }
    case 'bulletList':
    case 'orderedList':
      return [
        {
          type: 'list',
          ordered: node.type === 'orderedList',
          start: listStartOf(node.attrs?.start),
          items: (node.content ?? []).map((item) => toBlocks(item.content)),
        },
      ];
    case 'columns': {
      const kind = columnsKindOf(node.attrs?.kind);
      const columns = (node.content ?? []).map((column) => toBlocks(column.content));
      // The schema requires two columns; a block with none (a damaged document) would make an empty Word table.
      if (columns.length === 0) return [];
      return [{ type: 'columns', kind, columns: kind === 'signatures' ? columns.map(signingRoom) : columns }];
    }
    case 'table':
      return [{ type: 'table', rows: tableRows(node) }];
    case 'blockquote':
      return [{ type: 'quote', blocks: toBlocks(node.content) }];
    case 'codeBlock':
      return [{ type: 'code', inlines: inlinesOf(node.content) }];
    case 'horizontalRule':
      return [{ type: 'horizontalRule' }];
    default: {
      if (node.content?.some((c) => c.type === 'text' || c.type === 'hardBreak')) {
        return [paragraph({}, inlinesOf(node.content))];
      }
      return toBlocks(node.content);
    }
  }
}

export function toBlocks(content: readonly JSONContent[] | undefined): Block[] {
  return (content ?? []).flatMap(toBlock);
}

/**
 * The lines of the header in capitals (parent body, issuing body, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") are set a
 * size smaller than its other lines (Phụ lục I: 12–13 pt against 13–14 pt), which keeps the nation on one line.
 */
export function isHeaderCapitals(p: ParagraphBlock, place: Place): boolean {
  if (place !== 'header' || p.fontSize) return false;
  const text = p.inlines.map((i) => (i.kind === 'text' ? i.text : '')).join('');
  return /\p{L}/u.test(text) && text === text.toLocaleUpperCase('vi');
}

/** Only justified body text is indented: not centred titles, not the columns, lists or table cells. */
export const hasFirstLineIndent = (p: ParagraphBlock, place: Place): boolean =>
  place === 'body' && p.heading === null && p.align === 'justify';

/**
 * The document node's blocks; a lone block given instead of a document is taken as its only content. Both
 * exports start here, so this is where the JSON is held to the schema's allowed values: whatever a writer put
 * into an attribute, the DOCX and the print view see only what the editor would render.
 */
/**
 * The sanitised content with the comment edges of the DOCX "with comments" put back on its text: sanitising keeps
 * every node in place (it maps content one to one) and drops the attributes of marks it does not know.
 */
function withCommentEdges(clean: JSONContent, original: JSONContent): JSONContent {
  const edge = original.marks?.find((m) => m.type === COMMENT_EDGE_MARK);
  const ids = (value: unknown) => (Array.isArray(value) ? value.filter((n): n is number => Number.isInteger(n)) : []);
  const others = clean.marks?.filter((m) => m.type !== COMMENT_EDGE_MARK);
  const marks = edge ? [...(others ?? []), { type: COMMENT_EDGE_MARK, attrs: { starts: ids(edge.attrs?.starts), ends: ids(edge.attrs?.ends) } }] : others;
  const content = clean.content?.map((child, i) => (original.content?.[i] ? withCommentEdges(child, original.content[i]) : child));
  return { ...clean, ...(marks ? { marks } : {}), ...(content ? { content } : {}) };
}

/**
 * The document as it stands (SG8, SG10): a paragraph of the body suggested as a whole is not in it until accepted
 * (the suggested insertions within paragraphs are left out run by run, `inline.ts`).
 */
function standing(doc: JSONContent): JSONContent {
  if (doc.type !== 'doc' || !doc.content) return doc;
  const suggested = (node: JSONContent) => node.type === SUGGESTABLE_NODE && suggestionAttrsOf(node.attrs?.[SUGGESTED_PARAGRAPH]) !== null;
  return { ...doc, content: doc.content.filter((node) => !suggested(node)) };
}

export function documentBlocks(content: JSONContent, options: { commentEdges?: boolean } = {}): Block[] {
  const doc = standing(content);
  const sanitised = sanitiseContent(doc);
  const clean = options.commentEdges ? withCommentEdges(sanitised, doc) : sanitised;
  return keepBeforeSignatures(toBlocks(clean.type === 'doc' ? clean.content : [clean]));
}
