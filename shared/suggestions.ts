/**
 * The suggestions of a document, read from and decided on its Y.Doc directly (the tree TipTap's Collaboration binds
 * to: `default` fragment, Y.XmlElement per node, Y.XmlText with formatting attributes per run of text). Pure Yjs:
 * the server accepts and rejects with it inside its own change, the client lists with it, and amendments apply
 * exactly their suggestions with it.
 *
 * Two kinds of suggestion share one id space: marks on text (an insertion, a deletion, or both: a replacement), and
 * a paragraph suggested as a whole (a new clause), whose element carries the suggestion as its `suggestion`
 * attribute and whose text carries the same id as its insertion mark. Only a paragraph directly in the document's
 * body counts as suggested: the attribute anywhere else (a table cell, the header's columns, a list) is ignored, as no
 * client makes it and no restricted peer may write it there (`server/collab/suggest-gate.ts`).
 */
import * as Y from 'yjs';
import {
  SUGGEST_DELETE,
  SUGGEST_INSERT,
  SUGGESTABLE_NODE,
  SUGGESTED_PARAGRAPH,
  suggestionAttrsOf,
  type SuggestionAttrs,
} from './editor/suggestion-attrs.ts';

export const SUGGESTIONS_FIELD = 'default';

export interface Suggestion extends SuggestionAttrs {
  /**
   * Text it would add, and text it would take away (both may be non-empty: a replacement). The text of the paragraphs
   * it adds is in `inserted`, one line per paragraph.
   */
  inserted: string;
  deleted: string;
  /** Whole paragraphs it adds (new clauses): 0 for a change within the text. */
  paragraphs: number;
  /** The article ("Điều 2") it sits in: the nearest heading or paragraph before it that starts "Điều N". */
  article: number | null;
  /** The paragraph it sits in as it reads now, suggested insertions left out (at most 200 characters). */
  context: string;
}

export type Decision = 'accept' | 'reject';

const ARTICLE = /^\s*Điều\s+(\d{1,4})\b/u;

interface Run {
  text: Y.XmlText;
  index: number;
  length: number;
  insert: string;
  ins: SuggestionAttrs | null;
  del: SuggestionAttrs | null;
}

interface Visitor {
  /** A paragraph suggested as a whole, before its runs. */
  paragraph?(element: Y.XmlElement, attrs: SuggestionAttrs, article: number | null): void;
  /** A run of text; `within` is the suggestion of the paragraph holding it, if that paragraph is suggested. */
  run(run: Run, article: number | null, paragraph: string, within: SuggestionAttrs | null): void;
}

/** The suggestion a paragraph of the document's body carries as a whole, if any. */
export function paragraphSuggestionOf(element: Y.XmlElement): SuggestionAttrs | null {
  if (element.nodeName !== SUGGESTABLE_NODE) return null;
  return suggestionAttrsOf(element.getAttribute(SUGGESTED_PARAGRAPH) as unknown);
}

/** Every suggested paragraph and run of text in document order, with the article each sits in and its paragraph's text. */
function walk(doc: Y.Doc, visitor: Visitor): void {
  let article: number | null = null;
  const root = doc.getXmlFragment(SUGGESTIONS_FIELD);
  const visitElement = (element: Y.XmlElement | Y.XmlFragment) => {
    const suggested = element instanceof Y.XmlElement && element.parent === root ? paragraphSuggestionOf(element) : null;
    const texts = element.toArray().filter((c): c is Y.XmlText => c instanceof Y.XmlText);
    const runs: Run[] = [];
    for (const text of texts) {
      let index = 0;
      for (const op of text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
        const insert = typeof op.insert === 'string' ? op.insert : '';
        const length = typeof op.insert === 'string' ? op.insert.length : 1;
        const attrs = op.attributes ?? {};
        runs.push({ text, index, length, insert, ins: suggestionAttrsOf(attrs[SUGGEST_INSERT]), del: suggestionAttrsOf(attrs[SUGGEST_DELETE]) });
        index += length;
      }
    }
    // The heading as the text reads now, suggested insertions left out.
    const paragraph = runs.map((r) => (r.ins ? '' : r.insert)).join('');
    if (texts.length > 0) {
      const match = ARTICLE.exec(paragraph);
      if (match) article = Number(match[1]);
    }
    if (suggested && element instanceof Y.XmlElement) visitor.paragraph?.(element, suggested, article);
    for (const run of runs) visitor.run(run, article, paragraph, suggested);
    for (const child of element.toArray()) if (child instanceof Y.XmlElement) visitElement(child);
  };
  visitElement(root);
}

/** The document's suggestions, in the order they first appear in the text. */
export function listSuggestions(doc: Y.Doc): Suggestion[] {
  const byId = new Map<string, Suggestion>();
  const entry = (attrs: SuggestionAttrs, article: number | null, context: string) => {
    let s = byId.get(attrs.id);
    if (!s) {
      s = { ...attrs, inserted: '', deleted: '', paragraphs: 0, article, context: context.slice(0, 200) };
      byId.set(attrs.id, s);
    }
    return s;
  };
  walk(doc, {
    paragraph: (_element, attrs, article) => {
      const s = entry(attrs, article, '');
      // A suggestion of several paragraphs reads one line per paragraph.
      if (s.paragraphs > 0 || s.inserted !== '') s.inserted += '\n';
      s.paragraphs++;
    },
    run: (run, article, paragraph) => {
      for (const [attrs, kind] of [[run.ins, 'inserted'], [run.del, 'deleted']] as const) {
        if (!attrs) continue;
        // A run both inserted by one suggestion and deleted by another counts for each.
        entry(attrs, article, paragraph)[kind] += run.insert;
      }
    },
  });
  return [...byId.values()];
}

/**
 * Accepts or rejects the suggestions `ids`: accepting an insertion keeps its text (the mark goes), accepting a
 * deletion removes its text; rejecting does the opposite. A suggested paragraph accepted stays, an ordinary paragraph
 * (its attribute goes, and its suggestion's marks); rejected, it goes, with everything in it. Returns the ids found.
 * One transaction: inside the server's own change it joins that one.
 */
export function decideSuggestions(doc: Y.Doc, ids: ReadonlySet<string>, decision: Decision): string[] {
  const found = new Set<string>();
  const work = new Map<Y.XmlText, { remove: [number, number][]; unmark: [number, number, string][] }>();
  const paragraphs: Y.XmlElement[] = [];
  walk(doc, {
    paragraph: (element, attrs) => {
      if (!ids.has(attrs.id)) return;
      found.add(attrs.id);
      paragraphs.push(element);
    },
    run: (run) => {
      const take = (attrs: SuggestionAttrs | null, removes: boolean, key: string) => {
        if (!attrs || !ids.has(attrs.id)) return false;
        found.add(attrs.id);
        let w = work.get(run.text);
        if (!w) work.set(run.text, (w = { remove: [], unmark: [] }));
        if (removes) w.remove.push([run.index, run.length]);
        else w.unmark.push([run.index, run.length, key]);
        return true;
      };
      // Accepting an insertion or rejecting a deletion keeps the text; the other two take it away.
      take(run.ins, decision === 'reject', SUGGEST_INSERT);
      take(run.del, decision === 'accept', SUGGEST_DELETE);
    },
  });
  if (work.size === 0 && paragraphs.length === 0) return [];
  // Rejected paragraphs go whole: nothing inside them needs changing first.
  const going = new Set<unknown>(decision === 'reject' ? paragraphs : []);
  doc.transact(() => {
    for (const [text, { remove, unmark }] of work) {
      if (text.parent && going.has(text.parent)) continue;
      // Marks first (no index moves), then removals from the end, so earlier indices still hold.
      for (const [index, length, key] of unmark) text.format(index, length, { [key]: null });
      const removed = new Set<number>();
      for (const [index, length] of remove.sort((a, b) => b[0] - a[0])) {
        if (removed.has(index)) continue;
        removed.add(index);
        text.delete(index, length);
      }
    }
    if (decision === 'accept') {
      for (const element of paragraphs) element.removeAttribute(SUGGESTED_PARAGRAPH);
      return;
    }
    const root = doc.getXmlFragment(SUGGESTIONS_FIELD);
    const indices = root
      .toArray()
      .map((child, index) => (child instanceof Y.XmlElement && going.has(child) ? index : -1))
      .filter((index) => index >= 0);
    for (const index of indices.reverse()) root.delete(index, 1);
  });
  return [...found];
}
