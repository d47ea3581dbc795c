import type { JSONContent } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import { buildTemplate, type TemplateData } from '../../shared/templates/index.ts';
import { DEMO } from '../demo/data.ts';
import { withNumberLine } from './content.ts';

const DATA: TemplateData = {
  meeting: DEMO.meeting,
  chairs: ['Cung Hồng Kiên'],
  secretaries: ['Trần Thị Thu Hà'],
  attendance: { present: 23, total: 25 },
};

const texts = (node: JSONContent): string[] =>
  node.type === 'paragraph' ? [(node.content ?? []).map((c) => c.text ?? '').join('')] : (node.content ?? []).flatMap(texts);

describe('the number line', () => {
  it('[FN1] the template’s "Số:      /NQ-TTCNL" becomes "Số: 01/NQ-TTCNL" in place, nothing else changes', () => {
    const doc = buildTemplate('NQ', DATA);
    const before = texts(doc);
    const after = texts(withNumberLine(doc, 'Số: 01/NQ-TTCNL'));
    const index = before.findIndex((t) => t.startsWith('Số:'));
    expect(index).toBeGreaterThan(-1);
    expect(after[index]).toBe('Số: 01/NQ-TTCNL');
    expect(after.filter((_, i) => i !== index)).toEqual(before.filter((_, i) => i !== index));
  });

  it('[FN1] a header whose number line was deleted gets it back at the end of its left column; a document without a header at the top', () => {
    const doc = buildTemplate('NQ', DATA);
    const header = doc.content![0]!;
    const left = header.content![0]!;
    const stripped: JSONContent = {
      ...doc,
      content: [
        { ...header, content: [{ ...left, content: left.content!.filter((p) => !texts(p)[0]!.startsWith('Số:')) }, header.content![1]!] },
        ...doc.content!.slice(1),
      ],
    };
    const restored = withNumberLine(stripped, 'Số: 02/NQ-TTCNL');
    expect(texts(restored.content![0]!.content![0]!).at(-1)).toBe('Số: 02/NQ-TTCNL');
    const bare: JSONContent = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Nội dung' }] }] };
    expect(texts(withNumberLine(bare, 'Số: 03/NQ-TTCNL'))).toEqual(['Số: 03/NQ-TTCNL', 'Nội dung']);
  });
});
