/** Blocks as DOCX body content: lists with real numbering, the two-column blocks and tables as Word tables. */
import {
  BorderStyle,
  LineRuleType,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  VerticalAlign,
  WidthType,
} from 'docx';
import type { Block, ColumnsBlock, ListBlock, SigningRoomBlock, TableCellBlock } from './blocks.ts';
import { columnRows, columnShares } from './columns-layout.ts';
import type { Inline } from './inline.ts';
import { docxParagraph, docxRuns, type DocxPlace } from './docx-paragraph.ts';
import { LIST_REFERENCE, RULE_LINE_PT, STYLE, listTextIndent, orderedDefinition } from './docx-styles.ts';
import { COLUMN_GAP_MM, SIGNING_ROOM_MM, SIZE_PT, SPACE_AFTER_PT, mmToPt, mmToTwip, ptToTwip } from './layout.ts';
import { headerRowCount, tableColumnShares } from './table-layout.ts';

export type DocxChild = Paragraph | Table;

/** Numbers each list so that every list in the document counts from its own start. */
export class ListInstances {
  private last = 0;
  next(): number {
    return ++this.last;
  }
}

const NONE = { style: BorderStyle.NONE, size: 0, color: 'auto' } as const;
const LINE = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const COLUMN_GAP = mmToTwip(COLUMN_GAP_MM);
const CELL_PADDING = 108;
const QUOTE_INDENT = mmToTwip(10);

/** A Word cell must end with a paragraph, so one that would end with a table gets an empty one. */
function closeCell(children: DocxChild[]): DocxChild[] {
  const last = children[children.length - 1];
  return last === undefined || last instanceof Table ? [...children, new Paragraph({ style: STYLE.compact })] : children;
}

function list(block: ListBlock, at: DocxPlace, lists: ListInstances): DocxChild[] {
  const nested = at.numbering !== undefined && at.place === 'list';
  const level = nested ? Math.min((at.numbering?.level ?? 0) + 1, 8) : 0;
  const reference = block.ordered ? orderedDefinition(block.start) : LIST_REFERENCE.bullet;
  // A list inside a list of the same kind continues its instance, so that Word restarts it under each item.
  const sameKind = nested && typeof at.numbering?.reference === 'string' && at.numbering.reference === reference;
  const instance = sameKind && at.numbering ? at.numbering.instance : lists.next();
  const numbering = { reference, level, instance };
  return block.items.flatMap((item) =>
    item.flatMap((child, i) => {
      // The item's first paragraph carries its number, and a nested list reads it to go one level deeper;
      // the item's further paragraphs line up with its text.
      const here: DocxPlace =
        i === 0 || child.type === 'list'
          ? { ...at, place: 'list', numbering }
          : { ...at, place: 'list', numbering: undefined, indentLeft: listTextIndent(level) };
      return docxBlocks([child], here, lists);
    }),
  );
}

function columns(block: ColumnsBlock, at: DocxPlace, lists: ListInstances): Table {
  const count = Math.max(1, block.columns.length);
  const widths = columnShares(block).map((s) => Math.round(at.width * s));
  // A signature block keeps its lines together and with what follows it (the recipients under the minutes).
  const keep = block.kind === 'signatures';
  const row = (columns: Block[][]) =>
    columns.map((blocks, i) => {
      const width = widths[i] ?? 0;
      const margins = { top: 0, bottom: 0, left: i === 0 ? 0 : COLUMN_GAP, right: i === count - 1 ? 0 : COLUMN_GAP };
      const inner: DocxPlace = { place: block.kind, compact: true, width: width - margins.left - margins.right, keep };
      return new TableCell({
        width: { size: width, type: WidthType.DXA },
        margins,
        verticalAlign: VerticalAlign.TOP,
        children: closeCell(docxBlocks(blocks, inner, lists)),
      });
    });
  return new Table({
    width: { size: at.width, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE },
    // A signature block split across two pages separates the signer's title from the signature.
    rows: columnRows(block).map((cells) => new TableRow({ cantSplit: true, children: row(cells) })),
  });
}

/**
 * The room to sign: its empty lines share SIGNING_ROOM_MM between them (each an exact height), or keep their own
 * height where the drafters left more lines than that.
 */
function signingRoomLines(block: SigningRoomBlock, at: DocxPlace): Paragraph[] {
  const linePt = Math.max(SIZE_PT.compact * 1.15, mmToPt(SIGNING_ROOM_MM) / block.lines.length);
  return block.lines.map(
    () =>
      new Paragraph({
        style: STYLE.compact,
        spacing: { after: 0, line: ptToTwip(linePt), lineRule: LineRuleType.EXACT },
        ...(at.keep ? { keepNext: true, keepLines: true } : {}),
      }),
  );
}

function table(allRows: TableCellBlock[][], at: DocxPlace, lists: ListInstances): Table {
  const rows = allRows.filter((r) => r.length > 0);
  const widths = tableColumnShares(rows).map((s) => Math.floor(at.width * s));
  const heading = headerRowCount(rows);
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE },
    rows: rows.map((cells, i) => {
      let column = 0;
      return new TableRow({
        tableHeader: i < heading,
        // A row broken across two pages is hard to read: a target and its figure belong together.
        cantSplit: true,
        children: cells.map((cell) => {
          const width = widths.slice(column, column + cell.colspan).reduce((a, b) => a + b, 0);
          column += cell.colspan;
              const inner: DocxPlace = { place: 'cell', compact: true, width: width - 2 * CELL_PADDING, strong: cell.header };
          return new TableCell({
            width: { size: width, type: WidthType.DXA },
            columnSpan: cell.colspan,
            children: closeCell(docxBlocks(cell.blocks, inner, lists)),
          });
        }),
      });
    }),
  });
}

/** An empty line `pt` tall; `keepNext` when it stands between the text and the signatures. */
const spacer = (pt: number, keepNext = false): Paragraph =>
  new Paragraph({ style: STYLE.rule, spacing: { after: ptToTwip(pt - RULE_LINE_PT) }, ...(keepNext ? { keepNext } : {}) });

const asCode = (i: Inline): Inline => (i.kind === 'text' ? { ...i, marks: { ...i.marks, code: true } } : i);

export function docxBlocks(blocks: readonly Block[], at: DocxPlace, lists: ListInstances): DocxChild[] {
  return blocks.flatMap((block): DocxChild[] => {
    switch (block.type) {
      case 'paragraph':
        return docxParagraph(block, at);
      case 'list':
        return list(block, at, lists);
      case 'columns': {
        const table = columns(block, at, lists);
        if (at.place !== 'body') return [table];
        // Word has no margins around a table: the space the print view's CSS gives them is written as lines.
        return block.kind === 'signatures' ? [spacer(SPACE_AFTER_PT, true), table, spacer(12)] : [table, spacer(12)];
      }
      case 'signingRoom':
        return signingRoomLines(block, at);
      case 'table':
        // The print view's 6 pt under a table, as a line: Word has no margin below a table either.
        return at.place === 'body' ? [table(block.rows, at, lists), spacer(SPACE_AFTER_PT)] : [table(block.rows, at, lists)];
      case 'quote':
        return docxBlocks(block.blocks, { ...at, place: 'quote', indentLeft: (at.indentLeft ?? 0) + QUOTE_INDENT }, lists);
      case 'code':
        return [
          new Paragraph({
            style: at.compact ? STYLE.compact : STYLE.body,
            children: docxRuns(block.inlines.map(asCode), SIZE_PT.code),
            ...(at.indentLeft ? { indent: { left: at.indentLeft } } : {}),
          }),
        ];
      case 'horizontalRule':
        return [
          new Paragraph({
            style: STYLE.rule,
            spacing: { before: ptToTwip(SPACE_AFTER_PT), after: ptToTwip(SPACE_AFTER_PT) },
            border: { bottom: { ...LINE, space: 1 } },
          }),
        ];
    }
  });
}
