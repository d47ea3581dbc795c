import type { JSONContent } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import { body, centred, columns, doc } from '../../shared/templates/blocks.ts';
import { countChanges, diffDocuments, diffText, type BlockChange } from './diff.ts';

const marks = (changes: readonly BlockChange[]) =>
  changes.flatMap((c) => (c.op === 'changed' ? c.segments.filter((s) => s.op !== 'same').map((s) => `${s.op}:${s.text.trim()}`) : []));

describe('comparing two versions', () => {
  it('[VU4] marks an inserted word inside a paragraph, and nothing else', () => {
    const before = doc([body('Hội nghị đã thảo luận.'), body('Điều 1. Thông qua báo cáo.')]);
    const after = doc([body('Hội nghị đã thảo luận.'), body('Điều 1. Thông qua toàn văn báo cáo.')]);
    const changes = diffDocuments(before, after);
    expect(changes.map((c) => c.op)).toEqual(['same', 'changed']);
    expect(marks(changes)).toEqual(['ins:toàn văn']);
    expect(countChanges(changes)).toEqual({ changed: 1, inserted: 0, deleted: 0 });
  });

  it('[VU4] shows a deleted paragraph whole, its neighbours unchanged', () => {
    const before = doc([body('Căn cứ Luật Thực hiện dân chủ ở cơ sở;'), body('Căn cứ kết quả biểu quyết;'), body('QUYẾT NGHỊ:')]);
    const after = doc([body('Căn cứ Luật Thực hiện dân chủ ở cơ sở;'), body('QUYẾT NGHỊ:')]);
    const changes = diffDocuments(before, after);
    expect(changes).toEqual([
      { op: 'same', kind: 'paragraph', text: 'Căn cứ Luật Thực hiện dân chủ ở cơ sở;' },
      { op: 'del', kind: 'paragraph', text: 'Căn cứ kết quả biểu quyết;' },
      { op: 'same', kind: 'paragraph', text: 'QUYẾT NGHỊ:' },
    ]);
  });

  it('[VU4] shows an inserted paragraph whole, also when it follows an edited one', () => {
    const before = doc([body('Điều 1. Thông qua báo cáo.'), body('Điều 3. Hiệu lực.')]);
    const after = doc([body('Điều 1. Thông qua báo cáo tổng kết.'), body('Điều 2. Giao Thủ trưởng đơn vị tổ chức thực hiện.'), body('Điều 3. Hiệu lực.')]);
    const changes = diffDocuments(before, after);
    expect(changes.map((c) => c.op)).toEqual(['changed', 'ins', 'same']);
    expect(changes[1]).toEqual({ op: 'ins', kind: 'paragraph', text: 'Điều 2. Giao Thủ trưởng đơn vị tổ chức thực hiện.' });
    expect(marks(changes)).toEqual(['ins:tổng kết']);
  });

  it('[VU4] a paragraph rewritten beyond recognition is one deleted and one inserted, not a jumble of words', () => {
    const changes = diffDocuments(doc([body('Khai mạc hội nghị.')]), doc([body('Bế mạc lúc 11 giờ 30.')]));
    expect(changes.map((c) => c.op)).toEqual(['del', 'ins']);
  });

  it('[VU4] an unchanged document has no marks at all', () => {
    const text = doc([columns('header', [centred('TRUNG TÂM')], [centred('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')]), body('Nội dung.')]);
    const changes = diffDocuments(text, structuredClone(text));
    expect(changes.every((c) => c.op === 'same')).toBe(true);
    expect(countChanges(changes)).toEqual({ changed: 0, inserted: 0, deleted: 0 });
  });

  it('[VU4] keeps Vietnamese syllables whole: "Nghị quyết" → "Nghị quyết số" inserts only "số"', () => {
    expect(diffText('Nghị quyết', 'Nghị quyết số')).toEqual([
      { op: 'same', text: 'Nghị quyết ' },
      { op: 'ins', text: 'số' },
    ]);
    // A changed tone mark changes the whole syllable, never a letter inside it.
    expect(diffText('Nghị quyết này', 'Nghị quyêt này').filter((s) => s.op !== 'same')).toEqual([
      { op: 'del', text: 'quyết' },
      { op: 'ins', text: 'quyêt' },
    ]);
  });

  it('[VU4] the same syllables typed with combining marks (NFD) are not a change', () => {
    const decomposed = 'Nghị quyết'.normalize('NFD');
    expect(decomposed).not.toBe('Nghị quyết');
    expect(diffText(decomposed, 'Nghị quyết')).toEqual([{ op: 'same', text: 'Nghị quyết' }]);
    const changes = diffDocuments(doc([body(decomposed)]), doc([body('Nghị quyết')]));
    expect(changes.map((c) => c.op)).toEqual(['same']);
  });

  it('[VU4] a whitespace-only difference is not reported as an edit', () => {
    const changes = diffDocuments(doc([body('Điều 1.  Thông qua.')]), doc([body('Điều 1. Thông qua.')]));
    expect(changes.map((c) => c.op)).toEqual(['same']);
  });

  it('[VU4] side-by-side halves read back as the two texts', () => {
    const [change] = diffDocuments(doc([body('Thông qua báo cáo năm 2023.')]), doc([body('Thông qua toàn văn báo cáo năm 2024.')]));
    if (change?.op !== 'changed') throw new Error('expected an edited paragraph');
    const side = (drop: 'ins' | 'del') => change.segments.filter((s) => s.op !== drop).map((s) => s.text).join('');
    expect(side('ins')).toBe('Thông qua báo cáo năm 2023.');
    expect(side('del')).toBe('Thông qua toàn văn báo cáo năm 2024.');
  });

  it('[VU4] an empty version against a full one is all inserted', () => {
    const empty: JSONContent = { type: 'doc', content: [] };
    const changes = diffDocuments(empty, doc([body('Một'), body('Hai')]));
    expect(changes.map((c) => c.op)).toEqual(['ins', 'ins']);
  });
});
