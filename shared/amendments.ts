/**
 * Amendments: suggestions (`shared/suggestions.ts`) grouped into one motion the hall votes on. This is the pure part,
 * read from the document's Y.Doc: what an amendment changes, taken when it is made (each suggestion with its author
 * and article, and each paragraph it touches as it reads now and as it would read once the amendment is adopted),
 * and the title it gets by default ("Sửa đổi Điều 2, khoản 1").
 */
import * as Y from 'yjs';
import { SUGGEST_DELETE, SUGGEST_INSERT, suggestionAttrsOf, type SuggestionAttrs } from './editor/suggestion-attrs.ts';
import { paragraphSuggestionOf, SUGGESTIONS_FIELD } from './suggestions.ts';

/** Suggestions one amendment may group. */
export const MAX_AMENDMENT_SUGGESTIONS = 50;
/**
 * Bounds on what an amendment's record keeps (it travels in the meeting's live state to everyone): each paragraph's
 * old and new text up to MAX_CLAUSE_CHARS, each suggestion's text up to MAX_SUGGESTION_CHARS (the rest cut, with
 * "…"), and the first MAX_CLAUSES paragraphs (how many more there were is counted).
 */
export const MAX_CLAUSE_CHARS = 600;
export const MAX_SUGGESTION_CHARS = 500;
/**
 * What the motion's view (the live state, every answer about the motion) shows of each suggestion's text: the
 * paragraphs carry the change; the record keeps up to MAX_SUGGESTION_CHARS.
 */
export const VIEW_SUGGESTION_CHARS = 100;
export const MAX_CLAUSES = 10;

export interface AmendmentSuggestion extends SuggestionAttrs {
  article: number | null;
  /** The numbered clause ("khoản 1": a paragraph starting "1.") of the article it sits in, if any. */
  clause: number | null;
  inserted: string;
  deleted: string;
}

/** One paragraph the amendment touches: as it reads now (no suggestion applied) and as the amendment would leave it. */
export interface AmendmentClause {
  article: number | null;
  clause: number | null;
  before: string;
  after: string;
  /** A paragraph the amendment adds (a suggested paragraph, SG10): it has no text now (`before` is empty). */
  added?: true;
}

/** What an amendment changes, as taken when it was made: kept with the motion, for display and the record. */
export interface AmendmentRecord {
  suggestions: AmendmentSuggestion[];
  clauses: AmendmentClause[];
  /** Paragraphs it touches beyond the first MAX_CLAUSES, not kept. */
  omittedClauses: number;
}

/**
 * Why an amendment is not pending any more before its vote: the chair withdrew it (for good) or postponed it (it may
 * be resumed). Neither blocks the final vote.
 */
export const SET_ASIDE = ['withdrawn', 'postponed'] as const;
export type SetAside = (typeof SET_ASIDE)[number];

const ARTICLE = /^\s*Điều\s+(\d{1,4})\b/u;
const CLAUSE = /^\s*(\d{1,3})\s*[.)]\s/u;

interface Run {
  insert: string;
  ins: SuggestionAttrs | null;
  del: SuggestionAttrs | null;
}

function cut(text: string, max = MAX_CLAUSE_CHARS): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * The record of an amendment made of the suggestions `ids` of `doc`, in the order they appear in the text. Ids not
 * in the text are left out (the caller compares). Cost: one walk of the document.
 */
export function amendmentOf(doc: Y.Doc, ids: ReadonlySet<string>): AmendmentRecord {
  const byId = new Map<string, AmendmentSuggestion>();
  const clauses: AmendmentClause[] = [];
  let omittedClauses = 0;
  let article: number | null = null;
  let clause: number | null = null;
  const chosen = (a: SuggestionAttrs | null) => a !== null && ids.has(a.id);
  const root = doc.getXmlFragment(SUGGESTIONS_FIELD);
  const entry = (attrs: SuggestionAttrs, at: number | null) => {
    let s = byId.get(attrs.id);
    if (!s) byId.set(attrs.id, (s = { ...attrs, article, clause: at, inserted: '', deleted: '' }));
    return s;
  };
  const visit = (element: Y.XmlElement | Y.XmlFragment) => {
    // A paragraph suggested as a whole is not in the text as it reads now: it starts no article or clause, and the
    // clause it adds is the number its own text starts with ("3. …"), if any.
    const suggested = element instanceof Y.XmlElement && element.parent === root ? paragraphSuggestionOf(element) : null;
    const texts = element.toArray().filter((c): c is Y.XmlText => c instanceof Y.XmlText);
    if (texts.length > 0 || suggested) {
      const runs: Run[] = [];
      for (const text of texts) {
        for (const op of text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
          const attrs = op.attributes ?? {};
          runs.push({
            insert: typeof op.insert === 'string' ? op.insert : '',
            ins: suggestionAttrsOf(attrs[SUGGEST_INSERT]),
            del: suggestionAttrsOf(attrs[SUGGEST_DELETE]),
          });
        }
      }
      const before = suggested ? '' : runs.map((r) => (r.ins ? '' : r.insert)).join('');
      const articleMatch = ARTICLE.exec(before);
      if (articleMatch) {
        article = Number(articleMatch[1]);
        clause = null;
      } else {
        const clauseMatch = CLAUSE.exec(before);
        if (clauseMatch) clause = Number(clauseMatch[1]);
      }
      const added = suggested !== null && chosen(suggested);
      const own = added ? CLAUSE.exec(runs.map((r) => r.insert).join('')) : null;
      const here = suggested ? (own ? Number(own[1]) : null) : clause;
      let touched = added;
      if (added) {
        const s = entry(suggested, here);
        // A suggestion of several paragraphs reads one line per paragraph.
        if (s.inserted !== '' && s.inserted.length < MAX_SUGGESTION_CHARS) s.inserted += '\n';
      }
      for (const run of runs) {
        for (const [attrs, kind] of [[run.ins, 'inserted'], [run.del, 'deleted']] as const) {
          if (!attrs || !chosen(attrs)) continue;
          touched = true;
          const s = entry(attrs, here);
          if (s[kind].length < MAX_SUGGESTION_CHARS) s[kind] = cut(s[kind] + run.insert, MAX_SUGGESTION_CHARS);
        }
      }
      if (touched && clauses.length >= MAX_CLAUSES) omittedClauses++;
      else if (touched) {
        // A suggested paragraph not in the amendment stays a suggestion: not in the text after it either.
        const after = suggested && !added ? '' : runs.map((r) => ((r.ins && !chosen(r.ins)) || chosen(r.del) ? '' : r.insert)).join('');
        clauses.push({ article, clause: here, before: cut(before), after: cut(after), ...(added ? { added: true as const } : {}) });
      }
    }
    for (const child of element.toArray()) if (child instanceof Y.XmlElement) visit(child);
  };
  visit(doc.getXmlFragment(SUGGESTIONS_FIELD));
  return { suggestions: [...byId.values()], clauses, omittedClauses };
}

/**
 * "Sửa đổi Điều 2, khoản 1": the articles (and, within a single article, the clauses) the amendment touches; without
 * any numbered article, "Sửa đổi" and the document's title.
 */
export function defaultAmendmentTitle(record: AmendmentRecord, documentTitle: string): string {
  const articles = [...new Set(record.suggestions.map((s) => s.article).filter((a): a is number => a !== null))];
  if (articles.length === 0) return `Sửa đổi ${documentTitle}`.trim().slice(0, 300);
  if (articles.length > 1) return `Sửa đổi ${articles.map((a) => `Điều ${a}`).join(', ')}`.slice(0, 300);
  const clauses = [...new Set(record.suggestions.map((s) => s.clause).filter((c): c is number => c !== null))];
  const inArticle = record.suggestions.every((s) => s.clause !== null) && clauses.length > 0 ? `, khoản ${clauses.join(', ')}` : '';
  return `Sửa đổi Điều ${articles[0]}${inArticle}`.slice(0, 300);
}

/** The record as stored, read back; a record that does not parse reads as empty (never thrown at a reader). */
export function parseAmendmentRecord(json: string): AmendmentRecord {
  try {
    const value = JSON.parse(json) as Partial<AmendmentRecord>;
    return {
      suggestions: Array.isArray(value.suggestions) ? value.suggestions : [],
      clauses: Array.isArray(value.clauses) ? value.clauses : [],
      omittedClauses: typeof value.omittedClauses === 'number' ? value.omittedClauses : 0,
    };
  } catch {
    return { suggestions: [], clauses: [], omittedClauses: 0 };
  }
}
