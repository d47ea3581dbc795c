import { getText, getTextSerializersFromSchema } from '@tiptap/core';
import { DOMParser as PMDOMParser, Node as PMNode, type TagParseRule } from '@tiptap/pm/model';
import { describe, expect, it } from 'vitest';
import { editorSchema } from './extensions.ts';
import { VOTE_RESULT_NODE } from './vote-result.ts';

const TEXT =
  'Kết quả biểu quyết: 45/47 đại biểu có mặt tán thành (95,7%), 01 không tán thành (2,1%), ' +
  '01 không biểu quyết (2,1%). Nghị quyết được thông qua.';

const doc = () =>
  PMNode.fromJSON(editorSchema(), {
    type: 'doc',
    content: [
      { type: 'paragraph', content: [{ type: 'text', text: 'Hội nghị biểu quyết thông qua Nghị quyết.' }] },
      { type: VOTE_RESULT_NODE, attrs: { motionId: 'm1', text: TEXT } },
      { type: VOTE_RESULT_NODE, attrs: { motionId: 'm2' } },
      { type: 'paragraph', content: [{ type: 'text', text: 'Hội nghị kết thúc.' }] },
    ],
  });

describe('the vote-result block', () => {
  it('[V9] sits among the paragraphs of the body, as an atom with its motion and text', () => {
    const d = doc();
    d.check();
    const block = d.child(1);
    expect(block.type.isAtom && block.isBlock && block.isLeaf).toBe(true);
    expect(block.attrs).toEqual({ motionId: 'm1', text: TEXT });
    // Not yet closed: no text.
    expect(d.child(2).attrs).toEqual({ motionId: 'm2', text: '' });
  });

  it('[V9] plain text (copy, export) gives the result sentence', () => {
    const schema = editorSchema();
    const text = getText(doc(), { blockSeparator: '\n', textSerializers: getTextSerializersFromSchema(schema) });
    expect(text).toBe(`Hội nghị biểu quyết thông qua Nghị quyết.\n${TEXT}\n\nHội nghị kết thúc.`);
  });

  it('[V9] renders as a marked paragraph holding the text, and reads it back', () => {
    const schema = editorSchema();
    const block = doc().child(1);
    const spec = schema.nodes[VOTE_RESULT_NODE]!.spec;
    expect(spec.toDOM?.(block)).toEqual(['p', { 'data-motion-id': 'm1', 'data-type': 'vote-result' }, TEXT]);

    // The parser's rules are ordered by priority: the block's rule must come before the paragraph's bare `p`.
    const rules = PMDOMParser.fromSchema(schema).rules.filter((r): r is TagParseRule => 'tag' in r);
    const ours = rules.findIndex((r) => r.node === VOTE_RESULT_NODE);
    const paragraph = rules.findIndex((r) => r.node === 'paragraph' && r.tag === 'p');
    expect(ours).toBeGreaterThanOrEqual(0);
    expect(ours).toBeLessThan(paragraph);

    // What the rule reads from the element (no DOM here: an element-like object suffices for getAttrs).
    const element = {
      getAttribute: (name: string) => (name === 'data-motion-id' ? 'm1' : name === 'data-type' ? 'vote-result' : null),
      textContent: TEXT,
    } as unknown as HTMLElement;
    expect(Object.keys(spec.attrs ?? {}).sort()).toEqual(['motionId', 'text']);
    expect(rules[ours]!.getAttrs?.(element)).toEqual({ motionId: 'm1', text: TEXT });
  });
});
