import type { SeqRange } from '../storage/store.ts';

/**
 * A set of row numbers kept as sorted, disjoint, non-adjacent ranges: what a room holds of its document's stored rows
 * and has not folded yet. A reader-only room relaying a long meeting holds one range, not one number per row.
 */
export class Ranges {
  private list: [number, number][] = [];

  /** Adds `from` … `to` (both included). */
  add(from: number, to: number): void {
    if (to < from) return;
    const out: [number, number][] = [];
    let a = from;
    let b = to;
    let placed = false;
    for (const [x, y] of this.list) {
      if (y + 1 < a) out.push([x, y]);
      else if (b + 1 < x) {
        if (!placed) out.push([a, b]);
        placed = true;
        out.push([x, y]);
      } else {
        a = Math.min(a, x);
        b = Math.max(b, y);
      }
    }
    if (!placed) out.push([a, b]);
    this.list = out;
  }

  /** Removes every number in `ranges`. */
  remove(ranges: readonly SeqRange[]): void {
    for (const [from, to] of ranges) {
      const out: [number, number][] = [];
      for (const [x, y] of this.list) {
        if (y < from || x > to) {
          out.push([x, y]);
          continue;
        }
        if (x < from) out.push([x, from - 1]);
        if (y > to) out.push([to + 1, y]);
      }
      this.list = out;
    }
  }

  get empty(): boolean {
    return this.list.length === 0;
  }

  /** A copy of the ranges, lowest first. */
  ranges(): SeqRange[] {
    return this.list.map(([a, b]) => [a, b] as const);
  }
}
