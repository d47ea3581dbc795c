import type { JSONContent } from '@tiptap/core';
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { editorSchema } from '../../shared/editor/extensions.ts';
import { SUGGEST_DELETE, SUGGEST_INSERT, SUGGESTED_PARAGRAPH, type SuggestionAttrs } from '../../shared/editor/suggestion-marks.ts';
import { decideSuggestions, listSuggestions } from '../../shared/suggestions.ts';
import { COLLABORATION_FIELD, documentUpdateFromJSON } from './initial-state.ts';

const AN: SuggestionAttrs = { id: 'sA', by: 'u-an', name: 'Nguyễn Văn An', at: '2026-12-03T08:00:00.000Z' };
const BINH: SuggestionAttrs = { id: 'sB', by: 'u-binh', name: 'Trần Thị Bình', at: '2026-12-03T08:01:00.000Z' };
const NEW: SuggestionAttrs = { id: 'sN', by: 'u-an', name: 'Nguyễn Văn An', at: '2026-12-03T08:02:00.000Z' };

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
      { ...AN, inserted: '2023 ', deleted: '', paragraphs: 0, article: 1, context: 'tổng kết năm của Trung tâm.' },
      { ...BINH, inserted: '', deleted: 'ngay ', paragraphs: 0, article: 2, context: 'tổ chức ngay thực hiện.' },
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

  /** A paragraph An suggests as a whole ("bổ sung khoản 3"), its text his insertion under the same id. */
  const clause = (words: string, attrs: SuggestionAttrs = NEW): JSONContent => ({
    type: 'paragraph',
    attrs: { [SUGGESTED_PARAGRAPH]: attrs },
    content: words ? [text(words, [{ type: SUGGEST_INSERT, attrs }])] : [],
  });
  const withClause = (...extra: JSONContent[]): JSONContent => ({
    type: 'doc',
    content: [...resolution.content!.slice(0, 3), ...extra, ...resolution.content!.slice(3)],
  });

  it('[SG10] a paragraph suggested as a whole is one suggestion, with its text and the article it is added to', () => {
    const doc = load(withClause(clause('3. Khen thưởng tập thể.')));
    expect(listSuggestions(doc)).toEqual([
      expect.objectContaining({ id: 'sA' }),
      { ...NEW, inserted: '3. Khen thưởng tập thể.', deleted: '', paragraphs: 1, article: 1, context: '' },
      expect.objectContaining({ id: 'sB' }),
    ]);
    // Opened and not typed in yet, it is listed all the same (to be withdrawn or rejected); two paragraphs of one
    // suggestion read one line each.
    expect(listSuggestions(load(withClause(clause(''))))[1]).toMatchObject({ id: 'sN', inserted: '', paragraphs: 1 });
    expect(listSuggestions(load(withClause(clause('3. Một.'), clause('4. Hai.'))))[1]).toMatchObject({ inserted: '3. Một.\n4. Hai.', paragraphs: 2 });
    // The attribute as a hostile peer may write it is no suggestion: the paragraph reads as ordinary text.
    const forged = load(withClause({ type: 'paragraph', attrs: { [SUGGESTED_PARAGRAPH]: { id: '"><img>', by: 'u-an' } }, content: [text('x')] }));
    expect(listSuggestions(forged).map((s) => s.id)).toEqual(['sA', 'sB']);
  });

  it('[SG10] accepted, the paragraph stays as ordinary text; rejected, it goes; other suggestions stay as they were', () => {
    const accepted = load(withClause(clause('3. Khen thưởng.')));
    expect(decideSuggestions(accepted, new Set(['sN']), 'accept')).toEqual(['sN']);
    expect(plain(accepted)).toEqual(['QUYẾT NGHỊ:', 'Điều 1. Thông qua báo cáo', 'tổng kết năm 2023 của Trung tâm.', '3. Khen thưởng.', 'Điều 2. Giao Giám đốc ', 'tổ chức ngay thực hiện.']);
    const kept = accepted.getXmlFragment(COLLABORATION_FIELD).get(3) as Y.XmlElement;
    expect(kept.getAttribute(SUGGESTED_PARAGRAPH)).toBeUndefined();
    expect((kept.get(0) as Y.XmlText).toDelta()).toEqual([{ insert: '3. Khen thưởng.' }]);
    expect(listSuggestions(accepted).map((s) => s.id)).toEqual(['sA', 'sB']);

    for (const words of ['3. Khen thưởng.', '']) {
      const rejected = load(withClause(clause(words)));
      expect(decideSuggestions(rejected, new Set(['sN', 'sB']), 'reject').sort()).toEqual(['sB', 'sN']);
      expect(plain(rejected)).toEqual(['QUYẾT NGHỊ:', 'Điều 1. Thông qua báo cáo', 'tổng kết năm 2023 của Trung tâm.', 'Điều 2. Giao Giám đốc ', 'tổ chức ngay thực hiện.']);
      expect(listSuggestions(rejected).map((s) => s.id)).toEqual(['sA']);
    }
  });

  it('[SG10][SG2] a suggested paragraph keeps its place under concurrent edits in another client, and is decided the same everywhere', () => {
    const a = load(resolution);
    const b = new Y.Doc();
    sync(a, b);
    // In a, An opens a clause after "tổng kết năm …" (offline from b) and types in it.
    const opened = new Y.XmlElement('paragraph');
    opened.setAttribute(SUGGESTED_PARAGRAPH, NEW as unknown as string);
    const words = new Y.XmlText();
    opened.insert(0, [words]);
    a.getXmlFragment(COLLABORATION_FIELD).insert(3, [opened]);
    words.insert(0, '3. Khen thưởng.', { [SUGGEST_INSERT]: NEW });
    // Meanwhile in b: a paragraph added at the top, the paragraph before the clause edited, and one after it removed.
    const rootB = b.getXmlFragment(COLLABORATION_FIELD);
    const top = new Y.XmlElement('paragraph');
    top.insert(0, [new Y.XmlText('CỘNG HÒA')]);
    rootB.insert(0, [top]);
    ((rootB.get(3) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'Báo cáo ');
    rootB.delete(5, 1);
    sync(a, b);
    for (const doc of [a, b]) {
      expect(plain(doc)).toEqual(['CỘNG HÒA', 'QUYẾT NGHỊ:', 'Điều 1. Thông qua báo cáo', 'Báo cáo tổng kết năm 2023 của Trung tâm.', '3. Khen thưởng.', 'Điều 2. Giao Giám đốc ']);
      expect(listSuggestions(doc)[1]).toMatchObject({ id: 'sN', inserted: '3. Khen thưởng.', paragraphs: 1, article: 1 });
    }
    decideSuggestions(b, new Set(['sN']), 'reject');
    sync(a, b);
    expect(plain(a)).toEqual(['CỘNG HÒA', 'QUYẾT NGHỊ:', 'Điều 1. Thông qua báo cáo', 'Báo cáo tổng kết năm 2023 của Trung tâm.', 'Điều 2. Giao Giám đốc ']);
    expect(plain(a)).toEqual(plain(b));
  });
});
