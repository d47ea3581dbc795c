/**
 * Writes a closed vote's result into the documents that show it: every vote-result block bound to the motion
 * gets the final sentence in its `text` attribute, so the minutes keep it where the live motion is not at hand
 * (DOCX export, plain text, the document opened outside its meeting).
 *
 * It works on the Yjs tree the editor's Collaboration extension binds to, where y-tiptap stores a node as a
 * Y.XmlElement named after the node type with the node's attributes as its attributes.
 */
import * as Y from 'yjs';
import { VOTE_RESULT_NODE } from '../../shared/editor/vote-result.ts';
import { COLLABORATION_FIELD } from './initial-state.ts';

/**
 * Sets `text` on every vote-result block of `motionId`, at any depth, that does not already say it; returns how
 * many changed. One transaction: inside the server's own change (`Rooms.change`) it joins that transaction.
 */
export function fillVoteResults(doc: Y.Doc, motionId: string, text: string): number {
  const fragment = doc.getXmlFragment(COLLABORATION_FIELD);
  const stale: Y.XmlElement[] = [];
  for (const node of fragment.createTreeWalker((n) => n instanceof Y.XmlElement && n.nodeName === VOTE_RESULT_NODE)) {
    const element = node as Y.XmlElement;
    if (element.getAttribute('motionId') === motionId && element.getAttribute('text') !== text) stale.push(element);
  }
  if (stale.length > 0) {
    doc.transact(() => {
      for (const element of stale) element.setAttribute('text', text);
    });
  }
  return stale.length;
}
