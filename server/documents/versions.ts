import { createHash } from 'node:crypto';
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { editorSchema } from '../../shared/editor/extensions.ts';
import { COLLABORATION_FIELD } from './initial-state.ts';

/**
 * The canonical serialisation of a document's text: its ProseMirror JSON (what the editor shows, node for node)
 * with object keys sorted, so the same text always gives the same bytes, whatever Yjs history produced it.
 * Two replicas that converged hash the same; any visible change, an attribute included, hashes differently.
 */
export function canonicalText(state: Uint8Array): string {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    const node = yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(COLLABORATION_FIELD), editorSchema());
    return stableStringify(node.toJSON());
  } finally {
    doc.destroy();
  }
}

/** SHA-256 (hex) of the canonical serialisation: the content hash a vote binds to. */
export function contentHash(state: Uint8Array): string {
  return createHash('sha256').update(canonicalText(state), 'utf8').digest('hex');
}

function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
}
