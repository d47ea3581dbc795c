/**
 * The document schema, shared by the browser editor and the server (which builds new documents from templates
 * and will export them to DOCX). Both sides must agree node for node, or the server would write Yjs content the
 * editor drops. Collaboration is added by the client only: the server never runs an editor.
 */
import { Extension, getSchema, mergeAttributes, Node, type AnyExtension } from '@tiptap/core';
import type { Schema } from '@tiptap/pm/model';
import StarterKit from '@tiptap/starter-kit';
import TextAlign from '@tiptap/extension-text-align';
import { splitRuledParagraph } from './rule-split.ts';
import { VoteResult } from './vote-result.ts';

export const COLUMNS_KINDS = ['header', 'signatures'] as const;
/** header: issuing body | national motto; signatures: recipients or one signer | the other signer. */
export type ColumnsKind = (typeof COLUMNS_KINDS)[number];

/** A rule under a line: `short` is a centred stroke about a third of the column; `text` spans the text above it. */
export const RULES = ['short', 'text'] as const;
export type Rule = (typeof RULES)[number];

/** Sizes that differ from the body's (13–14 pt): "Nơi nhận:" is 12 pt and the recipients 11 pt. */
export const FONT_SIZES = [11, 12, 13] as const;
export type FontSize = (typeof FONT_SIZES)[number];

function oneOf<T extends string | number>(allowed: readonly T[], value: unknown): T | null {
  return allowed.find((a) => String(a) === String(value)) ?? null;
}

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
        parseHTML: (element) => oneOf(COLUMNS_KINDS, element.getAttribute('data-kind')) ?? 'signatures',
        renderHTML: (attributes) => ({ 'data-kind': attributes.kind as string }),
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
            renderHTML: (attributes) => (attributes.rule ? { 'data-rule': attributes.rule as string } : {}),
          },
          fontSize: {
            default: null,
            parseHTML: (element) => oneOf(FONT_SIZES, element.getAttribute('data-font-size')),
            renderHTML: (attributes) =>
              attributes.fontSize ? { 'data-font-size': String(attributes.fontSize as number) } : {},
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
    StarterKit.configure({ undoRedo: false, trailingNode: false }),
    TextAlign.configure({ types: ['paragraph', 'heading'] }),
    OfficialParagraph,
    Columns,
    Column,
    VoteResult,
  ];
}

let schema: Schema | null = null;

/** The schema is immutable, so one instance serves every caller. */
export function editorSchema(): Schema {
  schema ??= getSchema(editorExtensions());
  return schema;
}
