/**
 * The words of one paragraph compared with the words of another, within a budget of work.
 *
 * The tokenizer is our own rather than jsdiff's `diffWords`: its word class is a list of Latin ranges without the
 * combining marks (U+0300–U+036F), and the optional `Intl.Segmenter` differs between browsers. Here a word is a
 * run of letters, combining marks and digits (`\p{L}\p{M}\p{N}`), so a Vietnamese syllable ("Điều", "quyết"),
 * precomposed or typed with combining marks, is always one token; every other visible character is a token of
 * its own, and spaces ride along in front of the token they precede, so a change of spacing alone is no change.
 */
import { diffArrays } from 'diff';

export interface Segment {
  op: 'same' | 'ins' | 'del';
  text: string;
}

/** Work left for a whole comparison, in steps of the word and block alignments (see `charge`). */
export interface Budget {
  left: number;
}

/** Longest paragraph whose words are compared; a longer one changed is shown deleted and inserted whole. */
export const MAX_WORDS_BLOCK_CHARS = 20_000;
/** Most steps one pair of paragraphs may take (Myers' bound, tokens × edits), so one pair cannot take it all. */
const MAX_PAIR_WORK = 500_000;

interface Tokens {
  /** Each token as written, with the spaces before it (and, for the last, after it). */
  texts: string[];
  /** What is compared: the token without its spaces. */
  keys: string[];
  /** How many of the first i tokens are words (letters or digits), for the share of words kept. */
  wordsBefore: Int32Array;
}

const TOKEN = /\s*(?:[\p{L}\p{M}\p{N}\p{Pc}]+|\S)/gu;
const WORD = /[\p{L}\p{N}]/u;

const cache = new WeakMap<object, Tokens>();

export function tokenize(text: string): Tokens {
  const texts: string[] = text.match(TOKEN) ?? [];
  const consumed = texts.reduce((sum, t) => sum + t.length, 0);
  // Spaces after the last token belong to it; a text of spaces only is one token that compares as nothing.
  if (consumed < text.length) {
    if (texts.length > 0) texts[texts.length - 1] += text.slice(consumed);
    else texts.push(text);
  }
  const keys = texts.map((t) => t.trim());
  const wordsBefore = new Int32Array(keys.length + 1);
  keys.forEach((key, i) => (wordsBefore[i + 1] = wordsBefore[i]! + (WORD.test(key) ? 1 : 0)));
  return { texts, keys, wordsBefore };
}

/** The tokens of a block, computed once however many candidates it is compared with, charged when computed. */
function tokensOf(block: { text: string }, budget: Budget): Tokens | null {
  let tokens = cache.get(block);
  if (!tokens) {
    if (!charge(budget, Math.ceil(block.text.length / 4))) return null;
    cache.set(block, (tokens = tokenize(block.text)));
  }
  return tokens;
}

/** Spends `steps` of the budget; false, spending nothing, when there is not that much left. */
export function charge(budget: Budget, steps: number): boolean {
  if (steps > budget.left) return false;
  budget.left -= steps;
  return true;
}

export interface WordDiff {
  /** Share of the words kept, 0–1: twice the words kept over the words of both (Dice). */
  kept: number;
  /** Whether what changed is one stretch (one deletion and/or one insertion) with at least one word kept around it. */
  oneStretch: boolean;
  /** The words, kept, deleted and inserted, in order: built only for the pair that is shown. */
  segments(): Segment[];
}

/** Fixed cost of weighing one pair, in steps, whatever its length. */
const PAIR_STEPS = 200;

/** How many items of a[aFrom, aTo) and b[bFrom, bTo) are alike, counted as bags: an upper bound of any alignment. */
export function commonCount<T>(a: readonly T[], b: readonly T[], [aFrom, aTo] = [0, a.length], [bFrom, bTo] = [0, b.length]): number {
  if (aFrom >= aTo || bFrom >= bTo) return 0;
  const counts = new Map<T, number>();
  for (let i = aFrom; i < aTo; i++) counts.set(a[i]!, (counts.get(a[i]!) ?? 0) + 1);
  let common = 0;
  for (let j = bFrom; j < bTo; j++) {
    const n = counts.get(b[j]!) ?? 0;
    if (n > 0) {
      common++;
      counts.set(b[j]!, n - 1);
    }
  }
  return common;
}

const wordsIn = (tokens: Tokens, from: number, to: number): number => tokens.wordsBefore[to]! - tokens.wordsBefore[from]!;

/**
 * How two paragraphs compare word by word, or null when the pair is not worth showing as one or not
 * affordable: longer than MAX_WORDS_BLOCK_CHARS, over the budget, or (unless `positional`) keeping less than
 * `minKept` of the words. `positional`: the two stand at the same place between unchanged neighbours, so one
 * changed stretch with a word kept around it is enough.
 */
export function diffWordsWithin(
  before: { text: string },
  after: { text: string },
  budget: Budget,
  minKept: number,
  positional: boolean,
): WordDiff | null {
  if (before.text.length > MAX_WORDS_BLOCK_CHARS || after.text.length > MAX_WORDS_BLOCK_CHARS) return null;
  const a = tokensOf(before, budget);
  const b = a && tokensOf(after, budget);
  if (!a || !b) return null;
  const n = a.keys.length;
  const m = b.keys.length;
  if (!charge(budget, PAIR_STEPS + n + m)) return null;
  const totalWords = a.wordsBefore[n]! + b.wordsBefore[m]!;
  const share = (keptWords: number) => (totalWords === 0 ? 1 : (2 * keptWords) / totalWords);

  // The common start and end, token by token: cheap, and most edits touch a few words in the middle.
  let head = 0;
  while (head < n && head < m && a.keys[head] === b.keys[head]) head++;
  let tail = 0;
  while (tail < n - head && tail < m - head && a.keys[n - 1 - tail] === b.keys[m - 1 - tail]) tail++;
  const aroundWords = wordsIn(a, 0, head) + wordsIn(a, n - tail, n);
  const common = commonCount(a.keys, b.keys, [head, n - tail], [head, m - tail]);

  if (common === 0) {
    // Nothing in the middle is in both: the change is one stretch, and there is nothing to align.
    const kept = share(aroundWords);
    const oneStretch = aroundWords > 0;
    if (kept < minKept && !(positional && oneStretch)) return null;
    const middle = [{ count: n - tail - head, removed: true }, { count: m - tail - head, added: true }];
    return { kept, oneStretch, segments: () => build(a, b, head, tail, middle) };
  }
  // Even keeping every word the middles share would not keep enough: not an edit of this paragraph.
  if (share(aroundWords + common) < minKept) return null;

  const size = n + m - 2 * (head + tail);
  const maxEdits = Math.min(size, Math.floor(Math.min(MAX_PAIR_WORK, budget.left) / size));
  // Each token without its like on the other side is an edit: beyond the bound, Myers cannot finish.
  if (maxEdits < 1 || size - 2 * common > maxEdits) return null;
  const changes = diffArrays(a.keys.slice(head, n - tail), b.keys.slice(head, m - tail), { maxEditLength: maxEdits });
  // What the alignment may have cost, charged whether or not it finished within its bound.
  charge(budget, Math.min(budget.left, size * maxEdits));
  if (!changes) return null;
  let keptWords = aroundWords;
  let i = head;
  for (const change of changes) {
    const count = change.count ?? change.value.length;
    if (!change.added && !change.removed) keptWords += wordsIn(a, i, i + count);
    if (!change.added) i += count;
  }
  const kept = share(keptWords);
  if (kept < minKept) return null;
  return { kept, oneStretch: false, segments: () => build(a, b, head, tail, changes) };
}

/**
 * Segments from the aligned middle and the common ends: kept text as the later version writes it (the spacing
 * of the two may differ), each changed stretch as one deletion then one insertion, its spaces tidied (tidySpaces).
 */
function build(a: Tokens, b: Tokens, head: number, tail: number, middle: readonly { count?: number; added?: boolean; removed?: boolean }[]): Segment[] {
  const segments: Segment[] = [];
  let i = 0;
  let j = 0;
  const same = (count: number) => {
    if (count === 0) return;
    let text = b.texts.slice(j, j + count).join('');
    // After a change the kept words may stand after different spaces on the two sides ("3" → "Quý 3"): each
    // side's space goes with that side's change, so both read back as written.
    const aLead = leadOf(a.texts[i]!);
    const bLead = leadOf(b.texts[j]!);
    if (segments.length > 0 && aLead !== bLead) {
      segments.push({ op: 'del', text: aLead }, { op: 'ins', text: bLead });
      text = text.slice(bLead.length);
    }
    segments.push({ op: 'same', text });
    i += count;
    j += count;
  };
  same(head);
  for (const change of middle) {
    const count = change.count ?? 0;
    if (change.removed) {
      segments.push({ op: 'del', text: a.texts.slice(i, (i += count)).join('') });
    } else if (change.added) {
      segments.push({ op: 'ins', text: b.texts.slice(j, (j += count)).join('') });
    } else same(count);
  }
  same(tail);
  return tidySpaces(merge(segments));
}

/** Neighbouring segments of one kind as one, a stretch's deletion before its insertion, no empty segments. */
function merge(segments: readonly Segment[]): Segment[] {
  const out: Segment[] = [];
  let del = '';
  let ins = '';
  const flush = () => {
    if (del !== '') out.push({ op: 'del', text: del });
    if (ins !== '') out.push({ op: 'ins', text: ins });
    del = ins = '';
  };
  for (const segment of segments) {
    if (segment.op === 'del') del += segment.text;
    else if (segment.op === 'ins') ins += segment.text;
    else if (segment.text !== '') {
      flush();
      const last = out[out.length - 1];
      if (last?.op === 'same') last.text += segment.text;
      else out.push({ ...segment });
    }
  }
  flush();
  return out;
}

/**
 * The space before a changed stretch is kept space, not part of the change, so the marks hold words: shared by
 * a deletion and its insertion, it moves out in front; before a lone insertion (or deletion) whose next kept
 * text starts with the same space, the two swap places (" toàn văn" + " báo" → "toàn văn " + "báo", the same
 * text either side); at the very end it moves out in front too (an invisible trailing space on the other side).
 */
function tidySpaces(segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (let k = 0; k < segments.length; k++) {
    const segment = segments[k]!;
    if (segment.op === 'same') {
      out.push(segment);
      continue;
    }
    const del = segment.op === 'del' && segments[k + 1]?.op === 'ins' ? segment : null;
    const stretch = del ? [del, segments[++k]!] : [segment];
    const next = segments[k + 1];
    let space = '';
    if (stretch.length === 2) {
      const lead = Math.min(leadingSpace(stretch[0]!.text), leadingSpace(stretch[1]!.text));
      if (stretch[0]!.text.slice(0, lead) === stretch[1]!.text.slice(0, lead)) space = stretch[0]!.text.slice(0, lead);
    } else {
      const lone = stretch[0]!;
      const lead = lone.text.slice(0, leadingSpace(lone.text));
      if (lead !== '' && next && next.text.startsWith(lead) && lead.length < lone.text.length) {
        space = lead;
        lone.text = lone.text.slice(lead.length) + lead;
        next.text = next.text.slice(lead.length);
      } else if (lead !== '' && !next && lead.length < lone.text.length) space = lead;
      if (space !== '' && next) {
        appendSame(out, space);
        out.push(lone);
        continue;
      }
    }
    if (space !== '') {
      appendSame(out, space);
      for (const part of stretch) part.text = part.text.slice(space.length);
    }
    out.push(...stretch);
  }
  return out.filter((s) => s.text !== '');
}

function appendSame(out: Segment[], text: string): void {
  const last = out[out.length - 1];
  if (last?.op === 'same') last.text += text;
  else out.push({ op: 'same', text });
}

function leadingSpace(text: string): number {
  return text.length - text.trimStart().length;
}

const leadOf = (text: string): string => text.slice(0, leadingSpace(text));
