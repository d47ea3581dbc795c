/**
 * Fixtures and readers for the export tests: the demo's real documents, a few small hand-made ones, and a DOCX
 * unzipped into its parts, paragraphs and runs.
 */
import type { JSONContent } from '@tiptap/core';
import { strFromU8, unzipSync } from 'fflate';
import { DEMO } from '../demo/data.ts';
import type { DocumentKind } from '../../shared/meeting.ts';
import { buildTemplate, type TemplateData } from '../../shared/templates/index.ts';
import { documentDocx } from './docx.ts';
import type { ExportInput } from './types.ts';

const demo = (kind: 'NQ' | 'BB') => {
  const found = DEMO.documents.find((d) => d.kind === kind);
  if (!found) throw new Error(`the demo has no ${kind}`);
  return found;
};

/** The demo conference's resolution and minutes, as the templates fill them. */
export function demoInput(kind: 'NQ' | 'BB', draft = false): ExportInput {
  const { content, title } = demo(kind);
  return { content, kind, title, draft };
}

const templateData: TemplateData = {
  meeting: DEMO.meeting,
  chairs: ['Cung Hồng Kiên'],
  secretaries: ['Trần Thị Thu Hà'],
  attendance: { present: 0, total: 10 },
};

export const templateInput = (kind: DocumentKind): ExportInput => ({
  content: buildTemplate(kind, templateData),
  kind,
  title: `Mẫu ${kind}`,
  draft: true,
});

const text = (t: string, marks: string[] = []): JSONContent =>
  marks.length > 0 ? { type: 'text', text: t, marks: marks.map((type) => ({ type })) } : { type: 'text', text: t };
export const para = (...content: JSONContent[]): JSONContent => ({ type: 'paragraph', content });
const item = (...content: JSONContent[]): JSONContent => ({ type: 'listItem', content });
const cell = (type: 'tableCell' | 'tableHeader', t: string, colspan = 1): JSONContent => ({
  type,
  attrs: { colspan, rowspan: 1, colwidth: null },
  content: [para(text(t))],
});

export const VOTE_TEXT = 'Kết quả biểu quyết: 45/47 đại biểu có mặt tán thành (95,7%).';

/** Everything that is not in a template: lists, a table, headings, a vote result, an unbolded article. */
export const MIXED: JSONContent = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 1, textAlign: null }, content: [text('Phần một')] },
    para(text('Điều 2. Giao Ban chấp hành thực hiện.')),
    para(text('Điều', ['bold']), text(' 3. Hiệu lực.')),
    para(text('Theo Điều 4. không in đậm giữa câu.')),
    { type: 'bulletList', content: [item(para(text('Mục gạch đầu dòng một'))), item(para(text('Mục hai')))] },
    {
      type: 'orderedList',
      attrs: { start: 1 },
      content: [
        item(para(text('Điểm một')), { type: 'orderedList', attrs: { start: 1 }, content: [item(para(text('Điểm con a')))] }),
        item(para(text('Điểm hai'))),
      ],
    },
    { type: 'orderedList', attrs: { start: 3 }, content: [item(para(text('Điểm ba, danh sách mới')))] },
    para(text('Đoạn xen giữa.')),
    { type: 'orderedList', attrs: { start: 1 }, content: [item(para(text('Điểm một lần nữa')))] },
    { type: 'voteResult', attrs: { motionId: 'm1', text: VOTE_TEXT } },
    { type: 'voteResult', attrs: { motionId: 'm2', text: '' } },
    {
      type: 'table',
      content: [
        { type: 'tableRow', content: [cell('tableHeader', 'Họ và tên'), cell('tableHeader', 'Chức vụ')] },
        { type: 'tableRow', content: [cell('tableCell', 'Cung Hồng Kiên'), cell('tableCell', 'Phó Giám đốc')] },
        { type: 'tableRow', content: [cell('tableCell', 'Ý kiến chung', 2)] },
      ],
    },
  ],
};

export const HOSTILE = '<script>alert("x")</script> Nguyễn & Cộng sự <b>';

export const hostileInput = (draft = false): ExportInput => ({
  content: { type: 'doc', content: [para(text(HOSTILE)), para(text('A\u0001B\u000bC'))] },
  kind: 'blank',
  title: `Văn bản <i>&</i>`,
  draft,
});

export function unzip(buffer: Buffer): Record<string, string> {
  const files = unzipSync(new Uint8Array(buffer));
  return Object.fromEntries(Object.entries(files).map(([name, data]) => [name, strFromU8(data)]));
}

const unescapeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

export interface XmlRun {
  xml: string;
  text: string;
  bold: boolean;
  italic: boolean;
  size: number | null;
}

export const runsOf = (xml: string): XmlRun[] =>
  [...xml.matchAll(/<w:r>([\s\S]*?)<\/w:r>/g)].map(([, inner = '']) => {
    const props = /<w:rPr>([\s\S]*?)<\/w:rPr>/.exec(inner)?.[1] ?? '';
    const size = /<w:sz w:val="(\d+)"\/>/.exec(props)?.[1];
    return {
      xml: inner,
      text: [...inner.matchAll(/<w:t(?:\s[^>]*)?>([\s\S]*?)<\/w:t>/g)].map((m) => unescapeXml(m[1] ?? '')).join(''),
      bold: /<w:b\/>/.test(props),
      italic: /<w:i\/>/.test(props),
      size: size ? Number(size) : null,
    };
  });

export interface XmlParagraph {
  xml: string;
  text: string;
  runs: XmlRun[];
}

export const paragraphsOf = (xml: string): XmlParagraph[] =>
  [...xml.matchAll(/<w:p(?:\s[^>]*)?>([\s\S]*?)<\/w:p>/g)].map(([whole]) => {
    const runs = runsOf(whole);
    return { xml: whole, runs, text: runs.map((r) => r.text).join('') };
  });

/** The tables of a document without nested tables, each as its cells' XML. */
export const tablesOf = (xml: string): string[][] =>
  [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map(([table]) =>
    [...table.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((m) => m[0]),
  );

export const findParagraph = (xml: string, text: string): XmlParagraph => {
  const found = paragraphsOf(xml).find((p) => p.text === text);
  if (!found) throw new Error(`no paragraph "${text}"`);
  return found;
};

/** A document's DOCX, unzipped. */
export const docx = async (input: ExportInput): Promise<Record<string, string>> => unzip(await documentDocx(input));
export const bodyXml = (files: Record<string, string>): string => files['word/document.xml'] ?? '';
/** The text of each paragraph in one table cell. */
export const cellTexts = (cell: string): string[] => paragraphsOf(cell).map((p) => p.text);
export const runWith = (xml: string, text: string): XmlRun | undefined => runsOf(xml).find((r) => r.text === text);

/** The XML of the section's header of one type (`default`: page 2 on; `first`: page 1 of a title-page section). */
export function headerOf(files: Record<string, string>, type: 'default' | 'first'): string {
  const id = new RegExp(`<w:headerReference w:type="${type}" r:id="(\\w+)"/>`).exec(bodyXml(files))?.[1];
  const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(files['word/_rels/document.xml.rels'] ?? '')?.[1];
  return target ? (files[`word/${target}`] ?? '') : '';
}

const row = (...cells: JSONContent[]): JSONContent => ({ type: 'tableRow', content: cells });
const sized = (type: 'tableCell' | 'tableHeader', t: string, colwidth: number[] | null): JSONContent => ({
  type,
  attrs: { colspan: 1, rowspan: 1, colwidth },
  content: [para(text(t))],
});

/** A table of the year's targets, its columns resized in the editor (first column 2× the others), or not. */
export function targetsTable(resized = true): JSONContent {
  const w = (px: number) => (resized ? [px] : null);
  return {
    type: 'table',
    content: [
      row(sized('tableHeader', 'Chỉ tiêu', w(300)), sized('tableHeader', 'Năm 2023', w(150)), sized('tableHeader', 'Năm 2024', w(150))),
      row(sized('tableCell', 'Nhiệm vụ KH&CN chủ trì', w(300)), sized('tableCell', '08', w(150)), sized('tableCell', '08', w(150))),
      row(sized('tableCell', 'Bài báo khoa học', w(300)), sized('tableCell', '09', w(150)), sized('tableCell', '10', w(150))),
    ],
  };
}

/** The demo resolution with a table of targets after the first point of "Điều 2.". */
export function resolutionWithTable(resized = true): ExportInput {
  const input = demoInput('NQ');
  const content = [...(input.content.content ?? [])];
  const at = content.findIndex((n) => JSON.stringify(n).includes('Điều 2. ')) + 1;
  content.splice(at, 0, targetsTable(resized));
  return { ...input, content: { type: 'doc', content } };
}
