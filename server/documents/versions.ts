import { createHash } from 'node:crypto';
import { nodeOfState } from './content.ts';

/**
 * The canonical serialisation of a document's text: its ProseMirror JSON (what the editor shows, node for node)
 * with object keys sorted, so the same text always gives the same bytes, whatever Yjs history produced it.
 * Two replicas that converged hash the same; any visible change, an attribute included, hashes differently.
 */
export function canonicalText(state: Uint8Array): string {
  return stableStringify(nodeOfState(state).toJSON());
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
