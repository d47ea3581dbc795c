/**
 * A version's text as the compare view reads it: the document flattened to its blocks of text in reading order.
 * Formatting (bold, alignment, rules) is left out on purpose: the comparison is of what the document says, and a
 * changed alignment shown as a changed paragraph would hide the changes that matter.
 */
import type { JSONContent } from '@tiptap/core';
import { VOTE_RESULT_NODE } from '../../shared/editor/vote-result.ts';
import { MEETING_FACT_NODE, meetingFactWords } from '../../shared/editor/meeting-fact.ts';

export type BlockKind = 'paragraph' | 'heading' | 'listItem' | 'tableCell' | 'voteResult';

export interface TextBlock {
  kind: BlockKind;
  text: string;
}

/** Nodes whose paragraphs are shown as their own kind of block (a list item keeps its bullet in the view). */
const CONTAINERS: Readonly<Record<string, BlockKind>> = {
  listItem: 'listItem',
  taskItem: 'listItem',
  tableCell: 'tableCell',
  tableHeader: 'tableCell',
};

const TEXTBLOCKS: Readonly<Record<string, BlockKind>> = {
  paragraph: 'paragraph',
  heading: 'heading',
  codeBlock: 'paragraph',
};

/** The inline text of a textblock. NFC, so that a syllable typed as base letter + combining marks (some
 * Vietnamese input methods do that) equals the same syllable typed precomposed. */
function inlineText(node: JSONContent): string {
  let text = '';
  for (const child of node.content ?? []) {
    if (child.type === 'text') text += child.text ?? '';
    else if (child.type === 'hardBreak') text += '\n';
    // A meeting fact by the words stored in the version (what it printed then).
    else if (child.type === MEETING_FACT_NODE) text += meetingFactWords({ attrs: child.attrs ?? {} });
    else text += inlineText(child);
  }
  return text.normalize('NFC');
}

/**
 * Blocks in reading order: the two columns of the header and of the signatures left then right, list items
 * and table cells one block per paragraph, a vote result as the sentence stored in it. Empty paragraphs (the
 * room left for a signature) say nothing and are skipped, so that adding one is not reported as a change.
 */
export function flattenBlocks(doc: JSONContent): TextBlock[] {
  const blocks: TextBlock[] = [];
  const walk = (node: JSONContent, container: BlockKind | null) => {
    const type = node.type ?? '';
    if (type === VOTE_RESULT_NODE) {
      const text = String((node.attrs as { text?: unknown } | undefined)?.text ?? '').normalize('NFC');
      if (text.trim() !== '') blocks.push({ kind: 'voteResult', text });
      return;
    }
    const textblock = TEXTBLOCKS[type];
    if (textblock) {
      const text = inlineText(node);
      // Inside a list item or a cell the block is shown as such, whatever its own type.
      if (text.trim() !== '') blocks.push({ kind: container ?? textblock, text });
      return;
    }
    const inner = CONTAINERS[type] ?? container;
    for (const child of node.content ?? []) walk(child, inner);
  };
  walk(doc, null);
  return blocks;
}
