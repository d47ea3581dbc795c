import type { JSONContent } from '@tiptap/core';
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { editorSchema } from '../../shared/editor/extensions.ts';
import type { MeetingFactTexts } from '../../shared/meeting-facts.ts';
import { COLLABORATION_FIELD, documentUpdateFromJSON } from './initial-state.ts';
import { fillMeetingFacts, MeetingFactsWriter } from './meeting-facts.ts';

const FACTS: MeetingFactTexts = {
  startsAt: '08 giờ 00, ngày 19 tháng 12 năm 2023',
  attendance: 'có mặt 3/4 đại biểu được triệu tập',
  chairs: 'Cung Hồng Kiên',
  secretaries: 'Trần Thu Hà',
  endsAt: '',
};

const fact = (name: string | null, text = ''): JSONContent => ({ type: 'meetingFact', attrs: { fact: name, text } });
const line = (...content: JSONContent[]): JSONContent => ({ type: 'paragraph', content });
const words = (text: string): JSONContent => ({ type: 'text', text });

function load(): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(
    doc,
    documentUpdateFromJSON({
      type: 'doc',
      content: [
        line(words('Thành phần tham dự: '), fact('attendance', 'có mặt 2/4 đại biểu được triệu tập'), words('.')),
        line(words('Chủ trì: '), fact('chairs', 'Cung Hồng Kiên'), words('.')),
        { type: 'blockquote', content: [line(words('Kết thúc: '), fact('endsAt', '16 giờ 00'))] },
        line(words('Khác: '), fact(null, 'giữ nguyên')),
      ],
    }),
  );
  return doc;
}

const stored = (doc: Y.Doc) => {
  const out: [unknown, unknown][] = [];
  yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(COLLABORATION_FIELD), editorSchema()).descendants((n) => {
    if (n.type.name === 'meetingFact') out.push([n.attrs.fact, n.attrs.text]);
  });
  return out;
};

describe('fillMeetingFacts', () => {
  it('[MF2] writes each block’s fact where its words differ, at any depth, and leaves a block of no known fact alone', () => {
    const doc = load();
    let updates = 0;
    doc.on('update', () => updates++);
    expect(fillMeetingFacts(doc, FACTS)).toBe(2);
    expect(updates).toBe(1);
    expect(stored(doc)).toEqual([
      ['attendance', 'có mặt 3/4 đại biểu được triệu tập'],
      ['chairs', 'Cung Hồng Kiên'],
      ['endsAt', ''],
      [null, 'giữ nguyên'],
    ]);
    // Already right: nothing is written at all.
    expect(fillMeetingFacts(doc, FACTS)).toBe(0);
    expect(updates).toBe(1);
  });
});

describe('MeetingFactsWriter', () => {
  it('[MF2] a burst of changes to one meeting makes one pass over its documents, on the last facts, skipping locked ones', async () => {
    const docs = new Map([
      ['d1', load()],
      ['d2', load()],
    ]);
    const locked = new Set(['d2']);
    let facts: MeetingFactTexts = FACTS;
    const passes: string[] = [];
    const writer = new MeetingFactsWriter({
      documentsOf: async () => [...docs.keys()],
      factsOf: async () => facts,
      change: async (docId, fn) => {
        passes.push(docId);
        fn(docs.get(docId)!, locked.has(docId));
      },
      log: { debug() {}, info() {}, warn() {}, error() {} },
      delayMs: 20,
    });
    for (let present = 3; present <= 4; present++) {
      facts = { ...FACTS, attendance: `có mặt ${present}/4 đại biểu được triệu tập` };
      writer.changed('m1');
    }
    await writer.idle();
    expect(passes).toEqual(['d1', 'd2']);
    expect(stored(docs.get('d1')!)[0]).toEqual(['attendance', 'có mặt 4/4 đại biểu được triệu tập']);
    // The locked one (a vote or a request froze it meanwhile) keeps its words.
    expect(stored(docs.get('d2')!)[0]).toEqual(['attendance', 'có mặt 2/4 đại biểu được triệu tập']);
  });
});
