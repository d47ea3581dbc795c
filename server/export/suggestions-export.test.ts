import { describe, expect, it } from 'vitest';
import { SUGGEST_DELETE, SUGGEST_INSERT } from '../../shared/editor/suggestion-marks.ts';
import { inlinesOf } from './inline.ts';

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
});
