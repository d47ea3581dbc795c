/** The text of a paragraph as runs with their marks, ready for either export. */
import type { JSONContent } from '@tiptap/core';
import { MEETING_FACT_NODE, meetingFactWords } from '../../shared/editor/meeting-fact.ts';
import { SUGGEST_INSERT } from '../../shared/editor/suggestion-marks.ts';

export interface Marks {
  bold: boolean;
  italic: boolean;
  underline: boolean;
  strike: boolean;
  code: boolean;
}

/**
 * A run of text, with the comments whose range starts before it and ends after it: only in the DOCX "with
 * comments" (`docx-comments.ts` marks the text with `COMMENT_EDGE_MARK`); never in the print view.
 */
export type Inline = { kind: 'text'; text: string; marks: Marks; commentStarts?: number[]; commentEnds?: number[] } | { kind: 'break' };

/** A mark on a text node of the content, put there only by `docx-comments.ts`: `attrs.starts`, `attrs.ends` (ids). */
export const COMMENT_EDGE_MARK = 'quorumCommentEdge';

interface Edges {
  commentStarts?: number[];
  commentEnds?: number[];
}

function edgesOf(node: JSONContent): Edges {
  const mark = node.marks?.find((m) => m.type === COMMENT_EDGE_MARK);
  if (!mark) return {};
  const starts = (mark.attrs?.starts ?? []) as number[];
  const ends = (mark.attrs?.ends ?? []) as number[];
  return { ...(starts.length > 0 && { commentStarts: starts }), ...(ends.length > 0 && { commentEnds: ends }) };
}

/** The runs of one text node with its comment edges: the starts on the first run, the ends on the last. */
function withEdges(runs: Inline[], edges: Edges): Inline[] {
  if (!edges.commentStarts && !edges.commentEnds) return runs;
  const texts = runs.flatMap((r, i) => (r.kind === 'text' ? [i] : []));
  // A text of line breaks only keeps its edges on an empty run.
  if (texts.length === 0) return [{ kind: 'text', text: '', marks: NO_MARKS, ...edges }, ...runs];
  const out = [...runs];
  const first = texts[0]!;
  const last = texts[texts.length - 1]!;
  if (edges.commentStarts) out[first] = { ...(out[first] as Extract<Inline, { kind: 'text' }>), commentStarts: edges.commentStarts };
  if (edges.commentEnds) out[last] = { ...(out[last] as Extract<Inline, { kind: 'text' }>), commentEnds: edges.commentEnds };
  return out;
}

const NO_MARKS: Marks = { bold: false, italic: false, underline: false, strike: false, code: false };

// Characters XML 1.0 cannot hold at all: one pasted from a PDF would make Word refuse the whole file.
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * NFC because some Vietnamese keyboards type decomposed accents, which Times New Roman in Word stacks badly and
 * which the "Điều n." test would not match.
 */
export const cleanText = (text: string): string => text.normalize('NFC').replace(NOT_XML, '');

function marksOf(node: JSONContent): Marks {
  const marks = { ...NO_MARKS };
  for (const mark of node.marks ?? []) {
    if (mark.type === 'bold') marks.bold = true;
    else if (mark.type === 'italic') marks.italic = true;
    else if (mark.type === 'underline') marks.underline = true;
    else if (mark.type === 'strike') marks.strike = true;
    else if (mark.type === 'code') marks.code = true;
    // A link exports as its text: a printed document has nowhere to click.
  }
  return marks;
}

/** Runs of a text; a newline in it (a code block's, or pasted) is a line break. */
export function textRuns(text: string, marks: Marks = NO_MARKS): Inline[] {
  const out: Inline[] = [];
  cleanText(text)
    .split(/\r\n|\r|\n/)
    .forEach((line, i) => {
      if (i > 0) out.push({ kind: 'break' });
      if (line !== '') out.push({ kind: 'text', text: line, marks });
    });
  return out;
}

export function inlinesOf(content: readonly JSONContent[] | undefined): Inline[] {
  const out: Inline[] = [];
  for (const node of content ?? []) {
    // The text as it stands: a suggested insertion is not in it until accepted (a suggested deletion still is).
    if (node.marks?.some((mark) => mark.type === SUGGEST_INSERT)) continue;
    if (node.type === 'text') out.push(...withEdges(textRuns(node.text ?? '', marksOf(node)), edgesOf(node)));
    else if (node.type === 'hardBreak') out.push({ kind: 'break' });
    // A meeting fact prints its stored words (kept current by the server), or the form's blank.
    else if (node.type === MEETING_FACT_NODE) out.push(...textRuns(meetingFactWords({ attrs: node.attrs ?? {} }), marksOf(node)));
    // An inline node this exporter does not know keeps at least its text.
    else if (node.content) out.push(...inlinesOf(node.content));
    else if (typeof node.text === 'string') out.push(...textRuns(node.text));
  }
  return out;
}

export const plainText = (inlines: readonly Inline[]): string =>
  inlines.map((i) => (i.kind === 'text' ? i.text : '\n')).join('');

/** "Điều 1." … "Điều 12a.": an article's number, as Vietnamese legal texts write it. */
const ARTICLE = /^\s*Điều\s+\d+[a-zđ]?\./u;

/**
 * Articles of a resolution are "Điều n." in bold (Phụ lục I), whoever typed them: the prefix is made bold across
 * however many runs it spans, and the rest keeps its own marks.
 */
export function boldArticlePrefix(inlines: readonly Inline[]): Inline[] {
  const firstLine = plainText(inlines).split('\n')[0] ?? '';
  const match = ARTICLE.exec(firstLine);
  if (!match) return [...inlines];
  let remaining = match[0].length;
  const out: Inline[] = [];
  for (const inline of inlines) {
    if (remaining <= 0 || inline.kind !== 'text') {
      out.push(inline);
      continue;
    }
    const head = inline.text.slice(0, remaining);
    const tail = inline.text.slice(remaining);
    const { commentStarts, commentEnds, ...plain } = inline;
    out.push({
      ...plain,
      text: head,
      marks: { ...inline.marks, bold: true },
      ...(commentStarts && { commentStarts }),
      ...(tail === '' && commentEnds && { commentEnds }),
    });
    if (tail !== '') out.push({ ...plain, text: tail, ...(commentEnds && { commentEnds }) });
    remaining -= head.length;
  }
  return mergeRuns(out);
}

const sameMarks = (a: Marks, b: Marks): boolean =>
  a.bold === b.bold &&
  a.italic === b.italic &&
  a.underline === b.underline &&
  a.strike === b.strike &&
  a.code === b.code;

/** Joins neighbouring runs that look alike, so that "Điều 1. " bold stays one run after the prefix is split off. */
function mergeRuns(inlines: readonly Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const inline of inlines) {
    const last = out[out.length - 1];
    // A comment's edge between two runs stays where it is.
    if (last?.kind === 'text' && inline.kind === 'text' && sameMarks(last.marks, inline.marks) && !last.commentEnds && !inline.commentStarts) {
      out[out.length - 1] = { ...last, text: last.text + inline.text };
    } else out.push(inline);
  }
  return out;
}
