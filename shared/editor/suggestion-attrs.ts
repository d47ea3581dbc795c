/**
 * What a suggestion carries, apart from the editor: the names of the two suggestion marks, the node attribute of a
 * paragraph suggested as a whole, and the check of the attributes a peer wrote. No TipTap here, so that the model
 * (`shared/suggestions.ts`), the server's gates and the exports read suggestions without loading the editor.
 */

export const SUGGEST_INSERT = 'suggestionInsert';
export const SUGGEST_DELETE = 'suggestionDelete';
export type SuggestionKind = 'insert' | 'delete';

/**
 * The node attribute of a paragraph someone suggests adding as a whole (a new clause): the same attributes as the
 * insertion mark on its text. y-prosemirror stores a node's attributes on its Y.XmlElement (marks on block nodes it
 * does not store), so the suggestion syncs and merges offline with the paragraph itself.
 */
export const SUGGESTED_PARAGRAPH = 'suggestion';
/** The one node type that can be suggested as a whole. */
export const SUGGESTABLE_NODE = 'paragraph';

/** What each suggestion mark carries: who suggested it and when (`at`, ISO 8601), under one id per suggestion. */
export interface SuggestionAttrs {
  id: string;
  /** The author's account id: the server admits a restricted delegate's marks only with their own id here. */
  by: string;
  /** The author's name as it was when they suggested it (the panel prefers the roster's current name). */
  name: string;
  at: string;
}

const SUGGESTION_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The attributes of a suggestion (mark or paragraph) as a peer wrote them, or null when they are not a suggestion's. */
export function suggestionAttrsOf(value: unknown): SuggestionAttrs | null {
  if (typeof value !== 'object' || value === null) return null;
  const { id, by, name, at } = value as Record<string, unknown>;
  if (typeof id !== 'string' || !SUGGESTION_ID.test(id) || typeof by !== 'string' || by.length === 0 || by.length > 64) return null;
  return {
    id,
    by,
    name: typeof name === 'string' ? name.slice(0, 200) : '',
    at: typeof at === 'string' ? at.slice(0, 40) : '',
  };
}
