/**
 * Compare two versions of a document: blocks aligned by their text (jsdiff's `diffArrays`), then the words of
 * each block that changed (`diffWords`). The result is plain data; DiffView renders it with <ins> and <del>.
 */
import type { JSONContent } from '@tiptap/core';
import { diffArrays, diffWords } from 'diff';
import { flattenBlocks, type BlockKind, type TextBlock } from './blocks.ts';

export interface Segment {
  op: 'same' | 'ins' | 'del';
  text: string;
}

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
 * Words by the locale's word segmenter where the browser has one: a Vietnamese syllable ("quyết") is one
 * token, never split at a diacritic. jsdiff's own tokenizer also keeps precomposed syllables whole; the text
 * is NFC (blocks.ts), so the segmenter is a second guard rather than the only one.
 */
const segmenter = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter('vi', { granularity: 'word' }) : undefined;

/** The words of `before` and `after`, with neighbouring runs of the same kind merged. */
export function diffText(before: string, after: string): Segment[] {
  const changes = diffWords(before.normalize('NFC'), after.normalize('NFC'), segmenter ? { intlSegmenter: segmenter } : {});
  const segments: Segment[] = [];
  for (const change of changes) {
    const op = change.added ? 'ins' : change.removed ? 'del' : 'same';
    const last = segments[segments.length - 1];
    if (last && last.op === op) last.text += change.value;
    else if (change.value !== '') segments.push({ op, text: change.value });
  }
  return segments;
}

/** How much of two texts their word diff keeps, 0–1 (the Dice coefficient over characters kept). */
function similarity(segments: readonly Segment[], before: string, after: string): number {
  const total = before.length + after.length;
  if (total === 0) return 1;
  const kept = segments.filter((s) => s.op === 'same').reduce((sum, s) => sum + s.text.trim().length, 0);
  return (2 * kept) / total;
}

/** Below this share of words kept, an edited block reads better as one deleted and one inserted. */
const SAME_BLOCK = 0.5;
/** How far ahead a removed block looks for the inserted block it became (keeps the pairing linear). */
const LOOKAHEAD = 8;

/**
 * A run of removed blocks followed by inserted ones: each removed block is paired, in order, with the inserted
 * block most like it (an edit), and what is left is deleted or inserted whole.
 */
function pairRun(removed: readonly TextBlock[], added: readonly TextBlock[], out: BlockChange[]): void {
  let next = 0;
  for (const old of removed) {
    let best: { index: number; segments: Segment[]; score: number } | null = null;
    for (let j = next; j < Math.min(added.length, next + LOOKAHEAD); j++) {
      const candidate = added[j]!;
      const segments = diffText(old.text, candidate.text);
      const score = similarity(segments, old.text, candidate.text);
      if (score >= SAME_BLOCK && (!best || score > best.score)) best = { index: j, segments, score };
    }
    if (!best) {
      out.push({ op: 'del', kind: old.kind, text: old.text });
      continue;
    }
    for (; next < best.index; next++) out.push({ op: 'ins', kind: added[next]!.kind, text: added[next]!.text });
    const edited = added[best.index]!;
    // Only spacing differs (diffWords compares words, not the spaces between them): nothing to mark.
    const marked = best.segments.some((s) => s.op !== 'same');
    out.push(marked ? { op: 'changed', kind: edited.kind, segments: best.segments } : { op: 'same', kind: edited.kind, text: edited.text });
    next = best.index + 1;
  }
  for (; next < added.length; next++) out.push({ op: 'ins', kind: added[next]!.kind, text: added[next]!.text });
}

export function diffBlocks(before: readonly TextBlock[], after: readonly TextBlock[]): BlockChange[] {
  const out: BlockChange[] = [];
  let removed: TextBlock[] = [];
  let added: TextBlock[] = [];
  const flush = () => {
    pairRun(removed, added, out);
    removed = [];
    added = [];
  };
  for (const change of diffArrays([...before], [...after], { comparator: (a, b) => a.text === b.text })) {
    if (change.removed) removed.push(...change.value);
    else if (change.added) added.push(...change.value);
    else {
      flush();
      for (const block of change.value) out.push({ op: 'same', kind: block.kind, text: block.text });
    }
  }
  flush();
  return out;
}

export function diffDocuments(before: JSONContent, after: JSONContent): BlockChange[] {
  return diffBlocks(flattenBlocks(before), flattenBlocks(after));
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
