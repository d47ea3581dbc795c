import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { canonicalText, contentHash } from './versions.ts';
import { documentUpdateFromJSON } from './initial-state.ts';

const text = (s: string) => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text: s }] }],
});

describe('document versions', () => {
  it('[V5] the content hash depends on the text, not on the Yjs history that produced it', () => {
    const once = documentUpdateFromJSON(text('Điều 1. Thông qua'));
    const again = documentUpdateFromJSON(text('Điều 1. Thông qua'));
    // Two separately made documents have different Yjs items (different client ids) but the same text.
    expect(Buffer.from(once).equals(Buffer.from(again))).toBe(false);
    expect(contentHash(once)).toBe(contentHash(again));
    expect(contentHash(once)).toMatch(/^[0-9a-f]{64}$/);
    expect(contentHash(documentUpdateFromJSON(text('Điều 1. Thông qua.')))).not.toBe(contentHash(once));
  });

  it('[V5] an attribute change (alignment) changes the hash', () => {
    const left = documentUpdateFromJSON(text('Nghị quyết'));
    const doc = new Y.Doc();
    Y.applyUpdate(doc, left);
    const paragraph = doc.getXmlFragment('default').get(0) as Y.XmlElement;
    paragraph.setAttribute('textAlign', 'center');
    expect(contentHash(Y.encodeStateAsUpdate(doc))).not.toBe(contentHash(left));
    expect(canonicalText(Y.encodeStateAsUpdate(doc))).toContain('"textAlign":"center"');
  });
});
