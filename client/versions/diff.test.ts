import type { JSONContent } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import { body, centred, columns, doc } from '../../shared/templates/blocks.ts';
import { countChanges, DIFF_BUDGET, diffDocuments, diffText, type BlockChange } from './diff.ts';
import { diffWordsWithin, MAX_WORDS_BLOCK_CHARS, tokenize } from './words.ts';

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

const cell = (text: string): JSONContent => ({ type: 'tableCell', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
const table = (rows: readonly string[][]): JSONContent => ({ type: 'table', content: rows.map((r) => ({ type: 'tableRow', content: r.map(cell) })) });
const targets = Array.from({ length: 400 }, (_, r) => [`${r + 1}`, `Nguyễn Văn ${r}`, `Nhiệm vụ số ${r} của đơn vị`, `Quý ${(r % 4) + 1}`, 'Hoàn thành']);

/**
 * Each side of a comparison read back: the text of the earlier version's blocks, and of the later one's (but for
 * a space at the end, which an insertion at the end of a paragraph leaves on the other side, out of its mark).
 */
function sides(changes: readonly BlockChange[]): { before: string[]; after: string[] } {
  const before: string[] = [];
  const after: string[] = [];
  for (const change of changes) {
    if (change.op === 'changed') {
      before.push(change.segments.filter((s) => s.op !== 'ins').map((s) => s.text).join('').trimEnd());
      after.push(change.segments.filter((s) => s.op !== 'del').map((s) => s.text).join('').trimEnd());
    } else {
      if (change.op !== 'ins') before.push(change.text);
      if (change.op !== 'del') after.push(change.text);
    }
  }
  return { before, after };
}

describe('a paragraph edited in place', () => {
  const between = (before: string, after: string) =>
    diffDocuments(doc([body('Trước.'), body(before), body('Sau.')]), doc([body('Trước.'), body(after), body('Sau.')])).slice(1, -1);

  it('[VU9] a one-word change in a short paragraph is one paragraph with one deletion and one insertion', () => {
    for (const [before, after, del, ins] of [
      ['Kính gửi', 'Kính thưa', 'gửi', 'thưa'],
      ['Điều 1. Thông qua.', 'Điều 1. Ban hành.', 'Thông qua', 'Ban hành'],
      ['Chủ trì: bà Hoa', 'Chủ trì: bà Mai', 'Hoa', 'Mai'],
    ] as const) {
      const changes = between(before, after);
      expect(changes.map((c) => c.op), before).toEqual(['changed']);
      expect(marks(changes)).toEqual([`del:${del}`, `ins:${ins}`]);
    }
  });

  it('[VU9] changed in one stretch at its place, a paragraph is one paragraph however little it keeps', () => {
    const replaced = between('Thư ký: Lê Thị Hoa', 'Thư ký: Trần Văn Bình');
    expect(replaced).toEqual([
      {
        op: 'changed',
        kind: 'paragraph',
        segments: [
          { op: 'same', text: 'Thư ký: ' },
          { op: 'del', text: 'Lê Thị Hoa' },
          { op: 'ins', text: 'Trần Văn Bình' },
        ],
      },
    ]);
    expect(marks(between('Hội nghị', 'Hội nghị tổng kết công tác năm 2023 của Trung tâm'))).toEqual(['ins:tổng kết công tác năm 2023 của Trung tâm']);
    // Nothing but punctuation kept, or two stretches keeping little: deleted and inserted whole (VU4).
    expect(between('Kính.', 'Thưa.').map((c) => c.op)).toEqual(['del', 'ins']);
    expect(between('Khai mạc hội nghị.', 'Bế mạc lúc 11 giờ 30.').map((c) => c.op)).toEqual(['del', 'ins']);
  });

  it('[VU9] the space before a changed word stays outside its mark', () => {
    expect(diffText('Thông qua báo cáo.', 'Thông qua toàn văn báo cáo.')).toEqual([
      { op: 'same', text: 'Thông qua ' },
      { op: 'ins', text: 'toàn văn ' },
      { op: 'same', text: 'báo cáo.' },
    ]);
    expect(diffText('Chủ trì: bà Hoa', 'Chủ trì: ông Bình')).toEqual([
      { op: 'same', text: 'Chủ trì: ' },
      { op: 'del', text: 'bà Hoa' },
      { op: 'ins', text: 'ông Bình' },
    ]);
  });

  it('[VU9] cells edited side by side in a table pair with their own, in order', () => {
    const rows = targets.slice(0, 3);
    const edited = rows.map((r, i) => (i === 1 ? ['2', 'Nguyễn Văn Một', r[2]!, 'Quý II của năm', 'Chưa xong'] : r));
    const changes = diffDocuments(doc([table(rows)]), doc([table(edited)]));
    // "Quý 2" keeps one word in three, but in one stretch at its place; "Hoàn thành" → "Chưa xong" keeps none.
    expect(countChanges(changes)).toEqual({ changed: 2, inserted: 1, deleted: 1 });
    expect(marks(changes)).toEqual(['del:1', 'ins:Một', 'del:2', 'ins:II của năm']);
    expect(sides(changes)).toEqual({ before: rows.flat(), after: edited.flat() });
  });

  it('[VU9] a word is letters, combining marks and digits: each syllable whole, typed precomposed or decomposed', () => {
    const typed = 'Điều 1. Nghị quyết số 01/NQ-TTCNL';
    for (const text of [typed, typed.normalize('NFD')]) {
      expect(tokenize(text).keys).toEqual(['Điều', '1', '.', 'Nghị', 'quyết', 'số', '01', '/', 'NQ', '-', 'TTCNL'].map((k) => k.normalize(text === typed ? 'NFC' : 'NFD')));
    }
    // Compared without composing first, a changed tone mark still changes the whole syllable.
    const nfd = (s: string) => ({ text: s.normalize('NFD') });
    const changed = diffWordsWithin(nfd('Nghị quyết này'), nfd('Nghị quyêt này'), { left: Infinity }, 0, true)!.segments();
    expect(changed.filter((s) => s.op !== 'same').map((s) => `${s.op}:${s.text.normalize('NFC')}`)).toEqual(['del:quyết', 'ins:quyêt']);
  });
});

describe('a comparison of hostile versions', () => {
  /** The comparison, the processor time it took (ms; this process only, so other tests running do not count), and the budget it spent. */
  const timed = (before: JSONContent, after: JSONContent, budget = { left: DIFF_BUDGET }) => {
    const started = process.cpuUsage();
    const changes = diffDocuments(before, after, budget);
    const used = process.cpuUsage(started);
    return { changes, ms: (used.user + used.system) / 1000, spent: DIFF_BUDGET - budget.left };
  };

  it('[VU10] a 2 MB paragraph, rewritten or changed by one word, is shown deleted and inserted whole, at once', () => {
    const long = Array.from({ length: 300_000 }, (_, i) => ['Hội', 'nghị', 'quyết', 'Điều', String(i % 97)][i % 5]).join(' ');
    expect(long.length).toBeGreaterThan(MAX_WORDS_BLOCK_CHARS);
    for (const after of [long.split('').reverse().join(''), long.replace('quyết', 'quyêt')]) {
      const { changes, ms } = timed(doc([body('Mở đầu.'), body(long)]), doc([body('Mở đầu.'), body(after)]));
      expect(changes.map((c) => c.op)).toEqual(['same', 'del', 'ins']);
      expect(sides(changes).after[1]).toBe(after);
      // Word by word, jsdiff alone takes minutes over the rewritten one.
      expect(ms).toBeLessThan(1500);
    }
  });

  it('[VU10] a 400-row table with every cell changed, or its rows reversed, compares within the budget, each side intact', () => {
    const before = doc([body('Chỉ tiêu năm 2024:'), table(targets)]);
    for (const rows of [targets.map((r) => r.map((c) => `${c} (sửa)`)), [...targets].reverse(), targets.map((r, i) => targets[(i * 7919) % 400]!)]) {
      const after = doc([body('Chỉ tiêu năm 2024:'), table(rows)]);
      const { changes, ms, spent } = timed(before, after);
      expect(spent).toBeLessThanOrEqual(DIFF_BUDGET);
      expect(sides(changes)).toEqual({ before: ['Chỉ tiêu năm 2024:', ...targets.flat()], after: ['Chỉ tiêu năm 2024:', ...rows.flat()] });
      expect(ms).toBeLessThan(1500);
    }
    // Every cell changed in one stretch, in place: each one shown as an edit.
    expect(countChanges(timed(before, doc([body('Chỉ tiêu năm 2024:'), table(targets.map((r) => r.map((c) => `${c} (sửa)`)))])).changes)).toEqual({
      changed: 2000,
      inserted: 0,
      deleted: 0,
    });
  });

  it('[VU10] past its budget a comparison shows whole paragraphs, still reading back as the two versions', () => {
    const before = doc([body('Căn cứ Luật Thực hiện dân chủ ở cơ sở;'), body('Điều 1. Thông qua báo cáo.'), body('Điều 2. Hiệu lực.')]);
    const after = doc([body('Căn cứ Luật Thực hiện dân chủ ở cơ sở;'), body('Điều 1. Thông qua toàn văn báo cáo.'), body('Điều 2. Hiệu lực thi hành.')]);
    expect(countChanges(diffDocuments(before, after))).toEqual({ changed: 2, inserted: 0, deleted: 0 });
    const starved = diffDocuments(before, after, { left: 10 });
    expect(countChanges(starved)).toEqual({ changed: 0, inserted: 2, deleted: 2 });
    expect(sides(starved)).toEqual(sides(diffDocuments(before, after)));
  });

  it('[VU10] many long paragraphs with scattered edits stop at the budget', () => {
    const ab = Array.from({ length: 4000 }, (_, i) => (i % 2 ? 'an' : 'bình')).join(' ');
    const ba = Array.from({ length: 4000 }, (_, i) => (i % 3 ? 'an' : 'bình')).join(' ');
    const { changes, ms, spent } = timed(doc(Array.from({ length: 100 }, () => body(ab))), doc(Array.from({ length: 100 }, () => body(ba))));
    expect(spent).toBeLessThanOrEqual(DIFF_BUDGET);
    expect(changes).toHaveLength(200);
    expect(ms).toBeLessThan(1500);
  });
});
