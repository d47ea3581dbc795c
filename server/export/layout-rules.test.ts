/** The page furniture and the rules for keeping things together, in both exports (X10–X13, and X3, X5, X6). */
import { describe, expect, it } from 'vitest';
import { DEMO } from '../demo/data.ts';
import { buildTemplate } from '../../shared/templates/index.ts';
import { documentBlocks, type ColumnsBlock } from './blocks.ts';
import { columnShares } from './columns-layout.ts';
import { TEXT_WIDTH_MM, ptToMm } from './layout.ts';
import { printHtml } from './print.ts';
import { textWidthPt } from './text-width.ts';
import {
  bodyXml as body,
  cellTexts,
  demoInput,
  docx,
  findParagraph,
  headerOf,
  paragraphsOf,
  resolutionWithTable,
  tablesOf,
  type XmlParagraph,
} from './testing.ts';
import type { ExportInput } from './types.ts';

const styleOf = (html: string) => [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1] ?? '').join('\n');
const colsOf = (html: string) => [...html.matchAll(/<col width="([\d.]+)%">/g)].map((m) => Number(m[1]));
const gridOf = (table: string) => [...table.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
const TEXT_TWIPS = 9354;
const twipsToMm = (t: number) => (t * 25.4) / 1440;

/** A document whose header names `issuingBody`, as the templates make it. */
function withIssuingBody(issuingBody: string): ExportInput {
  const data = { meeting: { ...DEMO.meeting, issuingBody }, chairs: ['Cung Hồng Kiên'], secretaries: [], attendance: { present: 0, total: 1 } };
  return { content: buildTemplate('NQ', data), kind: 'NQ', title: 'Nghị quyết', draft: false };
}

const headerBlock = (input: ExportInput): ColumnsBlock => {
  const found = documentBlocks(input.content).find((b): b is ColumnsBlock => b.type === 'columns' && b.kind === 'header');
  if (!found) throw new Error('no header');
  return found;
};

describe('page numbers', () => {
  it('[X10] DOCX: a PAGE field, 13 pt, centred in the default header; page 1 has a header of its own without it', async () => {
    const files = await docx(demoInput('NQ'));
    expect(body(files)).toMatch(/<w:sectPr>[\s\S]*<w:titlePg\/>/);
    const numbered = headerOf(files, 'default');
    expect(numbered).toContain('<w:instrText xml:space="preserve">PAGE</w:instrText>');
    expect(numbered).toContain('<w:jc w:val="center"/>');
    expect(numbered).toContain('<w:sz w:val="26"/>');
    const first = headerOf(files, 'first');
    expect(first).toContain('<w:hdr');
    expect(first).not.toContain('PAGE');
    // The header stands 10 mm from the top, inside the 20 mm margin.
    expect(body(files)).toMatch(/<w:pgMar [^>]*w:header="567"/);
  });

  it('[X10] print: the page counter in the top-centre margin box, 13 pt, 10 mm down, none on the first page; empty boxes elsewhere', () => {
    const css = styleOf(printHtml(demoInput('BB')));
    expect(css).toMatch(/@page \{[^@]*@top-center \{\s*content: counter\(page\); font: 13pt\/1 'Times New Roman'[^}]*padding-top: 10mm;/);
    expect(css).toContain("@page :first { @top-center { content: ''; } }");
    expect(css).toContain("@page { @bottom-center { content: ''; } }");
  });
});

describe('header columns', () => {
  it('[X11] sizes the columns from the text: the issuing body ~72 mm on one line, the national title ~93 mm', async () => {
    const input = demoInput('NQ');
    const [left = 0, right = 0] = columnShares(headerBlock(input)).map((s) => s * TEXT_WIDTH_MM);
    const issuing = ptToMm(textWidthPt([{ text: 'TRUNG TÂM CÔNG NGHỆ LASER', bold: true }], 12));
    const nation = ptToMm(textWidthPt([{ text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold: true }], 12));
    expect(left).toBeGreaterThan(issuing + 2);
    expect(right).toBeGreaterThan(nation + 2);
    expect(left).toBeCloseTo(72, 0);
    // The same widths in both exports.
    const grid = gridOf(/<w:tbl>[\s\S]*?<\/w:tbl>/.exec(body(await docx(input)))?.[0] ?? '');
    expect(twipsToMm(grid[0] ?? 0)).toBeCloseTo(left, 0);
    expect(grid.reduce((a, b) => a + b, 0)).toBe(TEXT_TWIPS);
    const cols = colsOf(printHtml(input)).slice(0, 2);
    expect((cols[0] ?? 0) / 100).toBeCloseTo(left / TEXT_WIDTH_MM, 3);
    expect((cols[1] ?? 0) / 100).toBeCloseTo(right / TEXT_WIDTH_MM, 3);
  });

  it('[X11] wraps a longer issuing body, centred, and keeps the national title on one line', () => {
    const input = withIssuingBody('Trung tâm Nghiên cứu và Phát triển Công nghệ Laser công nghiệp');
    const [left = 0, right = 0] = columnShares(headerBlock(input)).map((s) => s * TEXT_WIDTH_MM);
    const nation = ptToMm(textWidthPt([{ text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold: true }], 12));
    expect(right).toBeGreaterThan(nation + 2);
    expect(left).toBeGreaterThan(0.4 * TEXT_WIDTH_MM);
    expect(left + right).toBeCloseTo(TEXT_WIDTH_MM, 6);
    expect(printHtml(input)).toContain(
      '<p class="a-center caps ruled"><span class="rule-box rule-short"><strong>TRUNG TÂM NGHIÊN CỨU VÀ PHÁT TRIỂN CÔNG NGHỆ LASER CÔNG NGHIỆP</strong>',
    );
  });

  it('[X11] gives a short issuing body 40% of the width, as before', () => {
    const [left = 0] = columnShares(headerBlock(withIssuingBody('UBND xã An Bình')));
    expect(left).toBeCloseTo(0.4, 6);
  });

  it('[X11] sets the number line and the date line in a row of their own, in both exports', async () => {
    const [header = []] = tablesOf(body(await docx(demoInput('BB'))));
    expect(header.map(cellTexts).map((t) => t.filter((x) => x !== '').at(-1))).toEqual([
      'TRUNG TÂM CÔNG NGHỆ LASER',
      'Độc lập - Tự do - Hạnh phúc',
      'Số:      /BB-TTCNL',
      'Hà Nội, ngày 19 tháng 12 năm 2023',
    ]);
    const html = printHtml(demoInput('BB'));
    const table = /<table class="columns columns-header"[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';
    expect(table).toMatch(/<tr><td><p class="a-center">Số: {6}\/BB-TTCNL<\/p><\/td><td><p class="a-center"><em>Hà Nội,/);
  });
});

describe('the rule under the summary line', () => {
  const ruleUnder = (xml: string, text: string): { left: number; right: number } => {
    const ps = paragraphsOf(xml);
    const rule = ps[ps.findIndex((p) => p.text === text) + 1]?.xml ?? '';
    expect(rule).toContain('<w:pStyle w:val="RuleLine"/>');
    const [, l = '0', r = '0'] = /<w:ind w:left="(\d+)" w:right="(\d+)"\/>/.exec(rule) ?? [];
    return { left: Number(l), right: Number(r) };
  };

  it('[X3] is 1/3 to 1/2 of the summary line, centred under it, in DOCX', async () => {
    const summary = 'Hội nghị cán bộ viên chức năm 2023';
    const { left, right } = ruleUnder(body(await docx(demoInput('NQ'))), summary);
    const line = textWidthPt([{ text: summary, bold: true }], 14) * 20;
    expect(left).toBe(right);
    const stroke = TEXT_TWIPS - left - right;
    expect(stroke).toBeGreaterThan(line / 3);
    expect(stroke).toBeLessThan(line / 2);
    // The minutes' summary wraps: its longest line is about the text width.
    const bb = ruleUnder(body(await docx(demoInput('BB'))), DEMO.meeting.title);
    expect(TEXT_TWIPS - bb.left - bb.right).toBeGreaterThan(TEXT_TWIPS / 3);
    expect(TEXT_TWIPS - bb.left - bb.right).toBeLessThan(TEXT_TWIPS / 2);
  });

  it('[X3] is 0.4 of the box the summary line sets, in print', () => {
    const html = printHtml(demoInput('NQ'));
    expect(html).toContain(
      '<p class="a-center ruled"><span class="rule-box rule-short"><strong>Hội nghị cán bộ viên chức năm 2023</strong></span></p>',
    );
    expect(styleOf(html)).toMatch(/\.rule-short::after \{[^}]*width: 40\.00%/);
  });
});

describe('keeping the signatures with the text', () => {
  const keeps = (p: XmlParagraph | undefined) => [/<w:keepNext\/>/.test(p?.xml ?? ''), /<w:keepLines\/>/.test(p?.xml ?? '')];

  it('[X12] DOCX: the closing line, the space after it and every line of the signatures keep with the next', async () => {
    const xml = body(await docx(demoInput('BB')));
    const closing = paragraphsOf(xml).find((p) => p.text.startsWith('Hội nghị kết thúc vào'));
    expect(keeps(closing)).toEqual([true, true]);
    const between = xml.slice(xml.indexOf(closing!.xml) + closing!.xml.length, xml.lastIndexOf('<w:tbl>'));
    for (const p of paragraphsOf(between)) expect(p.xml).toContain('<w:keepNext/>');
    const [secretary = '', chair = ''] = tablesOf(xml).at(-1) ?? [];
    for (const p of paragraphsOf(secretary + chair)) expect(keeps(p)).toEqual([true, true]);
    // The last article of a resolution, the same.
    const nq = body(await docx(demoInput('NQ')));
    expect(keeps(paragraphsOf(nq).find((p) => p.text.startsWith('Điều 3.')))).toEqual([true, true]);
    // Nothing else in the body is held: the rest of the text flows.
    expect(keeps(paragraphsOf(xml).find((p) => p.text.startsWith('Địa điểm:')))).toEqual([false, false]);
  });

  it('[X12] print: the closing line does not break or leave the signatures, which do not start a page', () => {
    const html = printHtml(demoInput('BB'));
    expect(html).toMatch(/<p class="a-justify indent keep-next">Hội nghị kết thúc vào/);
    expect(/<main[\s\S]*<\/main>/.exec(html)?.[0].match(/keep-next/g)).toHaveLength(1);
    const css = styleOf(html);
    expect(css).toContain('.keep-next { break-after: avoid; break-inside: avoid; }');
    expect(css).toMatch(/\.columns-signatures \{[^}]*break-before: avoid;/);
    expect(css).toMatch(/\.columns \{[^}]*break-inside: avoid;/);
  });

  it('[X12] leaves 28 mm between a signer\'s title and name: the empty lines share it, in both exports', async () => {
    const [, right = ''] = tablesOf(body(await docx(demoInput('NQ')))).at(-1) ?? [];
    const empties = paragraphsOf(right).filter((p) => p.text === '');
    expect(empties).toHaveLength(3);
    const heights = empties.map((p) => Number(/<w:spacing w:after="0" w:line="(\d+)" w:lineRule="exact"\/>/.exec(p.xml)?.[1]));
    expect(twipsToMm(heights.reduce((a, b) => a + b, 0))).toBeCloseTo(28, 0);
    const html = printHtml(demoInput('BB'));
    expect(html.match(/<div class="signing-room">(<p class="a-center"><br><\/p>\n?){3}<\/div>/g)).toHaveLength(2);
    expect(styleOf(html)).toContain('.signing-room { min-height: 28mm; }');
  });

  it('[X12] keeps the lines the drafters left when they are more than the room', async () => {
    const input = demoInput('NQ');
    const content = structuredClone(input.content);
    const signer = content.content?.at(-1)?.content?.[1];
    const empty = signer?.content?.find((p) => !p.content);
    if (!signer?.content || !empty) throw new Error('no signer with room to sign');
    signer.content = [...signer.content.filter((p) => p !== empty && p.content), ...Array.from({ length: 9 }, () => empty)];
    // The name goes back last, after the nine lines.
    signer.content.push(signer.content.splice(signer.content.length - 10, 1)[0]!);
    const [, right = ''] = tablesOf(body(await docx({ ...input, content }))).at(-1) ?? [];
    const empties = paragraphsOf(right).filter((p) => p.text === '');
    expect(empties).toHaveLength(9);
    // 13 pt lines at 1.15: 299 twips each, 9 of them more than 28 mm.
    for (const p of empties) expect(p.xml).toContain('w:line="299"');
  });
});

describe('hard line breaks', () => {
  it('[X13] DOCX: a line ended by a hard break is not stretched (doNotExpandShiftReturn)', async () => {
    const settings = (await docx(demoInput('NQ')))['word/settings.xml'] ?? '';
    expect(settings).toMatch(/<w:compat>[\s\S]*<w:doNotExpandShiftReturn\/>[\s\S]*<\/w:compat>/);
    // Word's own compatibility mode is kept.
    expect(settings).toContain('w:name="compatibilityMode"');
  });
});

describe('numbered points in print', () => {
  it('[X5] numbers "1.", "a)", "i." by depth, and bullets "-", "+", "•", as the DOCX does', () => {
    const css = styleOf(printHtml(demoInput('NQ')));
    expect(css).toContain("@counter-style point-paren { system: extends lower-alpha; suffix: ') '; }");
    expect(css).toContain('\nol { list-style-type: decimal; }');
    expect(css).toContain(':is(ul, ol) ol { list-style-type: point-paren; }');
    expect(css).toContain(':is(ul, ol) :is(ul, ol) ol { list-style-type: lower-roman; }');
    expect(css).toContain("\nul { list-style-type: '- '; }");
    expect(css).toContain(":is(ul, ol) ul { list-style-type: '+ '; }");
    expect(css).toContain(":is(ul, ol) :is(ul, ol) ul { list-style-type: '• '; }");
  });
});

describe('draft mark', () => {
  it('[X6] DOCX: "DỰ THẢO" boxed, bold, 12 pt, at the right of the first page\'s header only, not in the text', async () => {
    const files = await docx(demoInput('NQ', true));
    const first = headerOf(files, 'first');
    expect(first).toMatch(/<w:jc w:val="right"\/>[\s\S]*<w:b\/>[\s\S]*<w:sz w:val="24"\/>[\s\S]*<w:bdr w:val="single"[^>]*w:sz="8"[\s\S]*DỰ THẢO/);
    expect(first).toContain('<w:spacing w:after="0"/>');
    expect(headerOf(files, 'default')).not.toContain('DỰ THẢO');
    expect(body(files)).not.toContain('DỰ THẢO');
    const final = await docx(demoInput('NQ', false));
    expect(headerOf(final, 'first')).not.toContain('DỰ THẢO');
  });
});

describe('tables', () => {
  it('[X5] DOCX: a table of targets takes its column widths from the editor, its header row bold and repeated', async () => {
    const xml = body(await docx(resolutionWithTable()));
    const table = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]).find((t) => t.includes('Chỉ tiêu')) ?? '';
    expect(table).toMatch(/<w:top w:val="single"/);
    const grid = gridOf(table);
    expect(grid).toHaveLength(3);
    expect((grid[0] ?? 0) / (grid[1] ?? 1)).toBeCloseTo(2, 2);
    expect(grid.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(TEXT_TWIPS);
    expect(grid.reduce((a, b) => a + b, 0)).toBeGreaterThan(TEXT_TWIPS - 3);
    const rows = [...table.matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/g)].map((m) => m[0]);
    expect(rows[0]).toContain('<w:tblHeader/>');
    expect(rows[1]).not.toContain('<w:tblHeader/>');
    const head = findParagraph(table, 'Chỉ tiêu');
    expect(head.runs[0]?.bold).toBe(true);
    const cell = findParagraph(table, 'Nhiệm vụ KH&CN chủ trì');
    expect(cell.xml).toContain('<w:pStyle w:val="Compact"/>');
    expect(cell.xml).not.toContain('w:firstLine');
    expect(cell.runs[0]?.bold).toBe(false);
    // 6 pt under it, as the print view leaves.
    const after = paragraphsOf(xml.slice(xml.indexOf(table) + table.length))[0]?.xml ?? '';
    expect(after).toContain('<w:pStyle w:val="RuleLine"/>');
    expect(after).toContain('<w:spacing w:after="80"/>');
  });

  it('[X5] DOCX: equal columns when the editor stored no widths', async () => {
    const xml = body(await docx(resolutionWithTable(false)));
    const table = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]).find((t) => t.includes('Chỉ tiêu')) ?? '';
    expect(gridOf(table)).toEqual([3118, 3118, 3118]);
  });

  it('[X5] print: the same widths as <col> hints, the header row in <thead> (repeated on each page), 13 pt cells', () => {
    const html = printHtml(resolutionWithTable());
    const table = /<table class="grid">[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';
    expect(table).toContain('<colgroup><col width="50.00%"><col width="25.00%"><col width="25.00%"></colgroup>');
    expect(table).toMatch(/<thead><tr><th><p class="a-justify">Chỉ tiêu<\/p><\/th>/);
    expect(table).toMatch(/<\/thead><tbody><tr><td><p class="a-justify">Nhiệm vụ KH&amp;CN chủ trì<\/p><\/td>/);
    expect(table).not.toContain('indent');
    const css = styleOf(html);
    expect(css).toMatch(/\.grid \{[^}]*table-layout: fixed/);
    expect(css).toMatch(/\.grid th, \.grid td \{[^}]*border: 1px solid #000;[^}]*font-size: 13pt/);
    const equal = /<table class="grid">[\s\S]*?<\/table>/.exec(printHtml(resolutionWithTable(false)))?.[0] ?? '';
    expect(colsOf(equal)).toEqual([33.33, 33.33, 33.33]);
  });
});
