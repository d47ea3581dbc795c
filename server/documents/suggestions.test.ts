import type { JSONContent } from '@tiptap/core';
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { editorSchema } from '../../shared/editor/extensions.ts';
import { SUGGEST_DELETE, SUGGEST_INSERT, type SuggestionAttrs } from '../../shared/editor/suggestion-marks.ts';
import { decideSuggestions, listSuggestions } from '../../shared/suggestions.ts';
import { COLLABORATION_FIELD, documentUpdateFromJSON } from './initial-state.ts';

const AN: SuggestionAttrs = { id: 'sA', by: 'u-an', name: 'Nguyễn Văn An', at: '2026-12-03T08:00:00.000Z' };
const BINH: SuggestionAttrs = { id: 'sB', by: 'u-binh', name: 'Trần Thị Bình', at: '2026-12-03T08:01:00.000Z' };

const text = (t: string, marks: JSONContent['marks'] = []): JSONContent => ({ type: 'text', text: t, marks });
const para = (...content: JSONContent[]): JSONContent => ({ type: 'paragraph', content });

/** A resolution's two articles: An suggests a word in Điều 1, Bình suggests deleting one in Điều 2. */
const resolution: JSONContent = {
  type: 'doc',
  content: [
    para(text('QUYẾT NGHỊ:')),
    para(text('Điều 1. ', [{ type: 'bold' }]), text('Thông qua báo cáo')),
    para(text('tổng kết năm '), text('2023 ', [{ type: SUGGEST_INSERT, attrs: AN }]), text('của Trung tâm.')),
    para(text('Điều 2. ', [{ type: 'bold' }]), text('Giao Giám đốc ')),
    para(text('tổ chức '), text('ngay ', [{ type: SUGGEST_DELETE, attrs: BINH }]), text('thực hiện.')),
  ],
};

function load(json: JSONContent): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, documentUpdateFromJSON(json));
  return doc;
}

const plain = (doc: Y.Doc): string[] => {
  const root = yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(COLLABORATION_FIELD), editorSchema());
  const lines: string[] = [];
  root.forEach((block) => lines.push(block.textContent));
  return lines;
};

const sync = (a: Y.Doc, b: Y.Doc) => {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
};

describe('the suggestion model', () => {
  it('[SG3] lists each suggestion with its author, time, text and article', () => {
    const doc = load(resolution);
    expect(listSuggestions(doc)).toEqual([
      { ...AN, inserted: '2023 ', deleted: '', article: 1, context: 'tổng kết năm của Trung tâm.' },
      { ...BINH, inserted: '', deleted: 'ngay ', article: 2, context: 'tổ chức ngay thực hiện.' },
    ]);
  });

  it('[SG2] a suggestion keeps its anchor when text before it changes in another client', () => {
    const a = load(resolution);
    const b = new Y.Doc();
    sync(a, b);
    // In client b, someone types before An's suggestion and deletes a word before it; in a, An extends it.
    const paragraphB = b.getXmlFragment(COLLABORATION_FIELD).get(2) as Y.XmlElement;
    const textB = paragraphB.get(0) as Y.XmlText;
    textB.insert(0, 'Báo cáo ');
    textB.delete('Báo cáo '.length, 'tổng '.length);
    const textA = (a.getXmlFragment(COLLABORATION_FIELD).get(2) as Y.XmlElement).get(0) as Y.XmlText;
    textA.insert('tổng kết năm 2023 '.length, 'và ', { [SUGGEST_INSERT]: AN });
    sync(a, b);
    for (const doc of [a, b]) {
      const [s] = listSuggestions(doc);
      expect(s).toMatchObject({ id: 'sA', inserted: '2023 và ', context: 'Báo cáo kết năm của Trung tâm.' });
    }
    expect(plain(a)).toEqual(plain(b));
  });

  it('[SG3] accepting applies exactly the suggestions named; rejecting takes them back', () => {
    const accepted = load(resolution);
    expect(decideSuggestions(accepted, new Set(['sA', 'sB']), 'accept').sort()).toEqual(['sA', 'sB']);
    expect(plain(accepted)).toEqual(['QUYẾT NGHỊ:', 'Điều 1. Thông qua báo cáo', 'tổng kết năm 2023 của Trung tâm.', 'Điều 2. Giao Giám đốc ', 'tổ chức thực hiện.']);
    expect(listSuggestions(accepted)).toEqual([]);

    const rejected = load(resolution);
    expect(decideSuggestions(rejected, new Set(['sA', 'sB']), 'reject').sort()).toEqual(['sA', 'sB']);
    expect(plain(rejected)).toEqual(['QUYẾT NGHỊ:', 'Điều 1. Thông qua báo cáo', 'tổng kết năm của Trung tâm.', 'Điều 2. Giao Giám đốc ', 'tổ chức ngay thực hiện.']);
    expect(listSuggestions(rejected)).toEqual([]);

    const one = load(resolution);
    expect(decideSuggestions(one, new Set(['sB', 'unknown']), 'accept')).toEqual(['sB']);
    expect(plain(one)[4]).toBe('tổ chức thực hiện.');
    // An's is untouched, still a suggestion, formatting of the text around it too.
    expect(listSuggestions(one).map((s) => s.id)).toEqual(['sA']);
    expect(plain(one)[2]).toBe('tổng kết năm 2023 của Trung tâm.');
  });

  it('[SG3] a replacement (deletion and insertion under one id) is accepted or rejected whole', () => {
    const doc = load({
      type: 'doc',
      content: [para(text('hoàn thành '), text('80%', [{ type: SUGGEST_DELETE, attrs: AN }]), text('90%', [{ type: SUGGEST_INSERT, attrs: AN }]), text(' chỉ tiêu'))],
    });
    expect(listSuggestions(doc)).toMatchObject([{ id: 'sA', deleted: '80%', inserted: '90%', article: null }]);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    decideSuggestions(doc, new Set(['sA']), 'accept');
    expect(plain(doc)).toEqual(['hoàn thành 90% chỉ tiêu']);
    decideSuggestions(copy, new Set(['sA']), 'reject');
    expect(plain(copy)).toEqual(['hoàn thành 80% chỉ tiêu']);
  });
});
