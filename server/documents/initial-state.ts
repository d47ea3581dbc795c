/**
 * A new document's first Yjs state, made from template JSON. It is written into the same XmlFragment, in the
 * same shape, that the editor's Collaboration extension binds to, so the first person to open the document sees
 * the template as if someone had typed it.
 */
import type { JSONContent } from '@tiptap/core';
import { Node } from '@tiptap/pm/model';
import { prosemirrorToYXmlFragment } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { editorSchema } from '../../shared/editor/extensions.ts';
import { checkTableSizes } from '../../shared/editor/tables.ts';

/** @tiptap/extension-collaboration's default `field`. */
export const COLLABORATION_FIELD = 'default';

/**
 * Throws if the JSON does not fit the editor schema (or has a table past its caps, SEC12): content the editor cannot show must not be stored, where
 * the first client to open it would silently drop it and sync the loss back to everyone.
 *
 * Store the result once, when the document is created: every call makes new Yjs items, and applying two such
 * updates to one document would show the template twice.
 */
export function documentUpdateFromJSON(content: JSONContent): Uint8Array {
  const node = Node.fromJSON(editorSchema(), content);
  node.check();
  checkTableSizes(node);
  const ydoc = new Y.Doc();
  try {
    prosemirrorToYXmlFragment(node, ydoc.getXmlFragment(COLLABORATION_FIELD));
    return Y.encodeStateAsUpdate(ydoc);
  } finally {
    ydoc.destroy();
  }
}
