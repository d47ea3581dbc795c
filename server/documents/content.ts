/**
 * A document's text as the editor's JSON, read from a Yjs state or written into a live Y.Doc. Writing goes
 * through y-prosemirror's own diffing update, so a restore or a number written into the header changes only the
 * paragraphs that differ: the others keep their Yjs items, and everyone's caret in them stays put.
 */
import type { JSONContent } from '@tiptap/core';
import { Node } from '@tiptap/pm/model';
import { updateYFragment, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { editorSchema } from '../../shared/editor/extensions.ts';
import { checkTableSizes } from '../../shared/editor/tables.ts';
import { COLLABORATION_FIELD } from './initial-state.ts';

export function nodeOfDoc(doc: Y.Doc): Node {
  return yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(COLLABORATION_FIELD), editorSchema());
}

export function nodeOfState(state: Uint8Array): Node {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    return nodeOfDoc(doc);
  } finally {
    doc.destroy();
  }
}

export function contentOfState(state: Uint8Array): JSONContent {
  return nodeOfState(state).toJSON() as JSONContent;
}

/** Makes the document's text `content`, as one change in the caller's transaction. Throws if it is not the schema's (SEC12). */
export function writeContent(doc: Y.Doc, content: JSONContent): void {
  const node = Node.fromJSON(editorSchema(), content);
  node.check();
  checkTableSizes(node);
  updateYFragment(doc, doc.getXmlFragment(COLLABORATION_FIELD), node, { mapping: new Map(), isOMark: new Map() });
}

const NUMBER_LINE = /^\s*Số\s*:/u;

function textOf(node: JSONContent): string {
  return (node.content ?? []).map((child) => child.text ?? '').join('');
}

/**
 * The content with its number line ("Số: …", the template's left header column) reading `line`. A document whose
 * authors removed the line gets it back at the top of the header's left column, or of the document when it has
 * no header: a finalised document always shows its number.
 */
export function withNumberLine(content: JSONContent, line: string): JSONContent {
  const numbered: JSONContent = { type: 'paragraph', attrs: { textAlign: 'center' }, content: [{ type: 'text', text: line }] };
  let replaced = false;
  const visit = (node: JSONContent): JSONContent => {
    if (replaced) return node;
    if (node.type === 'paragraph' && NUMBER_LINE.test(textOf(node))) {
      replaced = true;
      return { ...node, content: [{ type: 'text', text: line }] };
    }
    return node.content ? { ...node, content: node.content.map(visit) } : node;
  };
  const result = visit(content);
  if (replaced) return result;
  const blocks = [...(result.content ?? [])];
  const header = blocks.findIndex((b) => b.type === 'columns' && b.attrs?.kind === 'header');
  const left = header === -1 ? undefined : blocks[header]?.content?.[0];
  if (header !== -1 && left) {
    const columns = blocks[header]!;
    const [, ...rest] = columns.content ?? [];
    blocks[header] = { ...columns, content: [{ ...left, content: [...(left.content ?? []), numbered] }, ...rest] };
  } else {
    blocks.unshift(numbered);
  }
  return { ...result, content: blocks };
}
