/**
 * The values each attribute of the document schema may take, and one function that holds a document's JSON to
 * them. Anyone who may write a document may put any value into any attribute of it (a Yjs update is not checked
 * against the schema), so a value is trusted nowhere it is rendered: the editor's `renderHTML` of every attribute
 * (shared/editor/extensions.ts) and the server's exports (server/export/blocks.ts) both go through these.
 */
import type { JSONContent } from '@tiptap/core';
import { MAX_FACT_TEXT, MEETING_FACTS, type MeetingFact } from '../meeting-facts.ts';

export const ALIGNMENTS = ['left', 'center', 'right', 'justify'] as const;
export type Alignment = (typeof ALIGNMENTS)[number];

export const COLUMNS_KINDS = ['header', 'signatures'] as const;
/** header: issuing body | national motto; signatures: recipients or one signer | the other signer. */
export type ColumnsKind = (typeof COLUMNS_KINDS)[number];

/** A rule under a line: `short` is a centred stroke about a third of the column; `text` spans the text above it. */
export const RULES = ['short', 'text'] as const;
export type Rule = (typeof RULES)[number];

/** Sizes that differ from the body's (13–14 pt): "Nơi nhận:" is 12 pt and the recipients 11 pt. */
export const FONT_SIZES = [11, 12, 13] as const;
export type FontSize = (typeof FONT_SIZES)[number];

export const HEADING_LEVELS = [1, 2, 3, 4, 5, 6] as const;
export type HeadingLevel = (typeof HEADING_LEVELS)[number];

/** An ordered list's numbering style, as HTML's `<ol type>` names them. */
export const LIST_TYPES = ['1', 'a', 'A', 'i', 'I'] as const;
export type ListType = (typeof LIST_TYPES)[number];

/** The highest number a list may start from: enough for any real text, short enough for every renderer. */
export const MAX_LIST_START = 9999;
/**
 * Tables. A person can make at most `MAX_TABLE_COLUMNS` columns and `MAX_TABLE_ROWS` rows (the toolbar and Tab
 * stop there): twenty columns on A4 are already 8 mm each, and a resolution's table of targets has tens of rows.
 * Stored content may hold twice as many (`TABLE_COLUMNS_CAP`, `TABLE_ROWS_CAP`), so that additions made by several
 * people at once, which merge, still make a document the server accepts; past the caps a document is damaged or
 * hostile and the server refuses it as content (a template, a restore; tables.ts `checkTableSizes`).
 */
export const MAX_TABLE_COLUMNS = 20;
export const MAX_TABLE_ROWS = 200;
export const TABLE_COLUMNS_CAP = 2 * MAX_TABLE_COLUMNS;
export const TABLE_ROWS_CAP = 2 * MAX_TABLE_ROWS;
/**
 * A cell spans at most the columns and rows a table may have. Beyond that it is a damaged (or hostile) document:
 * the table code makes a map of width × height cells, so a span of 10^21 would hang every browser that opened it.
 */
export const MAX_COLSPAN = TABLE_COLUMNS_CAP;
export const MAX_ROWSPAN = TABLE_ROWS_CAP;
/** A column's width in CSS pixels (TipTap's `colwidth`, set by resizing): far past any page. */
export const MAX_COLWIDTH = 10000;
const MAX_LINK_TITLE = 300;

export function oneOf<T extends string | number>(allowed: readonly T[], value: unknown): T | null {
  return allowed.find((a) => String(a) === String(value)) ?? null;
}

export const alignmentOf = (value: unknown): Alignment | null => oneOf(ALIGNMENTS, value);
export const ruleOf = (value: unknown): Rule | null => oneOf(RULES, value);
export const fontSizeOf = (value: unknown): FontSize | null => oneOf(FONT_SIZES, value);
export const columnsKindOf = (value: unknown): ColumnsKind => oneOf(COLUMNS_KINDS, value) ?? 'signatures';
export const headingLevelOf = (value: unknown): HeadingLevel => oneOf(HEADING_LEVELS, value) ?? 1;
export const listTypeOf = (value: unknown): ListType | null => oneOf(LIST_TYPES, value);

function wholeIn(value: unknown, min: number, max: number): number | null {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max ? n : null;
}

export const listStartOf = (value: unknown): number => wholeIn(value, 1, MAX_LIST_START) ?? 1;
export const colspanOf = (value: unknown): number => wholeIn(value, 1, MAX_COLSPAN) ?? 1;
export const rowspanOf = (value: unknown): number => wholeIn(value, 1, MAX_ROWSPAN) ?? 1;

/**
 * Whether a value the editor's table code will count with is exactly as the schema allows: a number, not a
 * numeric string (which the table code would concatenate), within its bounds. Used as the schema's `validate`,
 * so a cell out of bounds is no node at all (as any content outside the schema) rather than a frozen page.
 */
export const isSpan = (value: unknown, max: number): boolean => typeof value === 'number' && wholeIn(value, 1, max) !== null;
export const isColwidth = (value: unknown): boolean =>
  value === null ||
  (Array.isArray(value) &&
    value.length <= MAX_COLSPAN &&
    value.every((w) => typeof w === 'number' && wholeIn(w, 0, MAX_COLWIDTH) !== null));

/**
 * A resized table's column widths in pixels (TipTap's `colwidth`) as the exports read them: one whole number from 1
 * per column the cell spans, or null (a 0, which the table code writes for a column not resized, makes it null).
 */
export function colwidthOf(value: unknown, colspan: number): number[] | null {
  if (!Array.isArray(value) || value.length !== colspan) return null;
  const widths = value.map((w) => wholeIn(w, 1, MAX_COLWIDTH));
  return widths.every((w): w is number => w !== null) ? widths : null;
}

/** The ids the server makes (`mot_…`): letters, digits, `_` and `-`. */
export const motionIdOf = (value: unknown): string =>
  typeof value === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(value) ? value : '';

/**
 * A link goes to a web page or an e-mail address, nowhere else: not `javascript:`, not `data:`, not a path on
 * this site (which a click would open with the reader's session). Parsed, so that tabs, entities or case do not
 * hide the scheme; returned as the parser wrote it.
 */
export function safeHref(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 2000) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol === 'mailto:') return url.href;
  if ((url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '') return url.href;
  return null;
}

export const linkTitleOf = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? value.slice(0, MAX_LINK_TITLE) : null;

export const textOf = (value: unknown): string => (typeof value === 'string' ? value : '');

export const meetingFactOf = (value: unknown): MeetingFact | null => oneOf(MEETING_FACTS, value);
/** A meeting fact's words: a string, cut to what the server ever writes. */
export const factTextOf = (value: unknown): string => textOf(value).slice(0, MAX_FACT_TEXT);

type Attrs = Record<string, unknown>;

/**
 * Every node and mark of the schema with each attribute's allowed value. An attribute missing here is dropped;
 * so is a mark not listed (it has no attributes worth keeping). A table and its rows have no attributes.
 */
const cellAttrs = (a: Attrs): Attrs => {
  const colspan = colspanOf(a.colspan);
  return { colspan, rowspan: rowspanOf(a.rowspan), colwidth: colwidthOf(a.colwidth, colspan) };
};

const NODE_ATTRS: Record<string, (attrs: Attrs) => Attrs> = {
  paragraph: (a) => ({ textAlign: alignmentOf(a.textAlign), rule: ruleOf(a.rule), fontSize: fontSizeOf(a.fontSize) }),
  heading: (a) => ({ textAlign: alignmentOf(a.textAlign), level: headingLevelOf(a.level) }),
  orderedList: (a) => ({ start: listStartOf(a.start), type: listTypeOf(a.type) }),
  // The language only ever became a class name; nothing highlights code here, so it is not kept.
  codeBlock: () => ({ language: null }),
  columns: (a) => ({ kind: columnsKindOf(a.kind) }),
  voteResult: (a) => ({ motionId: motionIdOf(a.motionId), text: textOf(a.text) }),
  meetingFact: (a) => ({ fact: meetingFactOf(a.fact), text: factTextOf(a.text) }),
  // A cell's `align` is not kept: only the paragraphs in it are aligned, as in the exports.
  tableCell: (a) => cellAttrs(a),
  tableHeader: (a) => cellAttrs(a),
};

/** A link keeps its address (when safe) and a title; where and how it opens is the editor's decision. */
function sanitiseMark(mark: { type: string; attrs?: Attrs }): { type: string; attrs?: Attrs } | null {
  if (mark.type !== 'link') return { type: mark.type };
  const href = safeHref(mark.attrs?.href);
  return href === null ? null : { type: 'link', attrs: { href, title: linkTitleOf(mark.attrs?.title) } };
}

/**
 * The document's JSON with every attribute held to its allowed values and every link to a safe address (a link
 * that has none keeps its text, unlinked). Node types, text and structure are left as they are.
 */
export function sanitiseContent(node: JSONContent): JSONContent {
  const out: JSONContent = { type: node.type };
  const attrsOf = node.type === undefined ? undefined : NODE_ATTRS[node.type];
  if (attrsOf) out.attrs = attrsOf(node.attrs ?? {});
  if (typeof node.text === 'string') out.text = node.text;
  if (node.marks) {
    const marks = node.marks.flatMap((m) => sanitiseMark(m as { type: string; attrs?: Attrs }) ?? []);
    if (marks.length > 0) out.marks = marks;
  }
  if (node.content) out.content = node.content.map(sanitiseContent);
  return out;
}
