/**
 * Compare two versions of a document: blocks aligned by their text, then the words of each block that changed
 * (words.ts). The result is plain data; DiffView renders it with <ins> and <del>.
 *
 * Any member can save a version, so either side may be hostile (a 400-row table, a 2 MB paragraph): the work is
 * counted against a budget, and what would cost more is shown coarser (a paragraph deleted and inserted whole,
 * blocks aligned only by their common start and end) rather than freezing the page.
 */
import type { JSONContent } from '@tiptap/core';
import { diffArrays } from 'diff';
import { flattenBlocks, type BlockKind, type TextBlock } from './blocks.ts';
import { charge, commonCount, diffWordsWithin, type Budget, type Segment, type WordDiff } from './words.ts';

export type { Segment } from './words.ts';

export type BlockChange =
  | { op: 'same' | 'ins' | 'del'; kind: BlockKind; text: string }
  /** The same block, edited: its words, kept, inserted and deleted, in order. */
  | { op: 'changed'; kind: BlockKind; segments: Segment[] };

export interface DiffCounts {
  changed: number;
  inserted: number;
  deleted: number;
}

/**
 * Steps a whole comparison may take (token and block comparisons, Myers' tokens × edits): some tens of
 * milliseconds on a phone. A budget of its own can be passed, as the tests do.
 */
export const DIFF_BUDGET = 2_000_000;
/** Most of it the alignment of blocks may take (the rest pairs and compares their words). */
const MAX_ALIGN_WORK = 500_000;

/** Below this share of words kept, an edited block reads better as one deleted and one inserted. */
const SAME_BLOCK = 0.5;
/** A pair in order that keeps this much is taken without looking further. */
const CLEAR_PAIR = 0.8;
/** How far ahead a removed block looks for the inserted block it became (keeps the pairing linear). */
const LOOKAHEAD = 8;

/** The words of `before` and `after`, with neighbouring runs of the same kind merged (unbounded: for one pair). */
export function diffText(before: string, after: string): Segment[] {
  const result = diffWordsWithin({ text: before.normalize('NFC') }, { text: after.normalize('NFC') }, { left: Infinity }, 0, true);
  return result?.segments() ?? [];
}

/**
 * A run of removed blocks followed by inserted ones: each removed block is paired, in order, with the inserted
 * block most like it (an edit), and what is left is deleted or inserted whole. A pair keeps at least half its
 * words, or stands at the same place in a run of as many removed as inserted blocks (between unchanged
 * neighbours) and changed in one stretch: "Kính gửi" → "Kính thưa", "Thư ký: Lê Thị Hoa" → "Thư ký: Trần Văn Bình".
 */
function pairRun(removed: readonly TextBlock[], added: readonly TextBlock[], out: BlockChange[], budget: Budget): void {
  let next = 0;
  const positionalRun = removed.length === added.length;
  removed.forEach((old, index) => {
    let best: { index: number; result: WordDiff; score: number } | null = null;
    for (let j = next; j < Math.min(added.length, next + LOOKAHEAD); j++) {
      const positional = positionalRun && j === index;
      const result = diffWordsWithin(old, added[j]!, budget, SAME_BLOCK, positional);
      if (!result) continue;
      // A single changed stretch in place is a good pair whatever its share; beside others it competes by share.
      const score = positional && result.oneStretch ? Math.max(result.kept, SAME_BLOCK) : result.kept;
      if (!best || score > best.score) best = { index: j, result, score };
      // The next block in order, kept mostly or changed in one stretch in place: no block further on is clearer.
      if (j === next && (score >= CLEAR_PAIR || (positional && result.oneStretch))) break;
    }
    if (!best) {
      out.push({ op: 'del', kind: old.kind, text: old.text });
      return;
    }
    for (; next < best.index; next++) out.push({ op: 'ins', kind: added[next]!.kind, text: added[next]!.text });
    const edited = added[best.index]!;
    // Only spacing differs (words are compared, not the spaces between them): nothing to mark.
    const segments = best.result.segments();
    const marked = segments.some((s) => s.op !== 'same');
    out.push(marked ? { op: 'changed', kind: edited.kind, segments } : { op: 'same', kind: edited.kind, text: edited.text });
    next = best.index + 1;
  });
  for (; next < added.length; next++) out.push({ op: 'ins', kind: added[next]!.kind, text: added[next]!.text });
}

type Run = { op: 'same' | 'removed' | 'added'; blocks: TextBlock[] };

/**
 * Blocks aligned by their text: the common start and end, then the middle by Myers' diff over the blocks' ids
 * (equal text, equal id), bounded by the budget; past it the middle is one run of removed then inserted blocks,
 * which pairRun still pairs in order.
 */
function alignBlocks(before: readonly TextBlock[], after: readonly TextBlock[], budget: Budget): Run[] {
  const ids = new Map<string, number>();
  const id = (block: TextBlock) => {
    let value = ids.get(block.text);
    if (value === undefined) ids.set(block.text, (value = ids.size));
    return value;
  };
  const a = before.map(id);
  const b = after.map(id);
  charge(budget, a.length + b.length);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const runs: Run[] = [];
  const push = (op: Run['op'], blocks: TextBlock[]) => {
    if (blocks.length > 0) runs.push({ op, blocks });
  };
  push('same', after.slice(0, head));
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const size = midA.length + midB.length;
  const maxEdits = Math.min(size, Math.floor(Math.min(MAX_ALIGN_WORK, budget.left) / Math.max(1, size)));
  // Every block of one side without its equal on the other is an edit: more of them than allowed, and Myers
  // would only spend its bound to find that out.
  const fewestEdits = size - 2 * commonCount(midA, midB);
  let changes: ReturnType<typeof diffArrays<number>> | undefined;
  if (size > 0 && fewestEdits <= maxEdits) {
    changes = diffArrays(midA, midB, { maxEditLength: maxEdits });
    charge(budget, Math.min(budget.left, size * maxEdits));
  }
  if (changes) {
    let i = head;
    let j = head;
    for (const change of changes) {
      const count = change.count ?? change.value.length;
      if (change.removed) push('removed', before.slice(i, (i += count)));
      else if (change.added) push('added', after.slice(j, (j += count)));
      else {
        push('same', after.slice(j, j + count));
        i += count;
        j += count;
      }
    }
  } else {
    push('removed', before.slice(head, before.length - tail));
    push('added', after.slice(head, after.length - tail));
  }
  push('same', after.slice(after.length - tail));
  return runs;
}

export function diffBlocks(before: readonly TextBlock[], after: readonly TextBlock[], budget: Budget = { left: DIFF_BUDGET }): BlockChange[] {
  const out: BlockChange[] = [];
  let removed: TextBlock[] = [];
  let added: TextBlock[] = [];
  const flush = () => {
    pairRun(removed, added, out, budget);
    removed = [];
    added = [];
  };
  for (const run of alignBlocks(before, after, budget)) {
    if (run.op === 'removed') removed.push(...run.blocks);
    else if (run.op === 'added') added.push(...run.blocks);
    else {
      flush();
      for (const block of run.blocks) out.push({ op: 'same', kind: block.kind, text: block.text });
    }
  }
  flush();
  return out;
}

export function diffDocuments(before: JSONContent, after: JSONContent, budget?: Budget): BlockChange[] {
  return diffBlocks(flattenBlocks(before), flattenBlocks(after), budget);
}

export function countChanges(changes: readonly BlockChange[]): DiffCounts {
  const counts: DiffCounts = { changed: 0, inserted: 0, deleted: 0 };
  for (const change of changes) {
    if (change.op === 'changed') counts.changed++;
    else if (change.op === 'ins') counts.inserted++;
    else if (change.op === 'del') counts.deleted++;
  }
  return counts;
}
