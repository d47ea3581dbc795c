import { Node as PMNode } from '@tiptap/pm/model';
import { describe, expect, it } from 'vitest';
import { buildTemplate, type TemplateData } from '../templates/index.ts';
import { editorSchema } from './extensions.ts';
import { findPlaceholders } from './placeholders.ts';

const text = (t: string) => ({ type: 'text', text: t });
const para = (...content: object[]) => ({ type: 'paragraph', content });
const fact = (name: string, t = '') => ({ type: 'meetingFact', attrs: { fact: name, text: t } });
const node = (content: object[]) => PMNode.fromJSON(editorSchema(), { type: 'doc', content });

const data: TemplateData = {
  meeting: {
    title: 'Hội nghị cán bộ viên chức năm 2023',
    kind: 'employee_conference',
    startsAt: '2023-12-19T08:00',
    place: 'Hội trường',
    locality: 'Hà Nội',
    issuingBody: 'Trung tâm Công nghệ Laser',
    parentBody: 'Viện Ứng dụng công nghệ',
    symbol: 'TTCNL',
    agenda: ['Báo cáo'],
  },
  chairs: ['Cung Hồng Kiên'],
  secretaries: ['Trần Thu Hà'],
  attendance: { present: 0, total: 4 },
};

describe('finding placeholders', () => {
  it('[PH1] finds each "…" with its position and the words around it', () => {
    const d = node([
      para(text('Căn cứ …;')),
      para(text('Hội nghị kết thúc vào … giờ …, ngày 19 tháng 12 năm 2023.')),
    ]);
    const found = findPlaceholders(d);
    expect(found.map((p) => [p.kind, p.path, p.before, p.after])).toEqual([
      ['blank', [0], 'Căn cứ ', ';'],
      ['blank', [1], 'Hội nghị kết thúc vào ', ' giờ …, ngày 19 tháng 12 năm 2023.'],
      ['blank', [1], 'Hội nghị kết thúc vào … giờ ', ', ngày 19 tháng 12 năm 2023.'],
    ]);
    for (const p of found) expect(d.textBetween(p.from, p.to)).toBe('…');
    expect(new Set(found.map((p) => p.id)).size).toBe(3);
  });

  it('[PH1] an empty vote result and an unknown meeting fact are placeholders; known ones are not', () => {
    const d = node([
      para(text('Thành phần tham dự: '), fact('attendance'), text('.')),
      para(text('Chủ trì: '), fact('chairs', 'Cung Hồng Kiên'), text('.')),
      { type: 'voteResult', attrs: { motionId: 'm1', text: '' } },
      { type: 'voteResult', attrs: { motionId: 'm2', text: 'Kết quả biểu quyết: 3/3 đại biểu có mặt tán thành.' } },
    ]);
    const found = findPlaceholders(d);
    expect(found.map((p) => ({ kind: p.kind, path: p.path, fact: p.fact, motionId: p.motionId }))).toEqual([
      { kind: 'meetingFact', path: [0], fact: 'attendance', motionId: undefined },
      { kind: 'voteResult', path: [2], fact: undefined, motionId: 'm1' },
    ]);
    expect(found[0]!.before).toBe('Thành phần tham dự: ');
    // The meeting's facts now, as the server will write them, fill a block whose stored text is still empty.
    expect(findPlaceholders(d, { attendance: 'có mặt 3/4 đại biểu được triệu tập' }).map((p) => p.kind)).toEqual(['voteResult']);
  });

  it('[PH1] the number line is the registry’s, not a placeholder', () => {
    const d = node([para(text('Số: …/NQ-TTCNL')), para(text('Căn cứ …;'))]);
    expect(findPlaceholders(d).map((p) => p.path)).toEqual([[1]]);
  });

  it('[PH2] an id stays while its place and words stay, and changes when they move', () => {
    const before = findPlaceholders(node([para(text('Căn cứ …;')), para(text('Điều 1. …'))]));
    // The same text read again (another device, the server) gives the same ids.
    const edited = findPlaceholders(node([para(text('Căn cứ …;')), para(text('Điều 1. …'))]));
    expect(edited.map((p) => p.id)).toEqual(before.map((p) => p.id));
    // Text typed below them, or far along in their own paragraph, moves neither.
    const typed = findPlaceholders(
      node([para(text('Căn cứ …;')), para(text(`Điều 1. …${' '.repeat(50)}thêm chữ`)), para(text('Điều 2.'))]),
    );
    expect(typed.map((p) => p.id)).toEqual(before.map((p) => p.id));
    // A paragraph added above moves the second one's block: a new place, a new id.
    const moved = findPlaceholders(node([para(text('Căn cứ …;')), para(text('Mới')), para(text('Điều 1. …'))]));
    expect(moved[0]!.id).toBe(before[0]!.id);
    expect(moved[1]!.id).not.toBe(before[1]!.id);
    // The same words at another path, or other words at the same place, are other placeholders.
    const reworded = findPlaceholders(node([para(text('Căn cứ Luật …;')), para(text('Điều 1. …'))]));
    expect(reworded[0]!.id).not.toBe(before[0]!.id);
    // A meeting fact's words changing (a late check-in) does not change the id of a blank beside it.
    const guests = (count: string) =>
      findPlaceholders(node([para(text('Thành phần: '), fact('attendance', count), text('; khách mời: ….'))]));
    expect(guests('có mặt 3/4')[0]!.id).toBe(guests('có mặt 4/4')[0]!.id);
  });

  it('[PH1] every template: the resolution’s legal basis and articles, the minutes’ unknown facts and blanks', () => {
    const resolution = findPlaceholders(PMNode.fromJSON(editorSchema(), buildTemplate('NQ', data)));
    expect(resolution.map((p) => `${p.before}[…]${p.after}`)).toContain('Căn cứ […];');
    expect(resolution.every((p) => p.kind === 'blank')).toBe(true);
    const minutes = findPlaceholders(PMNode.fromJSON(editorSchema(), buildTemplate('BB', data)));
    expect(minutes.filter((p) => p.kind === 'meetingFact').map((p) => p.fact)).toEqual(['attendance', 'endsAt']);
    expect(minutes.some((p) => p.kind === 'blank' && p.before === 'Kết quả biểu quyết: ')).toBe(true);
  });
});
