/**
 * The document schema, shared by the browser editor and the server (which builds new documents from templates
 * and will export them to DOCX). Both sides must agree node for node, or the server would write Yjs content the
 * editor drops. Collaboration is added by the client only: the server never runs an editor.
 */
import { Extension, getSchema, mergeAttributes, Node, type AnyExtension } from '@tiptap/core';
import type { Schema } from '@tiptap/pm/model';
import StarterKit from '@tiptap/starter-kit';
import { splitRuledParagraph } from './rule-split.ts';
import { SafeCodeBlock, SafeLink, SafeOrderedList, SafeTextAlign } from './safe-extensions.ts';
import { tableExtensions } from './tables.ts';
import { VoteResult } from './vote-result.ts';
import { MeetingFactNode } from './meeting-fact.ts';
import { SuggestedParagraph, SuggestionDelete, SuggestionInsert } from './suggestion-marks.ts';
import { FONT_SIZES, RULES, columnsKindOf, fontSizeOf, oneOf, ruleOf, type ColumnsKind } from './allowed.ts';

export { COLUMNS_KINDS, FONT_SIZES, RULES, type ColumnsKind, type FontSize, type Rule } from './allowed.ts';

/**
 * The two-column blocks of the official layout. Exactly two columns, so the DOCX export can map it to a
 * borderless two-cell table. Isolating, so that Backspace never merges the two sides or pulls the body into
 * them, and so that the gap cursor can stand after a final signature block.
 */
export const Columns = Node.create({
  name: 'columns',
  group: 'block',
  content: 'column column',
  isolating: true,
  selectable: false,
  draggable: false,

  addAttributes() {
    return {
      kind: {
        default: 'signatures' satisfies ColumnsKind,
        parseHTML: (element) => columnsKindOf(element.getAttribute('data-kind')),
        renderHTML: (attributes) => ({ 'data-kind': columnsKindOf(attributes.kind) }),
      },
    };
  },

  parseHTML() {
    return [{ tag: 'div[data-type="columns"]' }];
  },

  renderHTML({ HTMLAttributes }) {
    return ['div', mergeAttributes(HTMLAttributes, { 'data-type': 'columns' }), 0];
  },
});

/** Only flat text inside a column: a nested two-column block or a heading has no place in the layout. */
export const Column = Node.create({
  name: 'column',
  content: '(paragraph | bulletList | orderedList)+',
  isolating: true,
  selectable: false,
  draggable: false,

  parseHTML() {
    return [{ tag: 'div[data-type="column"]' }];
  },

  renderHTML({ HTMLAttributes }) {
    return ['div', mergeAttributes(HTMLAttributes, { 'data-type': 'column' }), 0];
  },
});

/** Paragraph attributes of the layout that plain HTML has no element for. */
export const OfficialParagraph = Extension.create({
  name: 'officialParagraph',
  // Ahead of the core keymap, whose Enter would copy a rule to both halves of a split line.
  priority: 1000,

  addKeyboardShortcuts() {
    return { Enter: () => splitRuledParagraph(this.editor.state, this.editor.view.dispatch) };
  },

  addGlobalAttributes() {
    return [
      {
        types: ['paragraph'],
        attributes: {
          rule: {
            default: null,
            // A new line typed after the issuing body must not draw a second rule.
            keepOnSplit: false,
            parseHTML: (element) => oneOf(RULES, element.getAttribute('data-rule')),
            renderHTML: (attributes) => {
              const rule = ruleOf(attributes.rule);
              return rule ? { 'data-rule': rule } : {};
            },
          },
          fontSize: {
            default: null,
            parseHTML: (element) => oneOf(FONT_SIZES, element.getAttribute('data-font-size')),
            renderHTML: (attributes) => {
              const size = fontSizeOf(attributes.fontSize);
              return size ? { 'data-font-size': String(size) } : {};
            },
          },
        },
      },
    ];
  },
});

export function editorExtensions(): AnyExtension[] {
  return [
    // Yjs keeps the undo history (each person undoes only their own edits), so ProseMirror's must be off.
    // TrailingNode would add an empty paragraph after a final signature block in every document; the gap
    // cursor lets people get past that block instead.
    // The three nodes and the mark whose attributes StarterKit would render as given are replaced by versions
    // that render only allowed values (safe-extensions.ts); same names, so documents sync unchanged.
    StarterKit.configure({ undoRedo: false, trailingNode: false, link: false, orderedList: false, codeBlock: false }),
    SafeOrderedList,
    SafeCodeBlock,
    SafeLink,
    SafeTextAlign.configure({ types: ['paragraph', 'heading'] }),
    OfficialParagraph,
    Columns,
    Column,
    VoteResult,
    MeetingFactNode,
    // Tables of targets (a resolution's, a plan's), their spans and widths bounded (tables.ts).
    ...tableExtensions(),
    // Suggested insertions and deletions (track changes), anchored on the text they concern.
    SuggestionInsert,
    SuggestionDelete,
    // A paragraph suggested as a whole (a new clause), a node attribute y-prosemirror stores on its element.
    SuggestedParagraph,
  ];
}

let schema: Schema | null = null;

/** The schema is immutable, so one instance serves every caller. */
export function editorSchema(): Schema {
  schema ??= getSchema(editorExtensions());
  return schema;
}
