import { describe, expect, it } from 'vitest';
import { Ranges } from './ranges.ts';

describe('ranges of row numbers', () => {
  it('[C6] adding joins touching and overlapping ranges; removing takes exactly the numbers named', () => {
    const r = new Ranges();
    expect(r.empty).toBe(true);
    r.add(5, 7);
    r.add(1, 2);
    r.add(3, 4);
    r.add(10, 10);
    expect(r.ranges()).toEqual([
      [1, 7],
      [10, 10],
    ]);
    r.add(6, 12);
    expect(r.ranges()).toEqual([[1, 12]]);
    r.remove([
      [3, 4],
      [12, 20],
    ]);
    expect(r.ranges()).toEqual([
      [1, 2],
      [5, 11],
    ]);
    r.remove([[0, 11]]);
    expect(r.empty).toBe(true);
  });
});
