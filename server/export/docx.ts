/**
 * A document as a Word file in the official layout (Nghị định 30/2020/NĐ-CP, Phụ lục I): A4, Times New Roman,
 * the two-column header and signature blocks as borderless tables. Pure: the same input gives the same pages.
 */
import { AlignmentType, BorderStyle, Document, Header, Packer, Paragraph, Table, TextRun } from 'docx';
import { documentBlocks } from './blocks.ts';
import { docxBlocks, ListInstances, type DocxChild } from './docx-blocks.ts';
import { STYLE, documentStyles, numberingConfig } from './docx-styles.ts';
import { cleanText } from './inline.ts';
import { DRAFT_MARK, MARGIN_MM, PAGE_MM, SIZE_PT, TEXT_WIDTH_MM, exportTitle, kindName, mmToTwip } from './layout.ts';
import type { ExportInput } from './types.ts';

/** "DỰ THẢO" boxed at the top right of every page, in the top margin, where the decree's own forms put it. */
function draftHeader(): Header {
  return new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        children: [
          new TextRun({
            // No-break spaces pad the text inside its box: a run's border hugs its characters.
            text: `\u00a0${DRAFT_MARK}\u00a0`,
            bold: true,
            size: SIZE_PT.draftMark * 2,
            border: { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 1 },
          }),
        ],
      }),
    ],
  });
}

/** Word always has a paragraph after a final table; a document ending in the signature block needs one. */
function closeBody(children: DocxChild[]): DocxChild[] {
  const last = children[children.length - 1];
  return last === undefined || last instanceof Table ? [...children, new Paragraph({ style: STYLE.rule })] : children;
}

export async function documentDocx(input: ExportInput): Promise<Buffer> {
  const width = mmToTwip(TEXT_WIDTH_MM);
  const body = docxBlocks(documentBlocks(input.content), { place: 'body', compact: false, width }, new ListInstances());
  const document = new Document({
    title: cleanText(exportTitle(input.title, input.draft)),
    subject: kindName(input.kind),
    creator: 'Quorum',
    lastModifiedBy: 'Quorum',
    styles: documentStyles(),
    numbering: numberingConfig(),
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
              header: mmToTwip(10),
              footer: mmToTwip(10),
            },
          },
        },
        ...(input.draft ? { headers: { default: draftHeader() } } : {}),
        children: closeBody(body),
      },
    ],
  });
  return Packer.toBuffer(document);
}
