import { describe, expect, it } from 'vitest';
import { collapseUnchanged } from './collapse.ts';
import type { BlockChange } from './diff.ts';

const same = (text: string): BlockChange => ({ op: 'same', kind: 'paragraph', text });
const ins = (text: string): BlockChange => ({ op: 'ins', kind: 'paragraph', text });
const shape = (rows: ReturnType<typeof collapseUnchanged>) =>
  rows.map((row) => (row.op === 'gap' ? `gap${row.hidden.length}` : row.change.op === 'same' ? row.change.text : `+${row.change.op}`));

describe('folding unchanged paragraphs', () => {
  it('[VU6] keeps one paragraph of context around each change and folds the rest', () => {
    const changes = ['a', 'b', 'c', 'd', 'e'].map(same).concat([ins('x')], ['f', 'g', 'h', 'i', 'j', 'k'].map(same), [ins('y')]);
    expect(shape(collapseUnchanged(changes))).toEqual(['gap4', 'e', '+ins', 'f', 'gap4', 'k', '+ins']);
  });

  it('[VU6] does not fold runs too short to be worth a button', () => {
    const changes = [same('a'), same('b'), ins('x'), same('c'), same('d'), same('e'), ins('y'), same('f')];
    expect(shape(collapseUnchanged(changes))).toEqual(['a', 'b', '+ins', 'c', 'd', 'e', '+ins', 'f']);
  });

  it('[VU6] shows an unchanged document whole', () => {
    const changes = ['a', 'b', 'c', 'd', 'e', 'f'].map(same);
    expect(shape(collapseUnchanged(changes))).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });
});
