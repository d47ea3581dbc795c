import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { escapeHtml } from './escape.ts';
import { PRINT_CSP, printHtml } from './print.ts';
import { HOSTILE, MIXED, VOTE_TEXT, demoInput, hostileInput } from './testing.ts';

const mainOf = (html: string) => /<main class="sheet">([\s\S]*)<\/main>/.exec(html)?.[1] ?? '';
const styleOf = (html: string) => /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
const tables = (html: string) => [...html.matchAll(/<table class="columns columns-(\w+)"[^>]*>([\s\S]*?)<\/table>/g)];
const cells = (table: string) => [...table.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((m) => m[1] ?? '');
const rows = (table: string) => [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => cells(m[0]));

describe('print view page', () => {
  it('[X8] is one self-contained Vietnamese UTF-8 page: no external resource, no script but the print button', () => {
    const html = printHtml(demoInput('NQ'));
    expect(html.startsWith('<!doctype html>\n<html lang="vi">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<title>Nghị quyết Hội nghị cán bộ viên chức năm 2023</title>');
    expect(html).not.toMatch(/<link|<img|<iframe|\bsrc=|\bhref=|@import|url\(/i);
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toContain('<button type="button" id="print">In / Print</button>');
  });

  it('[SEC2] allows its stylesheet and print button by their SHA-256 hashes only: no unsafe-inline, no handler attribute', () => {
    const html = printHtml(demoInput('NQ'));
    const hash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    expect(script).toContain('window.print()');
    expect(html.match(/\son\w+=/g)).toBeNull();
    expect(PRINT_CSP).toContain(`script-src ${hash(script)}`);
    expect(PRINT_CSP).toContain(`style-src ${hash(styleOf(html))}`);
    expect(PRINT_CSP).toMatch(/^default-src 'none';/);
    expect(PRINT_CSP).not.toContain('unsafe-inline');
    expect(PRINT_CSP).toContain("frame-ancestors 'none'");
  });

  it('[X8] prints on A4 with margins 20 mm top and bottom, 30 mm left, 15 mm right, in Times New Roman 14 pt', () => {
    const css = styleOf(printHtml(demoInput('NQ')));
    expect(css).toMatch(/@page \{\s*size: A4; margin: 20mm 15mm 20mm 30mm;/);
    expect(css).toMatch(/body \{[^}]*font-family: 'Times New Roman'[^}]*font-size: 14pt/);
  });

  it('[X8] shows a white A4 sheet on grey on screen, and hides the toolbar and the sheet frame in print', () => {
    const css = styleOf(printHtml(demoInput('NQ')));
    expect(css).toMatch(/\.sheet \{[^}]*width: 210mm; min-height: 297mm;[^}]*padding: 20mm 15mm 20mm 30mm; background: #fff;/);
    expect(css).toMatch(/html \{ background: #d4d4d4; \}/);
    const print = /@media print \{([\s\S]*?)\n\}/.exec(css)?.[1] ?? '';
    expect(print).toContain('.toolbar { display: none; }');
    expect(print).toMatch(/\.sheet \{[^}]*padding: 0;[^}]*box-shadow: none/);
  });
});

describe('print view of the demo documents', () => {
  it('[X3] lays the header out as a table: issuing body ruled short, motto ruled once, as long as itself', () => {
    const html = printHtml(demoInput('NQ'));
    const [header] = tables(html);
    expect(header?.[1]).toBe('header');
    const [[left = '', right = ''] = [], [number = '', date = ''] = []] = rows(header?.[2] ?? '');
    expect(left).toContain('<p class="a-center caps">VIỆN ỨNG DỤNG CÔNG NGHỆ</p>');
    expect(left).toContain(
      '<p class="a-center caps ruled"><span class="rule-box rule-short"><strong>TRUNG TÂM CÔNG NGHỆ LASER</strong></span></p>',
    );
    expect(number).toBe('<p class="a-center">Số:      /NQ-TTCNL</p>');
    expect(right).toContain('<p class="a-center caps"><strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong></p>');
    // One rule: the class that draws it is on the box around the motto only, and the paragraph stays centred.
    expect(right).toContain(
      '<p class="a-center ruled"><span class="rule-box rule-text"><strong>Độc lập - Tự do - Hạnh phúc</strong></span></p>',
    );
    expect(right.match(/rule-text/g)).toHaveLength(1);
    expect(date).toBe('<p class="a-center"><em>Hà Nội, ngày 19 tháng 12 năm 2023</em></p>');
    const css = styleOf(html);
    expect(css).toMatch(/\.rule-box \{ display: inline-block;/);
    expect(css).toMatch(/\.rule-text \{[^}]*border-bottom: 1px solid #000/);
    expect(css).toMatch(/\.rule-short::after \{[^}]*width: 40\.00%; margin: 3pt auto 0/);
    expect(css).toMatch(/\.columns td \{[^}]*font-size: 13pt/);
    expect(css).toContain('.columns-header .caps { font-size: 12pt; }');
    // The spaces of "Số:      /" are the registry's blank: they must not collapse.
    expect(styleOf(html)).toMatch(/p, h1, h2, h3 \{[^}]*white-space: pre-wrap/);
  });

  it('[X2] indents justified body paragraphs only, and gives empty ones a line', () => {
    const html = mainOf(printHtml(demoInput('NQ')));
    expect(html).toContain('<p class="a-justify indent"><em>Căn cứ Luật Thực hiện dân chủ');
    expect(html).toContain('<p class="a-center"><strong>NGHỊ QUYẾT</strong></p>');
    expect(html).toContain('<p class="a-center"><strong>QUYẾT NGHỊ:</strong></p>');
    for (const table of tables(html)) expect(table[2]).not.toContain('indent');
    expect(html.match(/<p class="a-center"><br><\/p>/g)).toHaveLength(3);
    expect(styleOf(printHtml(demoInput('NQ')))).toContain('.indent { text-indent: 1.27cm; }');
  });

  it('[X4] prints "Điều n." of each article in bold', () => {
    const html = mainOf(printHtml(demoInput('NQ')));
    for (const n of [1, 2, 3]) expect(html).toMatch(new RegExp(`<p class="a-justify indent[^"]*"><strong>Điều ${n}\\. </strong>`));
  });

  it('[X3] signs the resolution for the conference, and the minutes by the secretary and the chair', () => {
    const nq = tables(printHtml(demoInput('NQ'))).at(-1);
    expect(nq?.[1]).toBe('signatures');
    const [recipients = '', signer = ''] = cells(nq?.[2] ?? '');
    expect(recipients).toContain('<p class="a-left fs-12"><strong><em>Nơi nhận:</em></strong></p>');
    expect(recipients).toContain('<p class="a-left fs-11">- Lưu: VT, ….</p>');
    expect(signer).toMatch(/TM\. HỘI NGHỊ[\s\S]*CHỦ TỌA[\s\S]*Cung Hồng Kiên/);

    const bb = printHtml(demoInput('BB'));
    const [secretary = '', chair = ''] = cells(tables(bb).at(-1)?.[2] ?? '');
    expect(secretary).toMatch(/THƯ KÝ[\s\S]*Trần Thị Thu Hà/);
    expect(chair).toMatch(/CHỦ TỌA[\s\S]*Cung Hồng Kiên/);
    expect(bb).toContain('<strong>BIÊN BẢN</strong>');
  });

  it('[X5] prints lists, a table, headings and vote results', () => {
    const html = mainOf(printHtml({ content: MIXED, kind: 'blank', title: 'Hỗn hợp', draft: false }));
    expect(html).toContain('<h1 class="a-left">Phần một</h1>');
    expect(html).toContain('<ul><li><p class="a-justify">Mục gạch đầu dòng một</p></li>');
    expect(html).toContain('<ol start="3">');
    expect(html).toContain(`<p class="a-justify indent">${VOTE_TEXT}</p>`);
    expect(html).toContain('<th><p class="a-justify">Họ và tên</p></th>');
    expect(html).toContain('<td colspan="2">');
  });
});

describe('print view draft mark and escaping', () => {
  it('[X6] shows "DỰ THẢO" boxed at the top right of the first page, in its top margin: on screen and on paper', () => {
    const html = printHtml(demoInput('NQ', true));
    expect(mainOf(html).trimStart().startsWith('<div class="draft-mark">DỰ THẢO</div>')).toBe(true);
    const css = styleOf(html);
    // On screen: in the sheet's top margin, 10 mm down, at the right margin, out of the flow.
    expect(css).toMatch(/\.draft-mark \{\s*position: absolute; top: 10mm; right: 15mm;/);
    expect(css).toMatch(/\.draft-mark \{[^}]*font: bold 12pt\/1\.15 [^}]*border: 1pt solid #000;[^}]*padding: 1pt 3pt/);
    // On paper: the first page's top-right margin box, from a second stylesheet only a draft has.
    const draftCss = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1] ?? '')[1] ?? '';
    expect(draftCss).toMatch(/@page :first \{\s*@top-right \{\s*content: 'DỰ THẢO'; font: bold 12pt/);
    expect(draftCss).toMatch(/border: 1pt solid #000;[^}]*margin: 10mm 0 auto auto/);
    expect(html).toContain('<title>Nghị quyết Hội nghị cán bộ viên chức năm 2023 (DỰ THẢO)</title>');
  });

  it('[X6] has no draft mark once final', () => {
    const html = printHtml(demoInput('NQ', false));
    expect(html).not.toContain('DỰ THẢO');
    expect(html.match(/<style>/g)).toHaveLength(1);
  });

  it('[X7] escapes markup and ampersands in the text and the title', () => {
    const html = printHtml(hostileInput());
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Nguyễn &amp; Cộng sự &lt;b&gt;');
    expect(html).toContain('<title>Văn bản &lt;i&gt;&amp;&lt;/i&gt;</title>');
    expect(html).not.toContain('<script>alert');
    expect(html.match(/<script>/g)).toHaveLength(1);
    expect(html).not.toContain('<b>');
    expect(html).toContain('>ABC</p>');
  });

  it('[X7] escapeHtml turns every character with a meaning in HTML text or attributes into an entity', () => {
    expect(escapeHtml(HOSTILE)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Nguyễn &amp; Cộng sự &lt;b&gt;');
    expect(escapeHtml(`a'b"c`)).toBe('a&#39;b&quot;c');
    expect(escapeHtml('&amp;')).toBe('&amp;amp;');
    expect(escapeHtml('Độc lập - Tự do - Hạnh phúc')).toBe('Độc lập - Tự do - Hạnh phúc');
  });
});
