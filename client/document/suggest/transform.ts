/**
 * Suggest mode: a transaction the person makes is turned into a suggestion instead of being applied. What they
 * type is inserted with their insertion mark; what they delete stays, with their deletion mark, except text that
 * was their own suggested insertion, which simply goes. The one change of structure that can be a suggestion is a
 * whole paragraph of the document's body, suggested as such (`openSuggestedParagraph`: Enter), and its removal by its
 * author while it holds nothing but their own insertion (`removeSuggestedParagraph`: Backspace in it when empty). Any
 * other transaction that changes the structure (a split, a join, a table, a block) or the formatting is dropped,
 * since the server would refuse it from a person who may only suggest (`server/collab/suggest-gate.ts`).
 *
 * Our own, not `@handlewithcare/prosemirror-suggest-changes` (docs/architecture.md, "Suggestions"): that library
 * marks block-level changes with marks on block nodes, which y-prosemirror does not store, numbers suggestions per
 * document (two offline authors would take the same number) and records no author or time.
 */
import { Fragment, type Mark, type MarkType, type Node, type Schema, type Slice } from '@tiptap/pm/model';
import type { EditorState, Transaction } from '@tiptap/pm/state';
import { Selection, TextSelection } from '@tiptap/pm/state';
import { ReplaceStep } from '@tiptap/pm/transform';
import {
  SUGGEST_DELETE,
  SUGGEST_INSERT,
  SUGGESTABLE_NODE,
  SUGGESTED_PARAGRAPH,
  suggestionAttrsOf,
  type SuggestionAttrs,
} from '../../../shared/editor/suggestion-marks.ts';

export interface SuggestionAuthor {
  by: string;
  name: string;
}

export interface SuggestOptions {
  author: SuggestionAuthor;
  now(): string;
  newId(): string;
  /**
   * The insertion an input method is composing (`compositionMarks`): text typed inside it keeps exactly these
   * attributes, so that the page, which already shows them, is not redrawn under the composition.
   */
  composing?: SuggestionAttrs | null;
}

/** A fresh suggestion id: random, so that authors working offline never take the same one. */
export function randomSuggestionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(36).padStart(2, '0')).join('').slice(0, 20);
}

function markTypes(schema: Schema): { ins: MarkType; del: MarkType } {
  return { ins: schema.marks[SUGGEST_INSERT]!, del: schema.marks[SUGGEST_DELETE]! };
}

/** The author's own suggestion mark of `type` on `node`, if any. */
function ownMark(node: Node | null | undefined, type: MarkType, by: string): SuggestionAttrs | null {
  const mark = node?.marks.find((m) => m.type === type);
  const attrs = mark ? suggestionAttrsOf(mark.attrs) : null;
  return attrs?.by === by ? attrs : null;
}

/** The suggestion of a paragraph of the body suggested as a whole, when it is the author's own. */
function ownParagraph(node: Node, by: string): SuggestionAttrs | null {
  if (node.type.name !== SUGGESTABLE_NODE) return null;
  const attrs = suggestionAttrsOf(node.attrs[SUGGESTED_PARAGRAPH]);
  return attrs?.by === by ? attrs : null;
}

/** A paragraph of the author's own suggestion holding nothing but their own suggested insertion (or nothing). */
function wholeOwnParagraph(node: Node, by: string, ins: MarkType): boolean {
  if (!ownParagraph(node, by)) return false;
  let own = true;
  node.forEach((child) => {
    if (!child.isText || !ownMark(child, ins, by)) own = false;
  });
  return own;
}

/**
 * Whether a replace step only adds or only removes whole paragraphs of the author's own suggestion, between blocks of
 * the document's body (what `openSuggestedParagraph` and `removeSuggestedParagraph` make; the server admits the same).
 */
function ownParagraphsOnly(doc: Node, from: number, to: number, slice: Slice, by: string, ins: MarkType): boolean {
  if (slice.openStart !== 0 || slice.openEnd !== 0 || doc.resolve(from).depth !== 0 || doc.resolve(to).depth !== 0) return false;
  if ((from < to) === slice.content.size > 0) return false;
  let own = true;
  (from < to ? doc.slice(from, to).content : slice.content).forEach((node) => {
    if (!wholeOwnParagraph(node, by, ins)) own = false;
  });
  return own;
}

/**
 * Enter in suggest mode: a new, empty paragraph suggested as a whole, right after the paragraph (or heading) the caret
 * is in, which is never split or moved; the caret goes into it. In a paragraph of the author's own suggestion the new
 * one continues that suggestion (a clause of several paragraphs is one proposal, as typing on grows one insertion);
 * anywhere else it starts a new one. Only between blocks of the document's body: null in a table, the official header
 * or the signatures, a list or a quote, where Enter in suggest mode does nothing.
 */
export function openSuggestedParagraph(state: EditorState, options: SuggestOptions): Transaction | null {
  const { $from, $to } = state.selection;
  if ($from.depth !== 1 || !$from.sameParent($to) || !$from.parent.isTextblock) return null;
  const by = options.author.by;
  const attrs = ownParagraph($from.parent, by) ?? { id: options.newId(), by, name: options.author.name, at: options.now() };
  const at = $from.after(1);
  const tr = state.tr.insert(at, state.schema.nodes[SUGGESTABLE_NODE]!.create({ [SUGGESTED_PARAGRAPH]: attrs }));
  return tr.setSelection(TextSelection.create(tr.doc, at + 1)).scrollIntoView();
}

/**
 * Backspace or Delete in an empty paragraph of the author's own suggestion: the paragraph goes (it was only ever
 * theirs), and the caret goes back to the end of the text before it. Null anywhere else.
 */
export function removeSuggestedParagraph(state: EditorState, by: string): Transaction | null {
  const { selection } = state;
  const $at = selection.$from;
  if (!selection.empty || $at.depth !== 1 || $at.parent.content.size !== 0 || !ownParagraph($at.parent, by)) return null;
  if (state.doc.childCount === 1) return null;
  const start = $at.before(1);
  const tr = state.tr.delete(start, $at.after(1));
  return tr.setSelection(Selection.near(tr.doc.resolve(Math.min(start, tr.doc.content.size)), -1)).scrollIntoView();
}

/** Inline content of what was typed or pasted: text as it came for text, flattened to plain text otherwise. */
function inlineNodes(state: EditorState, content: Fragment, at: number): Node[] {
  const nodes: Node[] = [];
  let inline = true;
  content.forEach((node) => {
    if (!node.isText) inline = false;
  });
  if (inline) {
    content.forEach((node) => nodes.push(node));
    return nodes;
  }
  // Paragraphs pasted or split: their text, the paragraphs joined by a space (a suggestion stays within the text).
  const text = content.textBetween(0, content.size, ' ', ' ').replace(/\s+/g, ' ');
  if (text.trim().length === 0) return [];
  const marks = state.doc.resolve(at).marks();
  return [state.schema.text(text, marks)];
}

/**
 * The suggestion a transaction stands for, as a new transaction on `state`; the transaction itself when it changes
 * nothing in the text (a selection, presence); null when it cannot be a suggestion and is to be dropped.
 */
export function toSuggestion(state: EditorState, tr: Transaction, options: SuggestOptions): Transaction | null {
  if (!tr.docChanged) return tr;
  if (tr.steps.length !== 1 || !(tr.steps[0] instanceof ReplaceStep)) return null;
  const step = tr.steps[0];
  // ReplaceStep's fields are public in practice (its JSON) but typed internal.
  const { from, to, slice } = step as unknown as { from: number; to: number; slice: Slice };
  const { ins, del } = markTypes(state.schema);
  const by = options.author.by;
  const doc = state.doc;
  // A whole paragraph of one's own suggestion, opened or removed: the change is the suggestion itself.
  if (ownParagraphsOnly(doc, from, to, slice, by, ins)) return tr;
  const $to = doc.resolve(to);
  const inserted = slice.content.size > 0 ? inlineNodes(state, slice.content, to) : [];
  // Only structure inserted (Enter): nothing to suggest. With a deletion (a selection across paragraphs, all of the
  // text), the structure is what would join what remains: the deletion is suggested, the blocks stay.
  if (slice.content.size > 0 && inserted.length === 0 && from === to) return null;
  if (inserted.length > 0 && !$to.parent.inlineContent) return null;

  // What goes (the author's own suggested insertions) and what gets the deletion mark (everything else).
  const removals: [number, number][] = [];
  const strike: [number, number][] = [];
  if (from < to) {
    doc.nodesBetween(from, to, (node, pos) => {
      if (!node.isText) return true;
      const start = Math.max(pos, from);
      const end = Math.min(pos + node.nodeSize, to);
      if (start >= end) return false;
      if (ownMark(node, ins, by)) removals.push([start, end]);
      else if (!node.marks.some((m) => m.type === del)) strike.push([start, end]);
      return false;
    });
    if (removals.length === 0 && strike.length === 0 && inserted.length === 0) {
      // Only text already struck: the key moves the caret over it, as over any text (Delete forward, Backspace
      // back), so a run of presses goes on striking instead of sticking in front of what it struck already.
      const { empty, from: caret } = state.selection;
      if (!empty || (caret !== from && caret !== to)) return null;
      return state.tr.setSelection(TextSelection.create(doc, caret === from ? to : from)).scrollIntoView();
    }
  }

  // One suggestion goes on growing while the author types or deletes next to it: its id and time are kept.
  const before = $to.nodeBefore;
  const after = doc.resolve(from).nodeAfter;
  const composing = options.composing;
  const joined =
    (composing && inserted.length > 0 && inserted.every((node) => ownMark(node, ins, by)?.id === composing.id) && composing) ||
    // What the author types in their own suggested paragraph is that paragraph's suggestion.
    (inserted.length > 0 && ownParagraph($to.parent, by)) ||
    (inserted.length > 0 && ownMark(before, ins, by)) ||
    (strike.length > 0 && (ownMark(doc.resolve(from).nodeBefore, del, by) || ownMark(doc.resolve(to).nodeAfter, del, by))) ||
    ownMark(after, del, by);
  const attrs: SuggestionAttrs = joined ?? { id: options.newId(), by, name: options.author.name, at: options.now() };

  const out = state.tr;
  let caret: number;
  if (inserted.length > 0) {
    const marked = inserted.map((node) => node.mark(ins.create(attrs).addToSet(withoutSuggestion(node.marks))));
    out.insert(to, Fragment.from(marked));
    caret = to + marked.reduce((n, node) => n + node.nodeSize, 0);
  } else {
    // Backspace leaves the caret before what it struck, so the next one strikes the character before; Delete
    // (the caret was at `from`) leaves it after.
    const forward = state.selection.empty && state.selection.from === from;
    caret = forward ? to : from;
  }
  for (const [start, end] of strike) out.addMark(start, end, del.create(attrs));
  const mapBefore = out.mapping.maps.length;
  for (const [start, end] of removals.sort((a, b) => b[0] - a[0])) out.delete(start, end);
  caret = out.mapping.slice(mapBefore).map(caret);
  out.setSelection(TextSelection.create(out.doc, Math.min(caret, out.doc.content.size)));
  out.scrollIntoView();
  return out;
}

/**
 * The marks an input method's composition starts with at the caret, in suggest mode: the author's insertion mark
 * (the one just before the caret when it is theirs, so the suggestion grows, else a new one) over the text's own
 * marks. Set as stored marks before the composition begins, ProseMirror composes inside an element that already
 * carries them, instead of marking the first composed letter afterwards and redrawing the node the input method is
 * writing in (which doubled that letter: "VViệt").
 */
export function compositionMarks(state: EditorState, options: SuggestOptions): { marks: readonly Mark[]; attrs: SuggestionAttrs } | null {
  const { selection } = state;
  if (!(selection instanceof TextSelection) || !selection.empty || !selection.$from.parent.inlineContent) return null;
  const { ins } = markTypes(state.schema);
  const by = options.author.by;
  const attrs = ownParagraph(selection.$from.parent, by) ??
    ownMark(selection.$from.nodeBefore, ins, by) ?? { id: options.newId(), by, name: options.author.name, at: options.now() };
  return { marks: ins.create(attrs).addToSet(withoutSuggestion(selection.$from.marks())), attrs };
}

function withoutSuggestion(marks: readonly Mark[]): Mark[] {
  return marks.filter((m) => m.type.name !== SUGGEST_DELETE && m.type.name !== SUGGEST_INSERT);
}
