import { describe, expect, it } from 'vitest';
import { documentBlocks, hasFirstLineIndent, type ParagraphBlock } from './blocks.ts';
import { boldArticlePrefix, cleanText, inlinesOf, textRuns, type Inline } from './inline.ts';
import { textWidthPt } from './text-width.ts';

const bold = { bold: true, italic: false, underline: false, strike: false, code: false };
const plain = { ...bold, bold: false };
const runs = (inlines: Inline[]) => inlines.map((i) => (i.kind === 'text' ? [i.text, i.marks.bold] : ['\n', false]));
const only = (json: object): ParagraphBlock => {
  const [block] = documentBlocks({ type: 'doc', content: [json] });
  if (block?.type !== 'paragraph') throw new Error('expected one paragraph');
  return block;
};

describe('articles', () => {
  it('[X4] bolds "Điều n." at the start of a paragraph and nothing else', () => {
    expect(runs(boldArticlePrefix(textRuns('Điều 12. Tổ chức thực hiện')))).toEqual([
      ['Điều 12.', true],
      [' Tổ chức thực hiện', false],
    ]);
    expect(runs(boldArticlePrefix(textRuns('Điều khoản chuyển tiếp')))).toEqual([['Điều khoản chuyển tiếp', false]]);
    expect(runs(boldArticlePrefix(textRuns('Căn cứ Điều 5. của Luật')))).toEqual([['Căn cứ Điều 5. của Luật', false]]);
    expect(runs(boldArticlePrefix(textRuns('Điều 1 không có dấu chấm')))).toEqual([['Điều 1 không có dấu chấm', false]]);
  });

  it('[X4] finds the prefix across runs and in decomposed Vietnamese, keeping the other marks', () => {
    const split: Inline[] = [
      { kind: 'text', text: 'Điề', marks: { ...plain, italic: true } },
      { kind: 'text', text: 'u 2. Giao', marks: plain },
    ];
    expect(boldArticlePrefix(split)).toEqual([
      { kind: 'text', text: 'Điề', marks: { ...bold, italic: true } },
      { kind: 'text', text: 'u 2.', marks: bold },
      { kind: 'text', text: ' Giao', marks: plain },
    ]);
    const decomposed = only({ type: 'paragraph', content: [{ type: 'text', text: 'Điều 3. Hiệu lực'.normalize('NFD') }] });
    expect(runs(decomposed.inlines)).toEqual([
      ['Điều 3.', true],
      [' Hiệu lực', false],
    ]);
  });
});

describe('blocks of the editor JSON', () => {
  it('[X2] justifies a paragraph without an alignment, and indents only justified body text', () => {
    const p = only({ type: 'paragraph', content: [{ type: 'text', text: 'Nội dung' }] });
    expect(p.align).toBe('justify');
    expect(hasFirstLineIndent(p, 'body')).toBe(true);
    expect(hasFirstLineIndent(p, 'header')).toBe(false);
    expect(hasFirstLineIndent(p, 'signatures')).toBe(false);
    expect(hasFirstLineIndent(p, 'list')).toBe(false);
    expect(hasFirstLineIndent({ ...p, align: 'center' }, 'body')).toBe(false);
    expect(hasFirstLineIndent({ ...p, heading: 2 }, 'body')).toBe(false);
  });

  it('[X3] keeps the rule and the font size of a paragraph, and ignores values the schema does not allow', () => {
    const p = only({ type: 'paragraph', attrs: { textAlign: 'left', rule: 'short', fontSize: 12 } });
    expect(p).toMatchObject({ align: 'left', rule: 'short', fontSize: 12, inlines: [] });
    const odd = only({ type: 'paragraph', attrs: { textAlign: 'sideways', rule: 'wavy', fontSize: 72 } });
    expect(odd).toMatchObject({ align: 'justify', rule: null, fontSize: null });
  });

  it('[X5] turns a vote result into a body paragraph of its text, and a hard break into a line break', () => {
    expect(only({ type: 'voteResult', attrs: { motionId: 'm', text: 'Kết quả biểu quyết: 10/10.' } })).toMatchObject({
      align: 'justify',
      inlines: [{ kind: 'text', text: 'Kết quả biểu quyết: 10/10.' }],
    });
    const p = only({ type: 'paragraph', content: [{ type: 'text', text: 'a' }, { type: 'hardBreak' }, { type: 'text', text: 'b' }] });
    expect(runs(p.inlines)).toEqual([
      ['a', false],
      ['\n', false],
      ['b', false],
    ]);
  });

  it('[X5] keeps the text of a node it does not know', () => {
    const blocks = documentBlocks({ type: 'doc', content: [{ type: 'callout', content: [{ type: 'text', text: 'Lưu ý' }] }] });
    expect(blocks).toMatchObject([{ type: 'paragraph', inlines: [{ kind: 'text', text: 'Lưu ý' }] }]);
  });

  it('[X7] writes composed Vietnamese and drops characters XML cannot hold', () => {
    expect(cleanText('Nghi\u0323 quyê\u0301t')).toBe('Nghị quyết');
    expect(cleanText('a\u0000b\u0008c\u000bd\uFFFEe\uD800f\tg')).toBe('abcdef\tg');
    expect(runs(inlinesOf([{ type: 'text', text: 'x\ny' }]))).toEqual([
      ['x', false],
      ['\n', false],
      ['y', false],
    ]);
  });
});

describe('text width', () => {
  it('[X3] measures Times New Roman, Vietnamese letters as their base letter', () => {
    // Bold "M" is 944/1000 em; "Đ" measures as "D", "ộ" as "o".
    expect(textWidthPt([{ text: 'M', bold: true }], 10)).toBeCloseTo(9.44);
    expect(textWidthPt([{ text: 'Độ', bold: false }], 10)).toBeCloseTo(textWidthPt([{ text: 'Do', bold: false }], 10));
    expect(textWidthPt([{ text: 'Độc lập - Tự do - Hạnh phúc', bold: true }], 13)).toBeGreaterThan(150);
    expect(textWidthPt([{ text: 'Độc lập - Tự do - Hạnh phúc', bold: true }], 13)).toBeLessThan(170);
    // The last printable ASCII character has its own width (541, 520), so the tables are neither short nor shifted.
    expect(textWidthPt([{ text: '~', bold: false }], 1000)).toBeCloseTo(541);
    expect(textWidthPt([{ text: '~', bold: true }], 1000)).toBeCloseTo(520);
  });
});
