import type { JSONContent } from '@tiptap/core';
import type { Node } from '@tiptap/pm/model';
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { editorSchema } from '../../shared/editor/extensions.ts';
import { COLLABORATION_FIELD, documentUpdateFromJSON } from './initial-state.ts';
import { fillVoteResults } from './vote-results.ts';

const RESULT =
  'Kết quả biểu quyết: 45/47 đại biểu có mặt tán thành (95,7%), 01 không tán thành (2,1%), ' +
  '01 không biểu quyết (2,1%). Nghị quyết được thông qua.';

const paragraph = (text: string): JSONContent => ({ type: 'paragraph', content: [{ type: 'text', text }] });
const block = (motionId: string, text = ''): JSONContent => ({ type: 'voteResult', attrs: { motionId, text } });

/** Minutes with the resolution's result (motion m1), the plan's (m2), and m1's again quoted further down. */
const minutes: JSONContent = {
  type: 'doc',
  content: [
    paragraph('Hội nghị biểu quyết thông qua Nghị quyết Hội nghị CBVC.'),
    block('m1'),
    paragraph('Hội nghị biểu quyết thông qua Kế hoạch năm 2024.'),
    block('m2'),
    { type: 'blockquote', content: [paragraph('Nhắc lại:'), block('m1')] },
  ],
};

function load(json: JSONContent): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, documentUpdateFromJSON(json));
  return doc;
}

/** What the editor of a client holding this Y.Doc shows. */
const read = (doc: Y.Doc): Node =>
  yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(COLLABORATION_FIELD), editorSchema());

describe('fillVoteResults', () => {
  it('[V9] writes the result into every block of that motion, at any depth, and into no other', () => {
    const doc = load(minutes);
    expect(fillVoteResults(doc, 'm1', RESULT)).toBe(2);

    const back = read(doc);
    back.check();
    expect(back.child(1).attrs).toEqual({ motionId: 'm1', text: RESULT });
    expect(back.child(3).attrs).toEqual({ motionId: 'm2', text: '' });
    expect(back.child(4).child(1).attrs).toEqual({ motionId: 'm1', text: RESULT });
    // The rest of the document is as it was.
    const expected = editorSchema().nodeFromJSON({
      ...minutes,
      content: [
        paragraph('Hội nghị biểu quyết thông qua Nghị quyết Hội nghị CBVC.'),
        block('m1', RESULT),
        paragraph('Hội nghị biểu quyết thông qua Kế hoạch năm 2024.'),
        block('m2'),
        { type: 'blockquote', content: [paragraph('Nhắc lại:'), block('m1', RESULT)] },
      ],
    });
    expect(back.eq(expected)).toBe(true);
  });

  it('[V9] changes nothing, and sends no update, when the blocks already say it or the motion has none', () => {
    const doc = load(minutes);
    fillVoteResults(doc, 'm1', RESULT);
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    expect(fillVoteResults(doc, 'm1', RESULT)).toBe(0);
    expect(fillVoteResults(doc, 'm3', RESULT)).toBe(0);
    expect(updates).toHaveLength(0);
  });

  it('[V9] the change is one update that brings another copy of the document to the same text', () => {
    const doc = load(minutes);
    // A copy of the same document (loading the template twice would make two different documents).
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    expect(fillVoteResults(doc, 'm1', RESULT)).toBe(2);
    expect(updates).toHaveLength(1);
    Y.applyUpdate(copy, updates[0]!);
    expect(read(copy).eq(read(doc))).toBe(true);
  });
});
