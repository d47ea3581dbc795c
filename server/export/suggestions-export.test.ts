import { describe, expect, it } from 'vitest';
import { SUGGEST_DELETE, SUGGEST_INSERT, SUGGESTED_PARAGRAPH } from '../../shared/editor/suggestion-marks.ts';
import { inlinesOf } from './inline.ts';
import { printHtml } from './print.ts';
import { bodyXml, docx, paragraphsOf } from './testing.ts';

const who = { id: 's1', by: 'u-an', name: 'Nguyễn Văn An', at: '2026-12-03T08:00:00.000Z' };

describe('exports of a text with suggestions', () => {
  it('[SG8] print the text as it stands: suggested insertions left out, suggested deletions kept, unmarked', () => {
    const runs = inlinesOf([
      { type: 'text', text: 'đạt ' },
      { type: 'text', text: '80%', marks: [{ type: SUGGEST_DELETE, attrs: who }] },
      { type: 'text', text: '90%', marks: [{ type: SUGGEST_INSERT, attrs: who }, { type: 'bold' }] },
      { type: 'text', text: ' chỉ tiêu' },
    ]);
    expect(runs.map((r) => (r.kind === 'text' ? r.text : '\n')).join('')).toBe('đạt 80% chỉ tiêu');
    expect(runs.every((r) => r.kind !== 'text' || (!r.marks.strike && !r.marks.underline))).toBe(true);
  });

  it('[SG8][SG10] leave out a paragraph suggested whole until it is accepted', async () => {
    const clause = (attrs: Record<string, unknown>) => ({
      type: 'paragraph',
      attrs: { [SUGGESTED_PARAGRAPH]: attrs },
      content: [{ type: 'text', text: '3. Khoản đề xuất thêm.', marks: [{ type: SUGGEST_INSERT, attrs: who }] }],
    });
    const input = (suggestion: Record<string, unknown>) => ({
      content: {
        type: 'doc',
        content: [
          { type: 'paragraph', content: [{ type: 'text', text: 'Điều 1. Thông qua báo cáo.' }] },
          clause(suggestion),
          { type: 'paragraph', content: [{ type: 'text', text: 'Điều 2. Hiệu lực.' }] },
        ],
      },
      kind: 'NQ' as const,
      title: 'Nghị quyết',
      draft: true,
    });
    const texts = paragraphsOf(bodyXml(await docx(input(who)))).map((p) => p.text).filter((t) => t !== '');
    expect(texts).toEqual(['Điều 1. Thông qua báo cáo.', 'Điều 2. Hiệu lực.']);
    const html = printHtml(input(who));
    expect(html).not.toContain('Khoản đề xuất');
    expect(html.match(/<p[\s>]/g)?.length).toBe(printHtml({ ...input(who), content: { type: 'doc', content: input(who).content.content.filter((_, i) => i !== 1) } }).match(/<p[\s>]/g)?.length);
  });
});
