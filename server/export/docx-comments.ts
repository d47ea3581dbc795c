/**
 * The DOCX "with comments": the document's text with its comment threads as Word comments (a range per thread,
 * its replies threaded under the first comment, resolved threads marked done). Only this export shows comments;
 * the normal DOCX and the print view never do (K7).
 *
 * Each thread's range is resolved from its Yjs relative positions against the exported state, as the editor does
 * (y-prosemirror's `relativePositionToAbsolutePosition`), and written into the content as a mark on the text
 * where the range starts and ends (`COMMENT_EDGE_MARK`), which the paragraph writer turns into Word's range marks.
 */
import type { JSONContent } from '@tiptap/core';
import type { Node } from '@tiptap/pm/model';
import { initProseMirrorDoc, relativePositionToAbsolutePosition } from '@tiptap/y-tiptap';
import { Paragraph, TextRun, type ICommentOptions } from 'docx';
import * as Y from 'yjs';
import type { CommentThreadView } from '../../shared/comments.ts';
import { editorSchema } from '../../shared/editor/extensions.ts';
import { COLLABORATION_FIELD } from '../documents/initial-state.ts';
import { cleanText, COMMENT_EDGE_MARK } from './inline.ts';

export interface PlacedThread {
  thread: CommentThreadView;
  /** Word's id of the thread's first comment; its replies follow. */
  wordId: number;
  /** Its text was deleted: the range is empty, and the comment says so. */
  detached: boolean;
}

export interface CommentedContent {
  content: JSONContent;
  threads: PlacedThread[];
}

function decode(anchor: string): Y.RelativePosition | null {
  try {
    return Y.decodeRelativePosition(Buffer.from(anchor, 'base64'));
  } catch {
    return null;
  }
}

/** A thread's range in the ProseMirror document, or null once its text is gone. */
function rangeOf(ydoc: Y.Doc, fragment: Y.XmlFragment, mapping: unknown, thread: CommentThreadView): { from: number; to: number } | null {
  const start = decode(thread.anchor.start);
  const end = decode(thread.anchor.end);
  if (!start || !end) return null;
  const resolve = (rel: Y.RelativePosition) =>
    relativePositionToAbsolutePosition(ydoc, fragment, rel, mapping as Parameters<typeof relativePositionToAbsolutePosition>[3]);
  const from = resolve(start);
  const to = resolve(end);
  return from === null || to === null || to <= from ? null : { from, to };
}

/** Where a comment starts or ends, in the document's positions. */
interface Edge {
  pos: number;
  id: number;
  side: 'start' | 'end';
}

/**
 * The ProseMirror node as JSON (as `Node.toJSON`), its text split where comments start and end, each piece that
 * begins a range or ends one marked with the ids.
 */
function jsonWithEdges(node: Node, pos: number, edges: readonly Edge[]): JSONContent {
  if (node.isText) {
    const text = node.text ?? '';
    const from = pos;
    const to = pos + text.length;
    const inside = edges.filter((e) => (e.side === 'start' ? e.pos >= from && e.pos < to : e.pos > from && e.pos <= to));
    const base = node.toJSON() as JSONContent;
    if (inside.length === 0) return base;
    const cuts = [...new Set([from, to, ...inside.map((e) => e.pos)])].sort((a, b) => a - b);
    const pieces: JSONContent[] = [];
    for (let i = 0; i + 1 < cuts.length; i++) {
      const a = cuts[i]!;
      const b = cuts[i + 1]!;
      const starts = inside.filter((e) => e.side === 'start' && e.pos === a).map((e) => e.id);
      const ends = inside.filter((e) => e.side === 'end' && e.pos === b).map((e) => e.id);
      const marks = [...(base.marks ?? [])];
      if (starts.length > 0 || ends.length > 0) marks.push({ type: COMMENT_EDGE_MARK, attrs: { starts, ends } });
      pieces.push({ ...base, text: text.slice(a - from, b - from), ...(marks.length > 0 ? { marks } : {}) });
    }
    // Returned as a fragment: the caller flattens it into its parent's content.
    return { type: '__pieces', content: pieces };
  }
  const json = node.toJSON() as JSONContent;
  if (node.childCount === 0) return json;
  const content: JSONContent[] = [];
  node.forEach((child, offset) => {
    // A node's content starts one position after the node itself (the root's at 0).
    const childPos = pos + offset + (node.type === node.type.schema.topNodeType ? 0 : 1);
    const out = jsonWithEdges(child, childPos, edges);
    if (out.type === '__pieces') content.push(...(out.content ?? []));
    else content.push(out);
  });
  return { ...json, content };
}

/**
 * The content of `state` with the ranges of `threads` marked, and each thread with its Word id. A range is moved
 * onto the text it covers (a start between two paragraphs goes to the next text, an end to the text before it).
 */
export function commentedContent(state: Uint8Array, threads: readonly CommentThreadView[]): CommentedContent {
  const ydoc = new Y.Doc();
  try {
    Y.applyUpdate(ydoc, state);
    const fragment = ydoc.getXmlFragment(COLLABORATION_FIELD);
    const { doc, mapping } = initProseMirrorDoc(fragment, editorSchema());
    const texts: { from: number; to: number }[] = [];
    doc.descendants((node, pos) => {
      if (node.isText) texts.push({ from: pos, to: pos + (node.text?.length ?? 0) });
      return true;
    });
    const edges: Edge[] = [];
    const placed: PlacedThread[] = [];
    let nextId = 0;
    for (const thread of threads) {
      const wordId = nextId;
      nextId += thread.comments.length;
      // Every comment of the thread, replies too, has the thread's range (as Word writes a reply).
      const ids = thread.comments.map((_, i) => wordId + i);
      const mark = (start: number, end: number) => {
        for (const id of ids) edges.push({ pos: start, id, side: 'start' }, { pos: end, id, side: 'end' });
      };
      const range = rangeOf(ydoc, fragment, mapping, thread);
      const covered = range && texts.filter((t) => t.to > range.from && t.from < range.to);
      if (!range || !covered || covered.length === 0) {
        // On the first character of the text, saying that its own text is gone.
        const first = texts[0];
        if (first) mark(first.from, Math.min(first.from + 1, first.to));
        placed.push({ thread, wordId, detached: true });
        continue;
      }
      const start = Math.max(range.from, covered[0]!.from);
      const end = Math.min(range.to, covered[covered.length - 1]!.to);
      mark(start, end);
      placed.push({ thread, wordId, detached: false });
    }
    return { content: jsonWithEdges(doc, 0, edges), threads: placed };
  } finally {
    ydoc.destroy();
  }
}

/** Initials for Word's comment balloon: the first letters of the last two words ("Cung Hồng Kiên" → "HK"). */
function initials(fullName: string): string {
  const words = fullName.trim().split(/\s+/).filter(Boolean);
  return words
    .slice(-2)
    .map((w) => [...w][0]!.toUpperCase())
    .join('');
}

function paragraphsOf(text: string): Paragraph[] {
  return cleanText(text)
    .split('\n')
    .map((line) => new Paragraph({ children: [new TextRun(line)] }));
}

/** Word's comments for the placed threads: the first comment of each thread, its replies under it. */
export function wordComments(placed: readonly PlacedThread[]): ICommentOptions[] {
  const out: ICommentOptions[] = [];
  for (const { thread, wordId, detached } of placed) {
    const resolved = thread.status === 'resolved';
    thread.comments.forEach((comment, i) => {
      const body = comment.deleted ? '(Bình luận đã bị xóa)' : comment.body;
      const lead = i === 0 && detached ? `(Đoạn văn đã bị xóa: “${thread.quote}”)\n` : '';
      out.push({
        id: wordId + i,
        author: cleanText(comment.author.fullName),
        initials: cleanText(initials(comment.author.fullName)),
        date: new Date(comment.createdAt),
        children: paragraphsOf(lead + body),
        ...(i > 0 ? { parentId: wordId } : {}),
        ...(resolved ? { resolved: true } : {}),
      });
    });
  }
  return out;
}
