/**
 * The gaps a document still has before it is issued: every "…" (the templates' BLANK), every vote-result block
 * without its result and every meeting fact not known yet. One function for the server, which refuses a request
 * for finalisation until each is filled or confirmed, and for the browser, which lists them with a link to each.
 *
 * Not a gap: the number line ("Số:      /NQ-TTCNL"), which the chair's confirmation fills with the registry's
 * number (FN1). Everything else the templates leave blank ("Căn cứ …;", "Lưu: VT, …", a signer's name) is the
 * drafters' to fill or to confirm deliberately.
 *
 * Each gap has an id that stays the same while the gap stays where it is: a hash of its kind, the path of its block
 * and the text around it. A confirmation names ids, so a gap added or moved after the list was shown is not
 * confirmed by it.
 */
import type { Node as PMNode } from '@tiptap/pm/model';
import { FACT_BLANKS, MEETING_FACTS, type MeetingFact, type MeetingFactTexts } from '../meeting-facts.ts';
import { BLANK } from '../templates/types.ts';
import { factTextOf, motionIdOf, oneOf, textOf } from './allowed.ts';
import { MEETING_FACT_NODE, VOTE_RESULT_NODE } from './node-names.ts';

export type PlaceholderKind = 'blank' | 'voteResult' | 'meetingFact';

export interface Placeholder {
  id: string;
  kind: PlaceholderKind;
  /** Where it is in the document (ProseMirror positions): the "…" character, or the whole block. */
  from: number;
  to: number;
  /** Child indexes from the document down to the block that holds it: [7] is the eighth block of the body. */
  path: number[];
  /** Up to `CONTEXT` characters of the text either side, as it reads (meeting facts by their words). */
  before: string;
  after: string;
  /** The fact a meeting-fact gap stands for. */
  fact?: MeetingFact | null;
  /** The motion a vote-result gap is bound to. */
  motionId?: string;
}

/** The most placeholders a list (and a confirmation) names: a text with more is not ready to be issued. */
export const MAX_PLACEHOLDERS = 500;
const CONTEXT = 40;
/** The paragraph the registry's number goes into; the same test as the server's `withNumberLine`. */
export const NUMBER_LINE = /^\s*Số\s*:/u;
/** Stands for an atom in the text an id is computed from: its words change (a count), its place does not. */
const ATOM = '\uFFFC';

/** FNV-1a, twice with different seeds: an id for a place, not a secret, and the same in Node and the browser. */
function hashId(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x01000193 ^ 0x2f) >>> 0;
  }
  return `ph_${a.toString(16).padStart(8, '0')}${b.toString(16).padStart(8, '0')}`;
}

/** The words around `[start, end)` of `text`, cut at a word where one is near, single-spaced. */
function around(text: string, start: number, end: number): { before: string; after: string } {
  const squash = (s: string) => s.replace(/\s+/g, ' ');
  let before = text.slice(Math.max(0, start - CONTEXT), start);
  let after = text.slice(end, end + CONTEXT);
  if (start > CONTEXT) before = before.replace(/^\S*\s/, '');
  if (text.length - end > CONTEXT) after = after.replace(/\s\S*$/, '');
  return { before: squash(before).trimStart(), after: squash(after).trimEnd() };
}

interface Piece {
  /** Offset of the piece in the block's text. */
  at: number;
  /** Its position in the document. */
  pos: number;
  node: PMNode;
}

function textblockPlaceholders(
  block: PMNode,
  blockPos: number,
  path: number[],
  facts: Partial<MeetingFactTexts> | null,
  out: Placeholder[],
): void {
  // Two readings of the block: as printed (for the context shown) and with atoms as one mark (for the ids).
  let shown = '';
  let stable = '';
  const pieces: Piece[] = [];
  block.forEach((child, offset) => {
    const pos = blockPos + 1 + offset;
    if (child.isText) {
      pieces.push({ at: shown.length, pos, node: child });
      shown += child.text ?? '';
      stable += child.text ?? '';
    } else if (child.type.name === MEETING_FACT_NODE) {
      pieces.push({ at: shown.length, pos, node: child });
      const fact = oneOf(MEETING_FACTS, child.attrs.fact);
      const words = (fact && facts?.[fact]) || factTextOf(child.attrs.text);
      shown += words || (fact ? FACT_BLANKS[fact] : BLANK);
      stable += ATOM;
    } else {
      shown += child.isLeaf ? ' ' : child.textContent;
      stable += ATOM;
    }
  });
  if (NUMBER_LINE.test(shown)) return;

  // `stable` and `shown` differ only in what atoms print; an offset in one maps to the other through the pieces.
  let stableAt = 0;
  let count = 0;
  const add = (
    kind: PlaceholderKind,
    [from, to]: [number, number],
    [shownStart, shownEnd]: [number, number],
    stableStart: number,
    extra: Partial<Placeholder>,
  ) => {
    // A blank and an atom are both one character of `stable`.
    const window = around(stable, stableStart, stableStart + 1);
    const id = hashId(`${kind}|${path.join('.')}|${count++}|${window.before}|${window.after}`);
    out.push({ id, kind, from, to, path, ...around(shown, shownStart, shownEnd), ...extra });
  };
  for (const piece of pieces) {
    if (piece.node.isText) {
      const text = piece.node.text ?? '';
      for (let i = text.indexOf(BLANK); i >= 0; i = text.indexOf(BLANK, i + 1)) {
        add('blank', [piece.pos + i, piece.pos + i + 1], [piece.at + i, piece.at + i + 1], stableAt + i, {});
      }
      stableAt += text.length;
    } else {
      const fact = oneOf(MEETING_FACTS, piece.node.attrs.fact);
      const words = (fact && facts?.[fact]) || factTextOf(piece.node.attrs.text);
      const printed = words || (fact ? FACT_BLANKS[fact] : BLANK);
      if (words === '') add('meetingFact', [piece.pos, piece.pos + 1], [piece.at, piece.at + printed.length], stableAt, { fact });
      stableAt += 1;
    }
  }
}

/**
 * The document's gaps in reading order. `facts`: the meeting's facts now, which a meeting-fact block will show
 * (and the server writes into it) instead of its stored text; without them the stored text counts.
 */
export function findPlaceholders(doc: PMNode, facts: Partial<MeetingFactTexts> | null = null): Placeholder[] {
  const out: Placeholder[] = [];
  const visit = (node: PMNode, pos: number, path: number[]) => {
    if (out.length >= MAX_PLACEHOLDERS) return;
    if (node.type.name === VOTE_RESULT_NODE) {
      if (textOf(node.attrs.text).trim() === '') {
        const motionId = motionIdOf(node.attrs.motionId);
        const id = hashId(`voteResult|${path.join('.')}|${motionId}`);
        out.push({ id, kind: 'voteResult', from: pos, to: pos + node.nodeSize, path, before: '', after: '', motionId });
      }
      return;
    }
    if (node.isTextblock) {
      textblockPlaceholders(node, pos, path, facts, out);
      return;
    }
    node.forEach((child, offset, index) => visit(child, pos + 1 + offset, [...path, index]));
  };
  doc.forEach((child, offset, index) => visit(child, offset, [index]));
  return out.slice(0, MAX_PLACEHOLDERS);
}
