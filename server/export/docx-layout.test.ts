import { describe, expect, it } from 'vitest';
import { DOCUMENT_KINDS } from '../../shared/meeting.ts';
import {
  bodyXml as body,
  cellTexts,
  demoInput,
  docx,
  findParagraph,
  paragraphsOf,
  runWith,
  tablesOf,
  templateInput,
} from './testing.ts';

describe('DOCX package and page', () => {
  it('[X1] is a Word package with its parts, titled and attributed to Quorum', async () => {
    const files = await docx(demoInput('NQ'));
    expect(files['[Content_Types].xml']).toContain('wordprocessingml.document.main+xml');
    expect(body(files)).toContain('<w:body>');
    expect(files['word/styles.xml']).toBeDefined();
    expect(files['docProps/core.xml']).toContain('<dc:title>Nghị quyết Hội nghị cán bộ viên chức năm 2023</dc:title>');
    expect(files['docProps/core.xml']).toContain('<dc:creator>Quorum</dc:creator>');
  });

  it('[X1] is A4 with margins top and bottom 20 mm, left 30 mm, right 15 mm, in twips', async () => {
    const xml = body(await docx(demoInput('NQ')));
    // 1 mm = 1440 / 25.4 twips: 210 mm → 11905.5 ≈ 11906, 297 → 16837.8 ≈ 16838, 20 → 1133.9 ≈ 1134,
    // 30 → 1700.8 ≈ 1701, 15 → 850.4 ≈ 850.
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    const margins = /<w:pgMar ([^>]*)\/>/.exec(xml)?.[1] ?? '';
    expect(margins).toContain('w:top="1134"');
    expect(margins).toContain('w:bottom="1134"');
    expect(margins).toContain('w:left="1701"');
    expect(margins).toContain('w:right="850"');
  });

  it('[X1] sets Times New Roman 14 pt in Vietnamese as the default of every style', async () => {
    const styles = (await docx(demoInput('NQ')))['word/styles.xml'] ?? '';
    const defaults = /<w:rPrDefault>([\s\S]*?)<\/w:rPrDefault>/.exec(styles)?.[1] ?? '';
    expect(defaults).toContain('w:ascii="Times New Roman"');
    expect(defaults).toContain('w:hAnsi="Times New Roman"');
    expect(defaults).toContain('<w:sz w:val="28"/>');
    expect(defaults).toContain('<w:lang w:val="vi-VN"/>');
    // None of docx's blue heading styles.
    expect(styles).not.toMatch(/2E74B5|1F4D78/);
  });
});

describe('DOCX of the demo resolution', () => {
  it('[X3] maps the header to a borderless table: issuing body, number line | nation, motto, italic date', async () => {
    const xml = body(await docx(demoInput('NQ')));
    const header = /<w:tbl>[\s\S]*?<\/w:tbl>/.exec(xml)?.[0] ?? '';
    // The text width is 210 − 30 − 15 = 165 mm = 9354 twips, shared from the text's widths (X11).
    expect(header).toContain('<w:gridCol w:w="4092"/><w:gridCol w:w="5262"/>');
    expect(header).toMatch(/<w:insideV w:val="none"/);
    const [left = '', right = '', number = '', date = ''] = tablesOf(xml)[0] ?? [];
    expect(cellTexts(left).filter((t) => t !== '')).toEqual(['VIỆN ỨNG DỤNG CÔNG NGHỆ', 'TRUNG TÂM CÔNG NGHỆ LASER']);
    expect(cellTexts(number)).toEqual(['Số:      /NQ-TTCNL']);
    expect(cellTexts(right).filter((t) => t !== '')).toEqual(['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc']);
    expect(runWith(date, 'Hà Nội, ngày 19 tháng 12 năm 2023')?.italic).toBe(true);
    expect(runWith(left, 'TRUNG TÂM CÔNG NGHỆ LASER')?.bold).toBe(true);
    expect(runWith(left, 'VIỆN ỨNG DỤNG CÔNG NGHỆ')?.bold).toBe(false);
    expect(runWith(right, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')?.bold).toBe(true);
    expect(runWith(right, 'Độc lập - Tự do - Hạnh phúc')?.bold).toBe(true);
    // Capitals 12 pt, the other lines the columns' 13 pt, so that the nation stays on one line.
    for (const caps of ['VIỆN ỨNG DỤNG CÔNG NGHỆ', 'TRUNG TÂM CÔNG NGHỆ LASER']) expect(runWith(left, caps)?.size).toBe(24);
    expect(runWith(right, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')?.size).toBe(24);
    expect(runWith(right, 'Độc lập - Tự do - Hạnh phúc')?.size).toBe(null);
    expect(runWith(number, 'Số:      /NQ-TTCNL')?.size).toBe(null);
    const styles = (await docx(demoInput('NQ')))['word/styles.xml'] ?? '';
    expect(styles).toMatch(/w:styleId="Compact">[^]*?<w:sz w:val="26"\/>/);
    // Word puts no space around a table: a line of 12 pt stands between the header and the title.
    const afterHeader = paragraphsOf(xml.slice(xml.indexOf('</w:tbl>')))[0]?.xml ?? '';
    expect(afterHeader).toContain('<w:pStyle w:val="RuleLine"/>');
    expect(afterHeader).toContain('<w:spacing w:after="200"/>');
    for (const p of paragraphsOf(left + right)) expect(p.xml).not.toContain('w:firstLine');
    expect(paragraphsOf(left)[0]?.xml).toContain('<w:pStyle w:val="Compact"/>');
  });

  it('[X3] draws a short rule 0.4 of the issuing body under it, and one as long as the motto', async () => {
    const xml = body(await docx(demoInput('NQ')));
    const [left = '', right = ''] = tablesOf(xml)[0] ?? [];
    const ruleAfter = (cell: string, text: string) => {
      const ps = paragraphsOf(cell);
      const rule = ps[ps.findIndex((p) => p.text === text) + 1]?.xml ?? '';
      expect(rule).toContain('<w:pStyle w:val="RuleLine"/>');
      expect(rule).toMatch(/<w:pBdr><w:bottom w:val="single"/);
      const [, l = '0', r = '0'] = /<w:ind w:left="(\d+)" w:right="(\d+)"\/>/.exec(rule) ?? [];
      return { left: Number(l), right: Number(r) };
    };
    // Left cell: 4092 twips less the 113-twip gap to the right column. "TRUNG TÂM CÔNG NGHỆ LASER" in 12 pt bold
    // is about 195 pt (3895 twips) of Times New Roman: the rule is 0.4 of it, between the decree's 1/3 and 1/2.
    const shortRule = ruleAfter(left, 'TRUNG TÂM CÔNG NGHỆ LASER');
    expect(shortRule.left).toBe(shortRule.right);
    const short = 3979 - shortRule.left - shortRule.right;
    expect(short).toBeGreaterThan(3895 / 3);
    expect(short).toBeLessThan(3895 / 2);
    // "Độc lập - Tự do - Hạnh phúc" in 13 pt bold is about 158 pt (3160 twips) of Times New Roman.
    const motto = ruleAfter(right, 'Độc lập - Tự do - Hạnh phúc');
    const stroke = 5149 - motto.left - motto.right;
    expect(stroke).toBeGreaterThan(2900);
    expect(stroke).toBeLessThan(3400);
  });

  it('[X2] justifies body paragraphs with a 1.27 cm first-line indent; centred lines have none', async () => {
    const xml = body(await docx(demoInput('NQ')));
    const basis = paragraphsOf(xml).find((p) => p.text.startsWith('Căn cứ Luật Thực hiện dân chủ'));
    expect(basis?.xml).toContain('<w:jc w:val="both"/>');
    expect(basis?.xml).toContain('<w:ind w:firstLine="720"/>');
    expect(basis?.runs[0]?.italic).toBe(true);
    for (const title of ['NGHỊ QUYẾT', 'QUYẾT NGHỊ:']) {
      const p = findParagraph(xml, title);
      expect(p.xml).toContain('<w:jc w:val="center"/>');
      expect(p.xml).not.toContain('w:firstLine');
      expect(p.runs[0]?.bold).toBe(true);
    }
    const styles = (await docx(demoInput('NQ')))['word/styles.xml'] ?? '';
    expect(/<w:pPrDefault>[\s\S]*?<w:spacing w:after="120" w:line="276"/.test(styles)).toBe(true);
  });

  it('[X4] writes "Điều n." of each article in a bold run, Vietnamese intact', async () => {
    const xml = body(await docx(demoInput('NQ')));
    for (const n of [1, 2, 3]) {
      const article = paragraphsOf(xml).find((p) => p.text.startsWith(`Điều ${n}.`));
      expect(article?.runs[0]?.text.startsWith(`Điều ${n}.`)).toBe(true);
      expect(article?.runs[0]?.xml).toContain('<w:b/>');
      expect(article?.runs[1]?.bold).toBe(false);
    }
    expect(xml).toContain('Thông qua Báo cáo tổng kết công tác năm 2023');
  });

  it('[X3] signs "TM. HỘI NGHỊ" over "CHỦ TỌA" on the right, "Nơi nhận:" 12 pt and its list 11 pt on the left', async () => {
    const xml = body(await docx(demoInput('NQ')));
    const signatures = tablesOf(xml).at(-1) ?? [];
    const [left = '', right = ''] = signatures;
    expect(xml).toMatch(/<w:gridCol w:w="4677"\/><w:gridCol w:w="4677"\/>/);
    expect(cellTexts(right)).toEqual(['TM. HỘI NGHỊ', 'CHỦ TỌA', '', '', '', 'Cung Hồng Kiên']);
    expect(runWith(right, 'CHỦ TỌA')?.bold).toBe(true);
    expect(runWith(right, 'Cung Hồng Kiên')?.bold).toBe(true);
    const recipients = runWith(left, 'Nơi nhận:');
    expect(recipients).toMatchObject({ bold: true, italic: true, size: 24 });
    expect(runWith(left, '- Lưu: VT, ….')?.size).toBe(22);
    expect(cellTexts(left)).toContain('- Công đoàn Viện;');
  });

  it('[X2] keeps the height of empty paragraphs: the room for the signature is three empty lines', async () => {
    const [, right = ''] = tablesOf(body(await docx(demoInput('NQ')))).at(-1) ?? [];
    const empties = paragraphsOf(right).filter((p) => p.text === '');
    expect(empties).toHaveLength(3);
    for (const p of empties) expect(p.xml).toContain('<w:pStyle w:val="Compact"/>');
  });
});

describe('DOCX of the demo minutes', () => {
  it('[X3] signs THƯ KÝ on the left and CHỦ TỌA on the right, then lists the recipients', async () => {
    const xml = body(await docx(demoInput('BB')));
    expect(findParagraph(xml, 'BIÊN BẢN').runs[0]?.bold).toBe(true);
    const [left = '', right = ''] = tablesOf(xml).at(-1) ?? [];
    expect(cellTexts(left)[0]).toBe('THƯ KÝ');
    expect(cellTexts(left).at(-1)).toBe('Trần Thị Thu Hà');
    expect(cellTexts(right)[0]).toBe('CHỦ TỌA');
    expect(cellTexts(right).at(-1)).toBe('Cung Hồng Kiên');
    const after = xml.slice(xml.lastIndexOf('</w:tbl>'));
    expect(findParagraph(after, 'Nơi nhận:').runs[0]).toMatchObject({ bold: true, italic: true, size: 24 });
    expect(xml).toContain('Hội nghị kết thúc vào');
  });

  it('[X1] builds every kind of template into a document with the national heading', async () => {
    for (const kind of DOCUMENT_KINDS) {
      expect(body(await docx(templateInput(kind)))).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    }
  });
});
