import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { CommentThreadView } from '../../shared/comments.ts';
import { documentUpdateFromJSON } from '../documents/initial-state.ts';
import { documentDocx } from './docx.ts';
import { commentedContent, wordComments } from './docx-comments.ts';
import { bodyXml, templateInput, unzip } from './testing.ts';

const b64 = (r: Y.RelativePosition) => Buffer.from(Y.encodeRelativePosition(r)).toString('base64');
const textOf = (t: Y.XmlText) => t.toDelta().map((op: { insert?: unknown }) => (typeof op.insert === 'string' ? op.insert : '')).join('');

/** The first text of the XML holding `phrase`. */
function textHolding(doc: Y.Doc, phrase: string): Y.XmlText {
  const walk = (node: Y.XmlFragment | Y.XmlElement): Y.XmlText | null => {
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlText && textOf(child).includes(phrase)) return child;
      if (child instanceof Y.XmlElement) {
        const found = walk(child);
        if (found) return found;
      }
    }
    return null;
  };
  return walk(doc.getXmlFragment('default'))!;
}

function threadOver(doc: Y.Doc, phrase: string, comments: string[], status: 'open' | 'resolved' = 'open'): CommentThreadView {
  const text = textHolding(doc, phrase);
  const at = textOf(text).indexOf(phrase);
  const author = { id: 'u', fullName: 'Cung Hồng Kiên' };
  return {
    id: `t-${phrase}`,
    documentId: 'd',
    anchor: {
      start: b64(Y.createRelativePositionFromTypeIndex(text, at, 0)),
      end: b64(Y.createRelativePositionFromTypeIndex(text, at + phrase.length, -1)),
    },
    quote: phrase,
    status,
    resolvedBy: null,
    resolvedAt: null,
    createdBy: author,
    createdAt: '2023-12-19T01:00:00.000Z',
    revision: 1,
    comments: comments.map((body, i) => ({
      id: `c${i}`,
      threadId: `t-${phrase}`,
      author,
      body,
      createdAt: '2023-12-19T01:00:00.000Z',
      editedAt: null,
      deleted: false,
    })),
  };
}

/** The text between a comment's range marks in the body. */
function rangeText(xml: string, id: number): string | null {
  const range = new RegExp(`<w:commentRangeStart w:id="${id}"/>(.*?)<w:commentRangeEnd w:id="${id}"/>`, 's').exec(xml);
  return range ? [...range[1]!.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((x) => x[1]).join('') : null;
}

describe('the DOCX with comments', () => {
  it('[K7] a range inside an article, one across the bold “Điều n.” prefix, and one whose text is gone each get their Word comment', async () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, documentUpdateFromJSON(templateInput('NQ').content));
    const inArticle = threadOver(doc, 'thông qua', ['Ghi rõ ngày.', 'Đồng ý.']);
    const across = threadOver(doc, 'Điều 3. Nghị quyết', ['Đổi tên.'], 'resolved');
    const gone = threadOver(doc, 'có hiệu lực', ['Bỏ câu này?']);
    const text = textHolding(doc, 'có hiệu lực');
    text.delete(textOf(text).indexOf('có hiệu lực'), 'có hiệu lực'.length);

    const placed = commentedContent(Y.encodeStateAsUpdate(doc), [inArticle, across, gone]);
    expect(placed.threads.map((t) => [t.wordId, t.detached])).toEqual([
      [0, false],
      [2, false],
      [3, true],
    ]);
    const files = unzip(await documentDocx({ ...templateInput('NQ'), content: placed.content, comments: wordComments(placed.threads) }));
    const body = bodyXml(files);
    expect(rangeText(body, 0)).toBe('thông qua');
    expect(rangeText(body, 1)).toBe('thông qua');
    expect(rangeText(body, 2)).toBe('Điều 3. Nghị quyết');
    // Each comment has its reference, once.
    for (const id of [0, 1, 2, 3]) expect(body.split(`<w:commentReference w:id="${id}"/>`).length - 1).toBe(1);
    const comments = files['word/comments.xml']!;
    expect(comments).toContain('(Đoạn văn đã bị xóa: “có hiệu lực”)');
    expect(comments).toContain('w:initials="HK"');
    // The export without comments is the same text and has none.
    const plain = unzip(await documentDocx(templateInput('NQ')));
    expect(plain['word/comments.xml']).toBeUndefined();
    const words = (xml: string) => [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((x) => x[1]).join('');
    expect(words(body).replace('có hiệu lực', '')).toBe(words(bodyXml(plain)).replace('có hiệu lực', ''));
  });
});
