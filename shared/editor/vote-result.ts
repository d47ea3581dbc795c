/**
 * A vote result in a document, bound to one motion: "Kết quả biểu quyết: 45/47 đại biểu có mặt tán thành …".
 * An atom, so nobody edits the sentence by hand: the browser shows the live result while the vote runs, and the
 * server writes the final sentence into `text` when the vote closes (server/documents/vote-results.ts). The
 * stored text is what the document says wherever the live motion is not at hand: plain-text copies, exports,
 * the document opened outside its meeting.
 */
import { mergeAttributes, Node } from '@tiptap/core';
import { motionIdOf, textOf } from './allowed.ts';
import { VOTE_RESULT_NODE } from './node-names.ts';

export { VOTE_RESULT_NODE };

export interface VoteResultAttributes {
  motionId: string;
  /** The final result text; '' until the vote closes. */
  text: string;
}

export const VoteResult = Node.create({
  name: VOTE_RESULT_NODE,
  group: 'block',
  atom: true,
  selectable: true,
  draggable: false,

  addAttributes() {
    return {
      motionId: {
        default: '',
        parseHTML: (element) => motionIdOf(element.getAttribute('data-motion-id')),
        renderHTML: (attributes) => ({ 'data-motion-id': motionIdOf(attributes.motionId) }),
      },
      text: {
        default: '',
        parseHTML: (element) => element.textContent ?? '',
        // The text is the element's content, not an attribute of it.
        rendered: false,
      },
    };
  },

  parseHTML() {
    // Ahead of the paragraph's plain `p` rule (priority 50), which would otherwise take the element as text.
    return [{ tag: 'p[data-type="vote-result"]', priority: 60 }];
  },

  renderHTML({ node, HTMLAttributes }) {
    // As text, never markup; and only a string (a document may hold anything in an attribute).
    return ['p', mergeAttributes(HTMLAttributes, { 'data-type': 'vote-result' }), textOf(node.attrs.text)];
  },

  renderText({ node }) {
    return textOf(node.attrs.text);
  },
});
