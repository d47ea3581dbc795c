/**
 * A fact of the meeting inside a sentence of the minutes: "Thành phần tham dự: [có mặt 45/47 đại biểu được triệu
 * tập]." An inline atom, so the sentence around it stays the drafters' own words while nobody types over the
 * count. The browser shows the live fact (shared/meeting-facts.ts, from the meeting's live state); the server
 * keeps `text` up to date while the document is unlocked and writes it for good when the text is submitted for
 * finalisation (server/documents/meeting-facts.ts). `text` is what the document says wherever the live meeting
 * is not at hand: plain-text copies, exports, the final version and its hash.
 */
import { mergeAttributes, Node, type NodeConfig } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { FACT_BLANKS, type MeetingFact } from '../meeting-facts.ts';
import { BLANK } from '../templates/types.ts';
import { factTextOf, meetingFactOf } from './allowed.ts';
import { MEETING_FACT_NODE } from './node-names.ts';

export { MEETING_FACT_NODE };

export interface MeetingFactAttributes {
  /** Null for a value outside the list (a hostile or damaged document): such a block only shows its text. */
  fact: MeetingFact | null;
  /** The fact as last written by the server; '' while it is not known. */
  text: string;
}

/** The words the block stands for: its text, or the blank that asks for it. */
export function meetingFactWords(node: Pick<PMNode, 'attrs'>): string {
  const fact = meetingFactOf(node.attrs.fact);
  return factTextOf(node.attrs.text) || (fact ? FACT_BLANKS[fact] : BLANK);
}

const extendNodeSchema: NodeConfig['extendNodeSchema'] = (extension) =>
  // ProseMirror's own text of the node (textContent, textBetween): the sentence reads whole, as printed.
  extension.name === MEETING_FACT_NODE ? { leafText: meetingFactWords } : {};

export const MeetingFactNode = Node.create({
  name: MEETING_FACT_NODE,
  group: 'inline',
  inline: true,
  atom: true,
  selectable: true,
  draggable: false,
  extendNodeSchema,

  addAttributes() {
    return {
      fact: {
        default: null,
        parseHTML: (element) => meetingFactOf(element.getAttribute('data-fact')),
        renderHTML: (attributes) => {
          const fact = meetingFactOf(attributes.fact);
          return fact ? { 'data-fact': fact } : {};
        },
      },
      text: {
        default: '',
        // A pasted block that showed a blank holds no fact yet.
        parseHTML: (element) => {
          const text = factTextOf(element.textContent);
          return text.includes(BLANK) ? '' : text;
        },
        // The text is the element's content, not an attribute of it.
        rendered: false,
      },
    };
  },

  parseHTML() {
    return [{ tag: 'span[data-type="meeting-fact"]' }];
  },

  renderHTML({ node, HTMLAttributes }) {
    // As text, never markup; and only a bounded string (a document may hold anything in an attribute).
    return ['span', mergeAttributes(HTMLAttributes, { 'data-type': 'meeting-fact' }), meetingFactWords(node)];
  },

  renderText({ node }) {
    return meetingFactWords(node);
  },
});
