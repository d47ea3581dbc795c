import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { editorSchema } from '../../shared/editor/extensions.ts';
import { buildTemplate } from '../../shared/templates/index.ts';
import { screenBlocks } from './textBlocks.ts';
import { fragmentJson, TEXT_FIELD } from './yText.ts';

const meeting = {
  ...{ title: 'Hội nghị Tổng kết công tác năm 2023', kind: 'employee_conference' as const, startsAt: '2023-12-19T08:00' },
  ...{ place: 'Hội trường', locality: 'Hà Nội', issuingBody: 'Trung tâm Công nghệ Laser', parentBody: 'Viện', symbol: 'TTCNL' },
  agenda: [],
};

describe('a live draft on the projector', () => {
  it('[PJ6] reads the Y.Doc the editor writes as the same text as its JSON: nodes, attributes, marks, facts, breaks', () => {
    const json = buildTemplate('BB', { meeting, chairs: ['Cung Hồng Kiên'], secretaries: ['Trần Thu Hà'], attendance: { present: 5, total: 7 } });
    json.content!.push({
      type: 'paragraph',
      attrs: { textAlign: 'justify' },
      content: [
        { type: 'text', text: 'Gạch chân', marks: [{ type: 'underline' }, { type: 'bold' }] },
        { type: 'hardBreak' },
        { type: 'text', text: 'dòng hai' },
      ],
    });
    const doc = new Y.Doc();
    prosemirrorJSONToYXmlFragment(editorSchema(), json, doc.getXmlFragment(TEXT_FIELD));
    const live = screenBlocks(fragmentJson(doc.getXmlFragment(TEXT_FIELD)));
    expect(live).toEqual(screenBlocks(json));
    expect(live.at(-1)).toMatchObject({ runs: [{ text: 'Gạch chân', bold: true, underline: true }, { text: '\n' }, { text: 'dòng hai' }] });
    // The minutes' meeting facts are in the text as their words.
    expect(JSON.stringify(live)).toContain('có mặt 5/7');
  });

  it('[PJ6] an empty or foreign document reads as no text', () => {
    const doc = new Y.Doc();
    expect(fragmentJson(doc.getXmlFragment(TEXT_FIELD))).toEqual({ type: 'doc', content: [] });
    doc.getXmlFragment(TEXT_FIELD).insert(0, [new Y.XmlText('lạc chỗ')]);
    expect(screenBlocks(fragmentJson(doc.getXmlFragment(TEXT_FIELD)))).toEqual([]);
  });
});
