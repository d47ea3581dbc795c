import { Node } from '@tiptap/pm/model';
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { editorSchema } from '../../shared/editor/extensions.ts';
import { DOCUMENT_KINDS } from '../../shared/meeting.ts';
import { buildTemplate, type TemplateData } from '../../shared/templates/index.ts';
import { TABLE_COLUMNS_CAP, TABLE_ROWS_CAP } from '../../shared/editor/allowed.ts';
import { writeContent } from './content.ts';
import { COLLABORATION_FIELD, documentUpdateFromJSON } from './initial-state.ts';

const data: TemplateData = {
  meeting: {
    title: 'Hội nghị cán bộ viên chức năm 2023',
    kind: 'employee_conference',
    startsAt: '2023-12-19T08:00',
    place: 'Hội trường',
    locality: 'Hà Nội',
    issuingBody: 'TRUNG TÂM CÔNG NGHỆ LASER',
    parentBody: 'VIỆN ỨNG DỤNG CÔNG NGHỆ',
    symbol: 'TTCNL',
    agenda: ['Báo cáo', 'Thảo luận'],
  },
  chairs: ['Cung Hồng Kiên'],
  secretaries: ['Trần Thị Thu Hà'],
  attendance: { present: 9, total: 10 },
};

/** What the editor of a client receiving this update would hold. */
function readBack(update: Uint8Array): Node {
  const ydoc = new Y.Doc();
  Y.applyUpdate(ydoc, update);
  return yXmlFragmentToProseMirrorRootNode(ydoc.getXmlFragment(COLLABORATION_FIELD), editorSchema());
}

describe('initial document state', () => {
  it.each(DOCUMENT_KINDS)('the %s template comes back from Yjs exactly as it went in', (kind) => {
    const json = buildTemplate(kind, data);
    const back = readBack(documentUpdateFromJSON(json));
    const expected = Node.fromJSON(editorSchema(), json);
    expect(back.toJSON()).toEqual(expected.toJSON());
    expect(back.eq(expected)).toBe(true);
  });

  it('is written where the Collaboration extension reads it', () => {
    const ydoc = new Y.Doc();
    Y.applyUpdate(ydoc, documentUpdateFromJSON(buildTemplate('blank', data)));
    expect(ydoc.getXmlFragment(COLLABORATION_FIELD).length).toBe(2);
    expect(ydoc.getXmlFragment('prosemirror').length).toBe(0);
  });

  it('refuses content the editor cannot hold', () => {
    const oneColumn = {
      type: 'doc',
      content: [{ type: 'columns', attrs: { kind: 'header' }, content: [{ type: 'column', content: [{ type: 'paragraph' }] }] }],
    };
    expect(() => documentUpdateFromJSON(oneColumn)).toThrow();
    expect(() => documentUpdateFromJSON({ type: 'doc', content: [{ type: 'table' }] })).toThrow();
  });

  it('[SEC12] refuses a table past the caps, or a cell with a span out of bounds, as new content and as a restore', () => {
    const cell = (attrs: Record<string, unknown> = {}) => ({ type: 'tableCell', attrs, content: [{ type: 'paragraph' }] });
    const table = (rows: number, columns: number, attrs?: Record<string, unknown>) => ({
      type: 'doc',
      content: [{ type: 'table', content: Array.from({ length: rows }, () => ({ type: 'tableRow', content: Array.from({ length: columns }, () => cell(attrs)) })) }],
    });
    const live = new Y.Doc();
    for (const bad of [table(1, 10_000), table(2, TABLE_COLUMNS_CAP + 1), table(TABLE_ROWS_CAP + 1, 1), table(1, 1, { colspan: 1e21 }), table(1, 1, { rowspan: '3' })]) {
      expect(() => documentUpdateFromJSON(bad)).toThrow();
      expect(() => live.transact(() => writeContent(live, bad))).toThrow();
    }
    expect(live.getXmlFragment(COLLABORATION_FIELD).length).toBe(0);
    expect(() => documentUpdateFromJSON(table(3, 3))).not.toThrow();
  });
});
