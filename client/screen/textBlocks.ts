/**
 * A document's text (the editor's JSON, from a version) as the hall's screen shows it: paragraphs of runs and
 * tables of cells, in large type. The official header and the signature blocks (the two-column `columns` nodes)
 * are left out: on a projector they are a third of the screen saying what everyone knows. Everything is text,
 * rendered by React as text, never markup, whatever a document holds.
 *
 * Bounded (MAX_BLOCKS, MAX_CHARACTERS): the screen shows the start of a text, and a member can make a text as
 * large as they like.
 */
import type { JSONContent } from '@tiptap/core';
import { MEETING_FACT_NODE, VOTE_RESULT_NODE } from '../../shared/editor/node-names.ts';

export interface ScreenRun {
  text: string;
  bold?: true;
  italic?: true;
  underline?: true;
}

export type ScreenBlock =
  | { kind: 'paragraph'; align: 'left' | 'center' | 'right' | 'justify'; heading: boolean; runs: ScreenRun[] }
  | { kind: 'table'; rows: string[][] };

export const MAX_BLOCKS = 200;
export const MAX_CHARACTERS = 20_000;
/** What a meeting fact or a vote result not known yet prints as (the form's blank). */
const BLANK = '…';

const ALIGNS = new Set(['left', 'center', 'right', 'justify']);

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function runsOf(node: JSONContent, out: ScreenRun[]): void {
  for (const child of node.content ?? []) {
    if (child.type === 'text') {
      const run: ScreenRun = { text: str(child.text) };
      for (const mark of child.marks ?? []) {
        if (mark.type === 'bold') run.bold = true;
        else if (mark.type === 'italic') run.italic = true;
        else if (mark.type === 'underline') run.underline = true;
      }
      if (run.text !== '') out.push(run);
    } else if (child.type === 'hardBreak') {
      out.push({ text: '\n' });
    } else if (child.type === MEETING_FACT_NODE) {
      out.push({ text: str(child.attrs?.text) || BLANK });
    } else {
      runsOf(child, out);
    }
  }
}

/** A node's whole text, one line (a table cell's). */
function plainText(node: JSONContent): string {
  const runs: ScreenRun[] = [];
  runsOf({ content: [node] }, runs);
  return runs
    .map((run) => run.text)
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function screenBlocks(content: JSONContent | null | undefined): ScreenBlock[] {
  const blocks: ScreenBlock[] = [];
  let characters = 0;
  const full = () => blocks.length >= MAX_BLOCKS || characters >= MAX_CHARACTERS;

  const paragraph = (node: JSONContent, prefix = '') => {
    const runs: ScreenRun[] = prefix ? [{ text: prefix }] : [];
    runsOf(node, runs);
    if (runs.length === 0 && blocks.at(-1)?.kind === 'paragraph' && (blocks.at(-1) as { runs: ScreenRun[] }).runs.length === 0) {
      return; // Runs of empty lines (signature space, spacing) collapse to one.
    }
    const align = str(node.attrs?.textAlign);
    characters += runs.reduce((sum, run) => sum + run.text.length, 0);
    blocks.push({
      kind: 'paragraph',
      align: ALIGNS.has(align) ? (align as 'left') : 'left',
      heading: node.type === 'heading',
      runs,
    });
  };

  const walk = (nodes: readonly JSONContent[], prefix: (index: number) => string = () => '') => {
    nodes.forEach((node, index) => {
      if (full()) return;
      switch (node.type) {
        case 'paragraph':
        case 'heading':
          paragraph(node, prefix(index));
          break;
        case 'columns':
          break;
        case VOTE_RESULT_NODE:
          paragraph({ type: 'paragraph', content: [{ type: 'text', text: str(node.attrs?.text) || BLANK }] });
          break;
        case 'table': {
          const rows = (node.content ?? []).map((row) => (row.content ?? []).map(plainText));
          characters += rows.flat().reduce((sum, cell) => sum + cell.length, 0);
          blocks.push({ kind: 'table', rows });
          break;
        }
        case 'bulletList':
          for (const item of node.content ?? []) walk(item.content ?? [], (i) => (i === 0 ? '• ' : ''));
          break;
        case 'orderedList': {
          const start = typeof node.attrs?.start === 'number' ? node.attrs.start : 1;
          (node.content ?? []).forEach((item, n) => walk(item.content ?? [], (i) => (i === 0 ? `${start + n}. ` : '')));
          break;
        }
        default:
          walk(node.content ?? []);
      }
    });
  };
  walk(content?.content ?? []);
  // Leading and trailing empty lines say nothing on a screen.
  const empty = (block: ScreenBlock | undefined) => block?.kind === 'paragraph' && block.runs.length === 0;
  while (empty(blocks[0])) blocks.shift();
  while (empty(blocks.at(-1))) blocks.pop();
  return blocks;
}
