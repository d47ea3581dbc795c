import { Slice } from '@tiptap/pm/model';
import { describe, expect, it } from 'vitest';
import { editorSchema } from '../../../shared/editor/extensions.ts';
import { SUGGEST_DELETE, SUGGEST_INSERT } from '../../../shared/editor/suggestion-marks.ts';
import { withoutSuggestionMarks } from './SuggestMode.ts';

const schema = editorSchema();

describe('pasting', () => {
  it('[SG16] pasted text loses its suggestion marks, keeps its other formatting and its paragraphs', () => {
    const theirs = { id: 's1', by: 'u-ha', name: 'Trần Thu Hà', at: '2026-12-03T08:00:00.000Z' };
    const bold = schema.marks.bold!.create();
    const content = schema.node('doc', null, [
      schema.node('paragraph', null, [schema.text('Không ', [schema.marks[SUGGEST_INSERT]!.create(theirs), bold]), schema.text('thông qua')]),
      schema.node('paragraph', null, [schema.text('Điều 2', [schema.marks[SUGGEST_DELETE]!.create(theirs)])]),
    ]).content;
    const out = withoutSuggestionMarks(new Slice(content, 1, 1));
    expect(out.openStart).toBe(1);
    expect(out.openEnd).toBe(1);
    const marks: string[][] = [];
    out.content.descendants((node) => {
      if (node.isText) marks.push(node.marks.map((m) => m.type.name));
    });
    expect(marks).toEqual([['bold'], [], []]);
    expect(out.content.childCount).toBe(2);
    expect(out.content.textBetween(0, out.content.size, '\n')).toBe('Không thông qua\nĐiều 2');
  });
});
