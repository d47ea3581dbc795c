import type { JSONContent } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { documentUpdateFromJSON } from '../documents/initial-state.ts';
import { amendmentOf, defaultAmendmentTitle, MAX_AMENDMENT_SUGGESTIONS, MAX_CLAUSES, MAX_SUGGESTION_CHARS } from '../../shared/amendments.ts';
import { presentMotion } from './present.ts';
import type { MotionDetails } from './repo.ts';
import { SUGGEST_DELETE, SUGGEST_INSERT, SUGGESTED_PARAGRAPH } from '../../shared/editor/suggestion-marks.ts';

const attrs = (id: string) => ({ id, by: 'u-an', name: 'Nguyễn Văn An', at: '2026-12-03T08:00:00.000Z' });
const text = (t: string, marks: JSONContent['marks'] = []): JSONContent => ({ type: 'text', text: t, marks });
const para = (...content: JSONContent[]): JSONContent => ({ type: 'paragraph', content });
const ins = (t: string, id: string) => text(t, [{ type: SUGGEST_INSERT, attrs: attrs(id) }]);
const del = (t: string, id: string) => text(t, [{ type: SUGGEST_DELETE, attrs: attrs(id) }]);

function load(...content: JSONContent[]): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, documentUpdateFromJSON({ type: 'doc', content }));
  return doc;
}

const resolution = () =>
  load(
    para(text('Điều 2. Nhiệm vụ')),
    para(text('1. Tổ chức '), del('ngay ', 'a'), text('thực hiện'), ins(' trong quý I', 'b'), text('.')),
    para(text('2. Báo cáo '), ins('hằng tháng ', 'c'), text('kết quả.')),
    para(text('Điều 3. Kinh phí '), ins('tự chủ', 'd')),
    para(text('Không thuộc điều nào '), ins('x', 'e')),
  );

describe('an amendment’s record', () => {
  it('[AM1] keeps each paragraph as it reads and as amended: other suggestions left out of both', () => {
    const record = amendmentOf(resolution(), new Set(['a', 'c']));
    expect(record.suggestions.map((s) => [s.id, s.article, s.clause, s.inserted, s.deleted])).toEqual([
      ['a', 2, 1, '', 'ngay '],
      ['c', 2, 2, 'hằng tháng ', ''],
    ]);
    expect(record.clauses).toEqual([
      { article: 2, clause: 1, before: '1. Tổ chức ngay thực hiện.', after: '1. Tổ chức thực hiện.' },
      { article: 2, clause: 2, before: '2. Báo cáo kết quả.', after: '2. Báo cáo hằng tháng kết quả.' },
    ]);
    expect(record.omittedClauses).toBe(0);
  });

  it('[AM1] its default title names the article, the clauses within one article, or the document', () => {
    const doc = resolution();
    const title = (ids: string[]) => defaultAmendmentTitle(amendmentOf(doc, new Set(ids)), 'Nghị quyết Hội nghị');
    expect(title(['a'])).toBe('Sửa đổi Điều 2, khoản 1');
    expect(title(['a', 'b', 'c'])).toBe('Sửa đổi Điều 2, khoản 1, 2');
    expect(title(['a', 'd'])).toBe('Sửa đổi Điều 2, Điều 3');
    expect(title(['d'])).toBe('Sửa đổi Điều 3');
    expect(title(['e'])).toBe('Sửa đổi Điều 3');
    const loose = load(para(text('Mở đầu '), ins('x', 'z')));
    expect(defaultAmendmentTitle(amendmentOf(loose, new Set(['z'])), 'Nghị quyết Hội nghị')).toBe('Sửa đổi Nghị quyết Hội nghị');
  });

  it('[AM1] is bounded: long text cut, paragraphs past the limit counted, not kept', () => {
    const many = Array.from({ length: MAX_CLAUSES + 5 }, (_, i) => para(text(`${i + 1}. `), ins('y'.repeat(MAX_SUGGESTION_CHARS + 50), 'big')));
    const record = amendmentOf(load(...many), new Set(['big']));
    expect(record.clauses).toHaveLength(MAX_CLAUSES);
    expect(record.omittedClauses).toBe(5);
    expect(record.suggestions[0]!.inserted.length).toBe(MAX_SUGGESTION_CHARS);
    expect(JSON.stringify(record).length).toBeLessThan(40_000);
  });

  it('[AM1] the motion’s view of the largest amendment stays small: it goes to every watcher with each ballot', () => {
    const many = Array.from({ length: MAX_AMENDMENT_SUGGESTIONS }, (_, i) =>
      para(text(`${i + 1}. `), ins('y'.repeat(MAX_SUGGESTION_CHARS + 50), `s${i}`), del('z'.repeat(MAX_SUGGESTION_CHARS + 50), `d${i}`)),
    );
    const ids = new Set(Array.from({ length: MAX_AMENDMENT_SUGGESTIONS }, (_, i) => `s${i}`));
    const record = amendmentOf(load(...many), ids);
    const details = {
      ...{ id: 'm1', meetingId: 'x', number: 1, title: 'Sửa đổi', description: '', documentId: 'd', documentTitle: 'NQ', documentKind: 'NQ' },
      ...{ form: 'named', rule: 'present_majority', quorumRule: { numerator: 2, denominator: 3 }, durationSeconds: null, status: 'draft' },
      ...{ outcome: null, revoteOf: null, revotedBy: null, createdAt: '', openedAt: null, closesAt: null, closedAt: null, version: null },
      ...{ electorate: { members: 10, present: 9 }, ballotCount: 0, tally: null },
      amendment: { motionId: 'm1', documentId: 'd', record, suggestionIds: [...ids], setAside: null, setAsideAt: null, settledAt: null, resultVersionId: null },
    } as unknown as MotionDetails;
    expect(JSON.stringify(presentMotion(details).amendment).length).toBeLessThan(25_000);
  });

  it('[SG10][AM1] a paragraph suggested whole is a new clause: no text now, its text after, titled by the clause it adds', () => {
    const clause = (words: string, id: string): JSONContent => ({ type: 'paragraph', attrs: { [SUGGESTED_PARAGRAPH]: attrs(id) }, content: [ins(words, id)] });
    const doc = load(
      para(text('Điều 2. Nhiệm vụ')),
      para(text('1. Tổ chức thực hiện.')),
      para(text('2. Báo cáo kết quả.')),
      clause('3. Khen thưởng tập thể.', 'n'),
      clause('Ý kiến khác.', 'm'),
      para(text('Điều 3. Kinh phí')),
    );
    const record = amendmentOf(doc, new Set(['n']));
    expect(record.suggestions.map((s) => [s.id, s.article, s.clause, s.inserted])).toEqual([['n', 2, 3, '3. Khen thưởng tập thể.']]);
    expect(record.clauses).toEqual([{ article: 2, clause: 3, before: '', after: '3. Khen thưởng tập thể.', added: true }]);
    expect(defaultAmendmentTitle(record, 'NQ')).toBe('Sửa đổi Điều 2, khoản 3');
    // A paragraph without a number of its own adds to the article; a suggestion in the text after it is still in
    // clause 2 (the new paragraphs are not in the text yet).
    expect(defaultAmendmentTitle(amendmentOf(doc, new Set(['m'])), 'NQ')).toBe('Sửa đổi Điều 2');
  });
});
