/**
 * A live document's text as the editor's JSON, read straight from its Y.Doc (the `XmlFragment` TipTap's
 * Collaboration binds), without ProseMirror: the projector only reads, and the editor's libraries stay in the
 * document's chunk (CD3). The mapping is y-prosemirror's: an element per node with its attributes, text with its
 * marks as formatting attributes (a mark that may overlap itself is stored as `name--hash`).
 */
import type { JSONContent } from '@tiptap/core';
import * as Y from 'yjs';

/** TipTap Collaboration's default field, where the server's templates write too (`COLLABORATION_FIELD`). */
export const TEXT_FIELD = 'default';

const markName = (attribute: string) => attribute.replace(/--[a-zA-Z0-9+/=]{8}$/, '');

function nodes(item: Y.XmlElement | Y.XmlText | Y.XmlHook): JSONContent[] {
  if (item instanceof Y.XmlText) {
    return (item.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[])
      .filter((d) => typeof d.insert === 'string' && d.insert !== '')
      .map((d) => {
        const text: JSONContent = { type: 'text', text: d.insert as string };
        if (d.attributes) text.marks = Object.keys(d.attributes).map((name) => ({ type: markName(name) }));
        return text;
      });
  }
  if (item instanceof Y.XmlElement) {
    const node: JSONContent = { type: item.nodeName };
    const attrs = item.getAttributes();
    if (Object.keys(attrs).length > 0) node.attrs = attrs;
    const children = item.toArray().flatMap(nodes);
    if (children.length > 0) node.content = children;
    return [node];
  }
  return [];
}

export function fragmentJson(fragment: Y.XmlFragment): JSONContent {
  return { type: 'doc', content: fragment.toArray().flatMap(nodes) };
}
