import type { JSONContent } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import { buildTemplate } from '../../shared/templates/index.ts';
import { MAX_BLOCKS, screenBlocks } from './textBlocks.ts';

const p = (text: string, attrs: Record<string, unknown> = { textAlign: 'justify' }): JSONContent => ({
  type: 'paragraph',
  attrs,
  ...(text ? { content: [{ type: 'text', text }] } : {}),
});

const meeting = {
  ...{ title: 'Hội nghị Tổng kết công tác năm 2023', kind: 'employee_conference' as const, startsAt: '2023-12-19T08:00' },
  ...{ place: 'Hội trường', locality: 'Hà Nội', issuingBody: 'Trung tâm Công nghệ Laser', parentBody: 'Viện', symbol: 'TTCNL' },
  agenda: [],
};

/** The resolution's template with a table of targets put after its first article. */
function resolution(): JSONContent {
  const json = buildTemplate('NQ', { meeting, chairs: ['Cung Hồng Kiên'], secretaries: ['Trần Thu Hà'], attendance: { present: 5, total: 7 } });
  const content = [...(json.content ?? [])];
  const article = content.findIndex((node) => JSON.stringify(node).includes('Điều 1.'));
  const cell = (text: string) => ({ type: 'tableCell', content: [p(text)] });
  const row = (...texts: string[]) => ({ type: 'tableRow', content: texts.map(cell) });
  content.splice(article + 1, 0, { type: 'table', content: [row('Chỉ tiêu', 'Năm 2024'), row('Đề tài', '12')] });
  return { ...json, content };
}

describe('a text on the projector', () => {
  it('[PJ6] leaves out the official header and the signatures, keeps the body with its marks, lines and tables', () => {
    const source = resolution();
    expect(JSON.stringify(source)).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(JSON.stringify(source)).toContain('TM. HỘI NGHỊ');
    const blocks = screenBlocks(source);
    const lines = blocks.map((b) => (b.kind === 'paragraph' ? b.runs.map((r) => r.text).join('') : JSON.stringify(b.rows)));
    expect(lines.join('\n')).not.toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(lines.join('\n')).not.toContain('TM. HỘI NGHỊ');
    expect(blocks[0]).toEqual({ kind: 'paragraph', align: 'center', heading: false, runs: [{ text: 'NGHỊ QUYẾT', bold: true }] });
    const article = lines.indexOf('Điều 1. …');
    expect(article).toBeGreaterThan(0);
    expect(blocks[article]).toMatchObject({ runs: [{ text: 'Điều 1. ', bold: true }, { text: '…' }] });
    expect(lines[article + 1]).toBe(JSON.stringify([['Chỉ tiêu', 'Năm 2024'], ['Đề tài', '12']]));
    expect(lines.at(-1)).toContain('Điều 3.');
  });

  it('[PJ6] writes meeting facts and vote results as their words (or the blank), hard breaks as new lines, lists numbered', () => {
    const blocks = screenBlocks({
      type: 'doc',
      content: [
        p(''),
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Có mặt: ' },
            { type: 'meetingFact', attrs: { fact: 'attendance', text: '45/47 đại biểu' } },
            { type: 'hardBreak' },
            { type: 'meetingFact', attrs: { fact: 'endsAt', text: '' } },
          ],
        },
        { type: 'voteResult', attrs: { motionId: 'm1', text: 'Kết quả biểu quyết: 45/47 tán thành.' } },
        { type: 'voteResult', attrs: { motionId: 'm2', text: { evil: true } } },
        { type: 'orderedList', attrs: { start: 3 }, content: [{ type: 'listItem', content: [p('ba')] }, { type: 'listItem', content: [p('bốn')] }] },
        { type: 'bulletList', content: [{ type: 'listItem', content: [p('gạch')] }] },
        p(''),
        p(''),
        p('cuối', { textAlign: 'javascript:alert(1)' }),
        p(''),
      ],
    });
    const text = (i: number) => {
      const block = blocks[i];
      return block?.kind === 'paragraph' ? block.runs.map((r) => r.text).join('') : null;
    };
    expect(text(0)).toBe('Có mặt: 45/47 đại biểu\n…');
    expect(text(1)).toBe('Kết quả biểu quyết: 45/47 tán thành.');
    expect(text(2)).toBe('…');
    expect([text(3), text(4), text(5)]).toEqual(['3. ba', '4. bốn', '• gạch']);
    // Empty lines collapse to one, and none stands first or last; an unknown alignment is left's.
    expect(text(6)).toBe('');
    expect(blocks[7]).toMatchObject({ kind: 'paragraph', align: 'left', runs: [{ text: 'cuối' }] });
    expect(blocks).toHaveLength(8);
  });

  it('[PJ6] stops at a bound, however long the text', () => {
    const long = { type: 'doc', content: Array.from({ length: 5000 }, (_, i) => p(`Đoạn ${i}`)) };
    expect(screenBlocks(long)).toHaveLength(MAX_BLOCKS);
    const huge = { type: 'doc', content: Array.from({ length: 50 }, () => p('x'.repeat(10_000))) };
    expect(screenBlocks(huge).length).toBeLessThanOrEqual(2);
    expect(screenBlocks(null)).toEqual([]);
  });
});
