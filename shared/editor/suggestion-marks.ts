/**
 * Suggestions (track changes) as marks on the text: an insertion someone suggests is text carrying
 * `suggestionInsert`, a deletion someone suggests is text carrying `suggestionDelete`. y-prosemirror stores a mark
 * as a formatting attribute of the Y.XmlText it is on (the attribute's value is the mark's attributes), so a
 * suggestion is anchored to the characters themselves: it moves with them under anyone's concurrent edits and
 * merges offline like any edit. A paragraph suggested as a whole (a new clause) carries the same attributes as a node
 * attribute (`SuggestedParagraph`). The pure model over the Y.Doc is `shared/suggestions.ts`.
 */
import { Extension, Mark, mergeAttributes } from '@tiptap/core';
import { caretColor } from '../presence.ts';
import {
  SUGGEST_DELETE,
  SUGGEST_INSERT,
  SUGGESTABLE_NODE,
  SUGGESTED_PARAGRAPH,
  suggestionAttrsOf,
  type SuggestionAttrs,
  type SuggestionKind,
} from './suggestion-attrs.ts';

export {
  SUGGEST_DELETE,
  SUGGEST_INSERT,
  SUGGESTABLE_NODE,
  SUGGESTED_PARAGRAPH,
  suggestionAttrsOf,
  type SuggestionAttrs,
  type SuggestionKind,
} from './suggestion-attrs.ts';

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

/**
 * A paragraph suggested as a whole: its `suggestion` attribute holds the suggestion's attributes (`SUGGESTED_PARAGRAPH`),
 * shown as a bar in the author's colour beside it. Never read from pasted HTML (a pasted paragraph is no suggestion),
 * and not carried over when a paragraph is split (the second half is the splitter's, not the author's).
 */
export const SuggestedParagraph = Extension.create({
  name: 'suggestedParagraph',

  addGlobalAttributes() {
    return [
      {
        types: [SUGGESTABLE_NODE],
        attributes: {
          [SUGGESTED_PARAGRAPH]: {
            default: null,
            keepOnSplit: false,
            parseHTML: () => null,
            renderHTML: (attributes: Record<string, unknown>) => {
              // Only checked values reach the page, as for the marks.
              const attrs = suggestionAttrsOf(attributes[SUGGESTED_PARAGRAPH]);
              if (!attrs) return {};
              return {
                class: 'suggestion-paragraph',
                'data-suggestion-id': attrs.id,
                'data-suggestion-by': attrs.by,
                style: `--suggestion-color: ${caretColor(attrs.by)}`,
                title: `${attrs.name} · ${attrs.at.slice(0, 16).replace('T', ' ')}`,
              };
            },
          },
        },
      },
    ];
  },
});
