import { describe, expect, it } from 'vitest';
import {
  HOSTILE,
  MIXED,
  VOTE_TEXT,
  bodyXml as body,
  cellTexts,
  demoInput,
  docx,
  findParagraph,
  headerOf,
  hostileInput,
  paragraphsOf,
  runWith,
  runsOf,
  tablesOf,
} from './testing.ts';

const mixed = (draft = false) => docx({ content: MIXED, kind: 'blank', title: 'Hỗn hợp', draft });

describe('DOCX of what the templates do not make', () => {
  it('[X4] bolds "Điều n." that the author did not bold, also split across runs, and not in mid-sentence', async () => {
    const xml = body(await mixed());
    const two = findParagraph(xml, 'Điều 2. Giao Ban chấp hành thực hiện.');
    expect(two.runs.map((r) => [r.text, r.bold])).toEqual([
      ['Điều 2.', true],
      [' Giao Ban chấp hành thực hiện.', false],
    ]);
    expect(findParagraph(xml, 'Điều 3. Hiệu lực.').runs.map((r) => [r.text, r.bold])).toEqual([
      ['Điều 3.', true],
      [' Hiệu lực.', false],
    ]);
    expect(findParagraph(xml, 'Theo Điều 4. không in đậm giữa câu.').runs.every((r) => !r.bold)).toBe(true);
  });

  it('[X5] exports a vote result as its text in a body paragraph, and a blank while the vote is open', async () => {
    const xml = body(await mixed());
    expect(findParagraph(xml, VOTE_TEXT).xml).toContain('<w:ind w:firstLine="720"/>');
    expect(paragraphsOf(xml).some((p) => p.text === '…')).toBe(true);
  });

  it('[X5] numbers lists with Word numbering: "-" bullets, "1." points, "a)" sub-points, each list from its start', async () => {
    const files = await mixed();
    const xml = body(files);
    const numbering = files['word/numbering.xml'] ?? '';
    expect(numbering).toContain('<w:lvlText w:val="-"/>');
    expect(numbering).toContain('<w:lvlText w:val="%1."/>');
    expect(numbering).toContain('<w:lvlText w:val="%2)"/>');
    expect(numbering).toMatch(/<w:start w:val="3"\/>/);
    const numId = (text: string) => /<w:numId w:val="(\d+)"\/>/.exec(findParagraph(xml, text).xml)?.[1];
    const level = (text: string) => /<w:ilvl w:val="(\d+)"\/>/.exec(findParagraph(xml, text).xml)?.[1];
    expect(numId('Mục gạch đầu dòng một')).toBe(numId('Mục hai'));
    expect(numId('Điểm một')).toBe(numId('Điểm hai'));
    expect(numId('Điểm con a')).toBe(numId('Điểm một'));
    expect(level('Điểm con a')).toBe('1');
    expect(level('Điểm một')).toBe('0');
    expect(numId('Điểm ba, danh sách mới')).not.toBe(numId('Điểm một'));
    expect(numId('Mục hai')).not.toBe(numId('Điểm một'));
    // A second list from 1 is a list of its own that Word counts again from 1.
    const again = numId('Điểm một lần nữa');
    expect(again).not.toBe(numId('Điểm một'));
    expect(numbering).toMatch(new RegExp(`<w:num w:numId="${again}">[^]*?<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/>`));
  });

  it('[X5] maps a table to a bordered Word table, header row repeated, spans kept', async () => {
    const xml = body(await mixed());
    const grid = /<w:tbl>[\s\S]*?<\/w:tbl>/.exec(xml)?.[0] ?? '';
    expect(grid).toMatch(/<w:insideV w:val="single"/);
    expect(grid).toContain('<w:tblHeader/>');
    expect(grid).toContain('<w:gridSpan w:val="2"/>');
    expect(tablesOf(xml)[0]?.map((c) => cellTexts(c).join(''))).toEqual(['Họ và tên', 'Chức vụ', 'Cung Hồng Kiên', 'Phó Giám đốc', 'Ý kiến chung']);
    expect(runWith(grid, 'Họ và tên')?.bold).toBe(true);
    expect(runWith(grid, 'Cung Hồng Kiên')?.bold).toBe(false);
  });

  it('[X5] gives headings bold black Times New Roman styles a little larger than the body', async () => {
    const files = await mixed();
    expect(findParagraph(body(files), 'Phần một').xml).toContain('<w:pStyle w:val="Heading1"/>');
    const h1 = /<w:style [^>]*w:styleId="Heading1"[\s\S]*?<\/w:style>/.exec(files['word/styles.xml'] ?? '')?.[0] ?? '';
    expect(h1).toContain('<w:b/>');
    expect(h1).toContain('<w:sz w:val="32"/>');
    expect(h1).toContain('<w:color w:val="000000"/>');
  });
});

describe('DOCX draft mark and escaping', () => {
  it('[X6] marks a draft "DỰ THẢO" in a boxed bold 12 pt header of the first page, and in its title', async () => {
    const files = await docx(demoInput('NQ', true));
    expect(body(files)).toMatch(/<w:headerReference w:type="first"/);
    const header = headerOf(files, 'first');
    const mark = runsOf(header).find((r) => r.text.trim() === 'DỰ THẢO');
    expect(mark).toMatchObject({ bold: true, size: 24 });
    expect(mark?.xml).toContain('<w:bdr w:val="single"');
    expect(header).toContain('<w:jc w:val="right"/>');
    expect(files['docProps/core.xml']).toContain('<dc:title>Nghị quyết Hội nghị cán bộ viên chức năm 2023 (DỰ THẢO)</dc:title>');
  });

  it('[X6] has no "DỰ THẢO" anywhere once final', async () => {
    const files = await docx(demoInput('NQ', false));
    for (const [name, xml] of Object.entries(files)) expect(xml, name).not.toContain('DỰ THẢO');
    // The headers stay: the page numbers (X10).
    expect(headerOf(files, 'default')).toContain('PAGE');
  });

  it('[X7] escapes markup and ampersands in text and title, and drops characters XML cannot hold', async () => {
    const files = await docx(hostileInput());
    const xml = body(files);
    expect(xml).toContain('&lt;script&gt;alert(');
    expect(xml).toContain(' Nguyễn &amp; Cộng sự &lt;b&gt;');
    expect(xml).not.toContain('<script>');
    expect(paragraphsOf(xml).map((p) => p.text)).toContain(HOSTILE);
    expect(paragraphsOf(xml).map((p) => p.text)).toContain('ABC');
    expect(files['docProps/core.xml']).toContain('<dc:title>Văn bản &lt;i&gt;&amp;&lt;/i&gt;</dc:title>');
  });
});
