/**
 * The suggestions of a document, read from and decided on its Y.Doc directly (the tree TipTap's Collaboration binds
 * to: `default` fragment, Y.XmlElement per node, Y.XmlText with formatting attributes per run of text). Pure Yjs:
 * the server accepts and rejects with it inside its own change, the client lists with it, and amendments apply
 * exactly their suggestions with it.
 */
import * as Y from 'yjs';
import { SUGGEST_DELETE, SUGGEST_INSERT, suggestionAttrsOf, type SuggestionAttrs } from './editor/suggestion-marks.ts';

export const SUGGESTIONS_FIELD = 'default';

export interface Suggestion extends SuggestionAttrs {
  /** Text it would add, and text it would take away (both may be non-empty: a replacement). */
  inserted: string;
  deleted: string;
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

/** Every run of text in document order, with the article each sits in and its paragraph's text. */
function walk(doc: Y.Doc, visit: (run: Run, article: number | null, paragraph: string) => void): void {
  let article: number | null = null;
  const visitElement = (element: Y.XmlElement | Y.XmlFragment) => {
    const texts = element.toArray().filter((c): c is Y.XmlText => c instanceof Y.XmlText);
    if (texts.length > 0) {
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
      const match = ARTICLE.exec(paragraph);
      if (match) article = Number(match[1]);
      for (const run of runs) visit(run, article, paragraph);
    }
    for (const child of element.toArray()) if (child instanceof Y.XmlElement) visitElement(child);
  };
  visitElement(doc.getXmlFragment(SUGGESTIONS_FIELD));
}

/** The document's suggestions, in the order they first appear in the text. */
export function listSuggestions(doc: Y.Doc): Suggestion[] {
  const byId = new Map<string, Suggestion>();
  walk(doc, (run, article, paragraph) => {
    for (const [attrs, kind] of [[run.ins, 'inserted'], [run.del, 'deleted']] as const) {
      if (!attrs) continue;
      let s = byId.get(attrs.id);
      if (!s) {
        s = { ...attrs, inserted: '', deleted: '', article, context: paragraph.slice(0, 200) };
        byId.set(attrs.id, s);
      }
      // A run both inserted by one suggestion and deleted by another counts for each.
      s[kind] += run.insert;
    }
  });
  return [...byId.values()];
}

/**
 * Accepts or rejects the suggestions `ids`: accepting an insertion keeps its text (the mark goes), accepting a
 * deletion removes its text; rejecting does the opposite. Returns the ids found. One transaction: inside the
 * server's own change it joins that one.
 */
export function decideSuggestions(doc: Y.Doc, ids: ReadonlySet<string>, decision: Decision): string[] {
  const found = new Set<string>();
  const work = new Map<Y.XmlText, { remove: [number, number][]; unmark: [number, number, string][] }>();
  walk(doc, (run) => {
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
  });
  if (work.size > 0) {
    doc.transact(() => {
      for (const [text, { remove, unmark }] of work) {
        // Marks first (no index moves), then removals from the end, so earlier indices still hold.
        for (const [index, length, key] of unmark) text.format(index, length, { [key]: null });
        const removed = new Set<number>();
        for (const [index, length] of remove.sort((a, b) => b[0] - a[0])) {
          if (removed.has(index)) continue;
          removed.add(index);
          text.delete(index, length);
        }
      }
    });
  }
  return [...found];
}
