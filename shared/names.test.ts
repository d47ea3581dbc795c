import { describe, expect, it } from 'vitest';
import { compareVietnameseNames } from './names.ts';

describe('Vietnamese name order', () => {
  it('sorts by given name (the last word), then by the whole name, in Vietnamese collation', () => {
    const names = ['Nguyễn Thị Lan', 'Cung Hồng Kiên', 'Trần Văn Bình', 'Lê Thị Hoa', 'Đỗ Văn An', 'Phạm Đức Anh'];
    expect([...names].sort(compareVietnameseNames)).toEqual([
      'Đỗ Văn An',
      'Phạm Đức Anh',
      'Trần Văn Bình',
      'Lê Thị Hoa',
      'Cung Hồng Kiên',
      'Nguyễn Thị Lan',
    ]);
  });
});
