import { getText, getTextSerializersFromSchema } from '@tiptap/core';
import { DOMParser as PMDOMParser, Node as PMNode, type TagParseRule } from '@tiptap/pm/model';
import { describe, expect, it } from 'vitest';
import { hallClock, meetingFactTexts } from '../meeting-facts.ts';
import { buildMinutes } from '../templates/index.ts';
import { sanitiseContent } from './allowed.ts';
import { editorSchema } from './extensions.ts';
import { MEETING_FACT_NODE } from './meeting-fact.ts';

const fact = (name: unknown, text?: unknown) => ({ type: MEETING_FACT_NODE, attrs: { fact: name, text } });
const para = (...content: object[]) => ({ type: 'paragraph', content });
const words = (text: string) => ({ type: 'text', text });

const doc = () =>
  PMNode.fromJSON(editorSchema(), {
    type: 'doc',
    content: [
      para(words('Thành phần tham dự: '), fact('attendance', 'có mặt 3/4 đại biểu được triệu tập'), words('.')),
      para(words('Hội nghị kết thúc vào '), fact('endsAt', ''), words('./.')),
    ],
  });

describe('the meeting-fact block', () => {
  it('[MF1] sits inside a sentence as an inline atom with its fact and text', () => {
    const d = doc();
    d.check();
    const node = d.child(0).child(1);
    expect(node.type.name).toBe(MEETING_FACT_NODE);
    expect(node.isInline && node.isAtom && node.isLeaf).toBe(true);
    expect(node.attrs).toEqual({ fact: 'attendance', text: 'có mặt 3/4 đại biểu được triệu tập' });
  });

  it('[MF1] reads as its words, or as the form’s blank while the fact is unknown', () => {
    const d = doc();
    expect(d.child(0).textContent).toBe('Thành phần tham dự: có mặt 3/4 đại biểu được triệu tập.');
    expect(d.child(1).textContent).toBe('Hội nghị kết thúc vào … giờ …, ngày … tháng … năm …./.');
    const text = getText(d, { blockSeparator: '\n', textSerializers: getTextSerializersFromSchema(editorSchema()) });
    expect(text).toBe(
      'Thành phần tham dự: có mặt 3/4 đại biểu được triệu tập.\nHội nghị kết thúc vào … giờ …, ngày … tháng … năm …./.',
    );
  });

  it('[MF1] renders as a marked span holding the text, and reads it back', () => {
    const schema = editorSchema();
    const node = doc().child(0).child(1);
    expect(schema.nodes[MEETING_FACT_NODE]!.spec.toDOM?.(node)).toEqual([
      'span',
      { 'data-fact': 'attendance', 'data-type': 'meeting-fact' },
      'có mặt 3/4 đại biểu được triệu tập',
    ]);
    const rule = PMDOMParser.fromSchema(schema)
      .rules.filter((r): r is TagParseRule => 'tag' in r)
      .find((r) => r.node === MEETING_FACT_NODE);
    const element = (fact: string, text: string) =>
      ({ getAttribute: (n: string) => (n === 'data-fact' ? fact : null), textContent: text }) as unknown as HTMLElement;
    expect(rule?.getAttrs?.(element('chairs', 'Cung Hồng Kiên'))).toEqual({ fact: 'chairs', text: 'Cung Hồng Kiên' });
    // A pasted block that showed its blank, or names no known fact, brings nothing in.
    // (TipTap leaves a null out, so the attribute's default, null, applies.)
    expect(rule?.getAttrs?.(element('onclick', '… giờ …'))).toEqual({ text: '' });
  });

  it('[MF1] a hostile value renders as plain text, never markup, and a fact outside the list is dropped', () => {
    const schema = editorSchema();
    const hostile = PMNode.fromJSON(schema, fact('x" onclick="alert(1)', '<img src=x onerror=alert(1)>'));
    expect(schema.nodes[MEETING_FACT_NODE]!.spec.toDOM?.(hostile)).toEqual([
      'span',
      { 'data-type': 'meeting-fact' },
      '<img src=x onerror=alert(1)>',
    ]);
    const clean = sanitiseContent(para(fact({ evil: 1 }, { evil: 'position: fixed' }), fact('chairs', 'x'.repeat(5000))));
    expect(clean.content?.[0]?.attrs).toEqual({ fact: null, text: '' });
    expect(clean.content?.[1]?.attrs).toEqual({ fact: 'chairs', text: 'x'.repeat(1000) });
  });
});

describe('the meeting’s facts as the minutes word them', () => {
  it('[MF1] start, attendance, chairs, secretaries and end; unknown ones empty', () => {
    expect(
      meetingFactTexts({
        startsAt: '2023-12-19T08:00',
        endsAt: '2023-12-19T11:30',
        chairs: ['Cung Hồng Kiên', 'Giang Mạnh Khôi'],
        secretaries: ['Trần Thu Hà'],
        attendance: { present: 45, total: 47 },
      }),
    ).toEqual({
      startsAt: '08 giờ 00, ngày 19 tháng 12 năm 2023',
      attendance: 'có mặt 45/47 đại biểu được triệu tập',
      chairs: 'Cung Hồng Kiên, Giang Mạnh Khôi',
      secretaries: 'Trần Thu Hà',
      endsAt: '11 giờ 30, ngày 19 tháng 12 năm 2023',
    });
    expect(
      meetingFactTexts({ startsAt: '2023-12-19T08:00', endsAt: null, chairs: [], secretaries: [], attendance: { present: 0, total: 9 } }),
    ).toMatchObject({ attendance: '', chairs: '', secretaries: '', endsAt: '' });
  });

  it('[MF1] the closing instant is written on the hall’s clock (UTC+7)', () => {
    expect(hallClock('2023-12-19T04:30:00.000Z')).toBe('2023-12-19T11:30');
    expect(hallClock('2023-12-31T17:05:00.000Z')).toBe('2024-01-01T00:05');
  });

  it('[MF1] the minutes template puts each fact in its sentence', () => {
    const minutes = PMNode.fromJSON(
      editorSchema(),
      buildMinutes({
        meeting: {
          title: 'Hội nghị',
          kind: 'employee_conference',
          startsAt: '2023-12-19T08:00',
          place: 'Hội trường',
          locality: 'Hà Nội',
          issuingBody: 'Trung tâm Công nghệ Laser',
          parentBody: '',
          symbol: 'TTCNL',
          agenda: [],
        },
        chairs: ['Cung Hồng Kiên'],
        secretaries: ['Trần Thu Hà'],
        attendance: { present: 3, total: 4 },
      }),
    );
    const facts: Record<string, string> = {};
    minutes.descendants((n) => {
      if (n.type.name === MEETING_FACT_NODE) facts[n.attrs.fact as string] = n.attrs.text as string;
    });
    expect(facts).toEqual({
      startsAt: '08 giờ 00, ngày 19 tháng 12 năm 2023',
      attendance: 'có mặt 3/4 đại biểu được triệu tập',
      chairs: 'Cung Hồng Kiên',
      secretaries: 'Trần Thu Hà',
      endsAt: '',
    });
  });
});
