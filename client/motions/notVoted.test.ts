import { describe, expect, it } from 'vitest';
import { notVoted } from './notVoted.ts';

const members = [
  { userId: 'u-kien', fullName: 'Cung Hồng Kiên' },
  { userId: 'u-lan', fullName: 'Phạm Thị Lan' },
  { userId: 'u-dung', fullName: 'Lê Văn Dũng' },
];

describe('who has not voted yet', () => {
  it('[B34] lists those present at the opening without a ballot, in roster order, whoever left the roster last', () => {
    expect(notVoted(['u-dung', 'u-kien', 'u-lan'], { 'u-lan': 'for' }, members)).toEqual([
      { userId: 'u-kien', fullName: 'Cung Hồng Kiên' },
      { userId: 'u-dung', fullName: 'Lê Văn Dũng' },
    ]);
    // A secret ballot shows only that the person voted; a latecomer's ballot is not someone waited for.
    expect(notVoted(['u-dung', 'u-gone'], { 'u-dung': 'voted', 'u-late': 'voted' }, members)).toEqual([
      { userId: 'u-gone', fullName: '' },
    ]);
    expect(notVoted(['u-kien'], undefined, members)).toEqual([{ userId: 'u-kien', fullName: 'Cung Hồng Kiên' }]);
  });
});
