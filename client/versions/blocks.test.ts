import type { JSONContent } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import { body, bold, centred, columns, doc, paragraph } from '../../shared/templates/blocks.ts';
import { flattenBlocks } from './blocks.ts';

const list = (type: 'bulletList' | 'orderedList', items: string[]): JSONContent => ({
  type,
  content: items.map((text) => ({ type: 'listItem', content: [paragraph(text)] })),
});

describe('a version as blocks of text', () => {
  it('[VU5] reads the header left column then right, then the body, ignoring formatting and empty paragraphs', () => {
    const text = doc([
      columns('header', [centred(bold('TRUNG TÂM CNL')), centred('Số:      /NQ-TTCNL')], [centred(bold('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'))]),
      { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'NGHỊ QUYẾT' }] },
      body([bold('Điều 1. '), { text: 'Thông qua.' }]),
      centred(''),
    ]);
    expect(flattenBlocks(text)).toEqual([
      { kind: 'paragraph', text: 'TRUNG TÂM CNL' },
      { kind: 'paragraph', text: 'Số:      /NQ-TTCNL' },
      { kind: 'paragraph', text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM' },
      { kind: 'heading', text: 'NGHỊ QUYẾT' },
      { kind: 'paragraph', text: 'Điều 1. Thông qua.' },
    ]);
  });

  it('[VU5] gives list items, table cells and vote results blocks of their own kind', () => {
    const text = doc([
      list('bulletList', ['Tổ 1', 'Tổ 2']),
      { type: 'table', content: [{ type: 'tableRow', content: [{ type: 'tableCell', content: [paragraph('45')] }] }] },
      { type: 'voteResult', attrs: { motionId: 'm1', text: 'Kết quả biểu quyết: 45/47 tán thành.' } },
      { type: 'voteResult', attrs: { motionId: 'm2', text: '' } },
    ]);
    expect(flattenBlocks(text)).toEqual([
      { kind: 'listItem', text: 'Tổ 1' },
      { kind: 'listItem', text: 'Tổ 2' },
      { kind: 'tableCell', text: '45' },
      { kind: 'voteResult', text: 'Kết quả biểu quyết: 45/47 tán thành.' },
    ]);
  });

  it('[VU5] keeps line breaks and normalises text to NFC', () => {
    const text = doc([
      { type: 'paragraph', content: [{ type: 'text', text: 'Nơi nhận:' }, { type: 'hardBreak' }, { type: 'text', text: '- Lưu: VT.'.normalize('NFD') }] },
    ]);
    expect(flattenBlocks(text)).toEqual([{ kind: 'paragraph', text: 'Nơi nhận:\n- Lưu: VT.' }]);
  });
});
