/**
 * Suggestions (track changes) as marks on the text: an insertion someone suggests is text carrying
 * `suggestionInsert`, a deletion someone suggests is text carrying `suggestionDelete`. y-prosemirror stores a mark
 * as a formatting attribute of the Y.XmlText it is on (the attribute's value is the mark's attributes), so a
 * suggestion is anchored to the characters themselves: it moves with them under anyone's concurrent edits and
 * merges offline like any edit. The pure model over the Y.Doc is `shared/suggestions.ts`.
 */
import { Mark, mergeAttributes } from '@tiptap/core';
import { caretColor } from '../presence.ts';

export const SUGGEST_INSERT = 'suggestionInsert';
export const SUGGEST_DELETE = 'suggestionDelete';
export type SuggestionKind = 'insert' | 'delete';

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

/** The attributes of a suggestion mark as a peer wrote them, or null when they are not a suggestion's. */
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

function suggestionMark(name: string, kind: SuggestionKind, tag: 'ins' | 'del') {
  return Mark.create({
    name,
    // Typing at a suggestion's edge is not part of it unless the suggest mode puts it there.
    inclusive: false,
    addAttributes() {
      const plain = (key: keyof SuggestionAttrs) => ({
        default: '',
        parseHTML: (element: HTMLElement) => element.getAttribute(`data-suggestion-${key}`) ?? '',
        renderHTML: () => ({}),
      });
      return { id: plain('id'), by: plain('by'), name: plain('name'), at: plain('at') };
    },
    parseHTML() {
      return [{ tag: `${tag}[data-suggestion-id]` }];
    },
    renderHTML({ mark, HTMLAttributes }) {
      // Only checked values reach the page: the colour is the author's caret colour computed here, never a string
      // from the document.
      const attrs = suggestionAttrsOf(mark.attrs);
      return [
        tag,
        mergeAttributes(HTMLAttributes, {
          class: `suggestion suggestion-${kind}`,
          'data-suggestion-id': attrs?.id ?? '',
          'data-suggestion-by': attrs?.by ?? '',
          style: `--suggestion-color: ${caretColor(attrs?.by ?? '')}`,
          title: attrs ? `${attrs.name} · ${attrs.at.slice(0, 16).replace('T', ' ')}` : '',
        }),
        0,
      ];
    },
  });
}

export const SuggestionInsert = suggestionMark(SUGGEST_INSERT, 'insert', 'ins');
export const SuggestionDelete = suggestionMark(SUGGEST_DELETE, 'delete', 'del');
