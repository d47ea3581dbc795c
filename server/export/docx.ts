/**
 * A document as a Word file in the official layout (Nghị định 30/2020/NĐ-CP, Phụ lục I): A4, Times New Roman,
 * the two-column header and signature blocks as borderless tables. Pure: the same input gives the same pages.
 */
import {
  AlignmentType,
  BorderStyle,
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  Document,
  Header,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TextRun,
  type ICommentOptions,
  type ParagraphChild,
} from 'docx';
import { commentEdges } from './docx-paragraph.ts';
import { documentBlocks } from './blocks.ts';
import { docxBlocks, ListInstances, type DocxChild } from './docx-blocks.ts';
import { STYLE, documentStyles, numberingConfig } from './docx-styles.ts';
import { cleanText } from './inline.ts';
import {
  DRAFT_BOX_PT,
  DRAFT_MARK,
  HEADER_FROM_TOP_MM,
  MARGIN_MM,
  PAGE_MM,
  PAGE_NUMBER_PT,
  SIZE_PT,
  TEXT_WIDTH_MM,
  exportTitle,
  kindName,
  mmToTwip,
} from './layout.ts';
import type { ExportInput } from './types.ts';

/** A header line: nothing after it, so that the header never grows down into the text. */
const headerLine = (alignment: (typeof AlignmentType)[keyof typeof AlignmentType], children: TextRun[]) =>
  new Paragraph({ alignment, spacing: { after: 0 }, children });

/**
 * Page 2 on: the page number, centred in the top margin (Phụ lục I). Page 1 has a header of its own (the section
 * is a "title page"), empty or with the draft mark, so that it shows no number.
 */
const numberedHeader = (): Header =>
  new Header({ children: [headerLine(AlignmentType.CENTER, [new TextRun({ children: [PageNumber.CURRENT], size: PAGE_NUMBER_PT * 2 })])] });

/**
 * "DỰ THẢO" boxed at the top right of the first page, in its header: in the top margin, where the decree's own
 * forms put it, so the document's own header starts where it would on the final text.
 */
function firstPageHeader(draft: boolean): Header {
  if (!draft) return new Header({ children: [headerLine(AlignmentType.RIGHT, [])] });
  return new Header({
    children: [
      headerLine(AlignmentType.RIGHT, [
        new TextRun({
          // No-break spaces pad the text inside its box (a run's border hugs its characters): 3 pt each at 12 pt.
          text: `\u00a0${DRAFT_MARK}\u00a0`,
          bold: true,
          size: SIZE_PT.draftMark * 2,
          // Eighths of a point; `space` is the padding above and below, in points.
          border: { style: BorderStyle.SINGLE, size: DRAFT_BOX_PT.border * 8, color: '000000', space: DRAFT_BOX_PT.paddingY },
        }),
      ]),
    ],
  });
}

/** Word always has a paragraph after a final table; a document ending in the signature block needs one. */
function closeBody(children: DocxChild[]): DocxChild[] {
  const last = children[children.length - 1];
  return last === undefined || last instanceof Table ? [...children, new Paragraph({ style: STYLE.rule })] : children;
}

/**
 * The body, and with `comments` (the DOCX "with comments", whose content carries their edges) the ranges written:
 * any range a block did not write whole (a block printed from its own words) is closed in a last, empty paragraph,
 * so that Word never meets a range without its end or a comment without its reference.
 */
function bodyOf(input: ExportInput, comments: readonly ICommentOptions[] | undefined): DocxChild[] {
  const width = mmToTwip(TEXT_WIDTH_MM);
  const build = () =>
    docxBlocks(documentBlocks(input.content, { commentEdges: comments !== undefined }), { place: 'body', compact: false, width }, new ListInstances());
  if (!comments || comments.length === 0) return build();
  const edges = { started: new Set<number>(), ended: new Set<number>() };
  commentEdges.current = edges;
  let body: DocxChild[];
  try {
    body = build();
  } finally {
    commentEdges.current = null;
  }
  const loose: ParagraphChild[] = [];
  for (const { id } of comments) {
    if (edges.ended.has(id)) continue;
    if (!edges.started.has(id)) loose.push(new CommentRangeStart(id));
    loose.push(new CommentRangeEnd(id), new TextRun({ children: [new CommentReference(id)] }));
  }
  return loose.length > 0 ? [...body, new Paragraph({ children: loose })] : body;
}

export async function documentDocx(input: ExportInput & { comments?: readonly ICommentOptions[] }): Promise<Buffer> {
  const body = bodyOf(input, input.comments);
  const document = new Document({
    title: cleanText(exportTitle(input.title, input.draft)),
    subject: kindName(input.kind),
    creator: 'Quorum',
    lastModifiedBy: 'Quorum',
    styles: documentStyles(),
    // A line ended by a hard break (Shift+Enter) is not stretched across a justified paragraph.
    compatibility: { doNotExpandShiftReturn: true },
    numbering: numberingConfig(),
    ...(input.comments && input.comments.length > 0 ? { comments: { children: input.comments } } : {}),
    sections: [
      {
        properties: {
          page: {
            size: { width: mmToTwip(PAGE_MM.width), height: mmToTwip(PAGE_MM.height) },
            margin: {
              top: mmToTwip(MARGIN_MM.top),
              right: mmToTwip(MARGIN_MM.right),
              bottom: mmToTwip(MARGIN_MM.bottom),
              left: mmToTwip(MARGIN_MM.left),
              header: mmToTwip(HEADER_FROM_TOP_MM),
              footer: mmToTwip(10),
            },
          },
          titlePage: true,
        },
        headers: { default: numberedHeader(), first: firstPageHeader(input.draft) },
        children: closeBody(body),
      },
    ],
  });
  return Packer.toBuffer(document);
}
