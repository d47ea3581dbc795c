import type { JSONContent } from '@tiptap/core';
import { Node as PMNode } from '@tiptap/pm/model';
import { describe, expect, it } from 'vitest';
import { editorSchema } from '../editor/extensions.ts';
import { DOCUMENT_KINDS, type DocumentKind } from '../meeting.ts';
import { buildMinutes, buildResolution, buildTemplate, defaultDocumentTitle, type TemplateData } from './index.ts';

const meeting = {
  title: 'Hội nghị Tổng kết công tác năm 2023',
  kind: 'employee_conference' as const,
  startsAt: '2023-12-19T08:00',
  place: 'Hội trường Trung tâm Công nghệ Laser',
  locality: 'Hà Nội',
  // Typed in ordinary case: the header must still print capitals.
  issuingBody: 'Trung tâm Công nghệ Laser',
  parentBody: 'Viện Ứng dụng công nghệ',
  symbol: 'TTCNL',
  agenda: ['Báo cáo tổng kết công tác năm 2023', 'Thảo luận', 'Biểu quyết thông qua Nghị quyết'],
};

const data: TemplateData = {
  meeting,
  chairs: ['Cung Hồng Kiên'],
  secretaries: ['Trần Thị Thu Hà'],
  attendance: { present: 23, total: 25 },
};

const TYPE_CODES: Record<DocumentKind, string | null> = { BB: 'BB', NQ: 'NQ', KH: 'KH', BC: 'BC', blank: null };

function parse(json: JSONContent): PMNode {
  const node = PMNode.fromJSON(editorSchema(), json);
  node.check();
  return node;
}

interface Line {
  text: string;
  align: unknown;
  rule: unknown;
  fontSize: unknown;
  bold: boolean;
  italic: boolean;
}

/** A paragraph as the reader sees it; bold/italic only when every character has it. */
function line(p: PMNode): Line {
  const texts: PMNode[] = [];
  p.forEach((c) => texts.push(c));
  const all = (mark: string) => texts.length > 0 && texts.every((t) => t.marks.some((m) => m.type.name === mark));
  return {
    text: p.textContent,
    align: p.attrs.textAlign,
    rule: p.attrs.rule,
    fontSize: p.attrs.fontSize,
    bold: all('bold'),
    italic: all('italic'),
  };
}

const children = (n: PMNode): PMNode[] => {
  const list: PMNode[] = [];
  n.forEach((c) => list.push(c));
  return list;
};

function columnLines(columns: PMNode | undefined, kind: string): [Line[], Line[]] {
  expect(columns?.type.name).toBe('columns');
  expect(columns!.attrs.kind).toBe(kind);
  const [left, right, ...rest] = children(columns!);
  expect(rest).toHaveLength(0);
  return [children(left!).map(line), children(right!).map(line)];
}

/** Top-level paragraphs only: the body between the header and the signatures. */
const bodyLines = (docNode: PMNode) => children(docNode).filter((n) => n.type.name === 'paragraph').map(line);
const texts = (lines: Line[]) => lines.map((l) => l.text);

describe('every template', () => {
  it.each(DOCUMENT_KINDS)('%s is a valid document of the editor schema', (kind) => {
    expect(() => parse(buildTemplate(kind, data))).not.toThrow();
  });

  it.each(DOCUMENT_KINDS)('%s opens with the official two-column header', (kind) => {
    const [left, right] = columnLines(parse(buildTemplate(kind, data)).firstChild ?? undefined, 'header');
    const code = TYPE_CODES[kind];
    expect(left).toEqual([
      { text: 'VIỆN ỨNG DỤNG CÔNG NGHỆ', align: 'center', rule: null, fontSize: null, bold: false, italic: false },
      { text: 'TRUNG TÂM CÔNG NGHỆ LASER', align: 'center', rule: 'short', fontSize: null, bold: true, italic: false },
      {
        text: `Số:      /${code ? `${code}-` : ''}TTCNL`,
        align: 'center',
        rule: null,
        fontSize: null,
        bold: false,
        italic: false,
      },
    ]);
    expect(right).toEqual([
      { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', align: 'center', rule: null, fontSize: null, bold: true, italic: false },
      { text: 'Độc lập - Tự do - Hạnh phúc', align: 'center', rule: 'text', fontSize: null, bold: true, italic: false },
      { text: 'Hà Nội, ngày 19 tháng 12 năm 2023', align: 'center', rule: null, fontSize: null, bold: false, italic: true },
    ]);
  });

  it.each(DOCUMENT_KINDS)('%s justifies its body and centres only the title lines', (kind) => {
    for (const l of bodyLines(parse(buildTemplate(kind, data)))) {
      if (l.align === 'center') expect(l.bold, l.text).toBe(true);
      else expect(['justify', 'left'], l.text).toContain(l.align);
    }
  });

  it('omits the parent body line when there is none, and pads early dates', () => {
    const json = buildTemplate('NQ', { ...data, meeting: { ...meeting, parentBody: ' ', startsAt: '2024-02-05T14:30' } });
    const [left, right] = columnLines(parse(json).firstChild ?? undefined, 'header');
    expect(texts(left)).toEqual(['TRUNG TÂM CÔNG NGHỆ LASER', 'Số:      /NQ-TTCNL']);
    expect(right[2]!.text).toBe('Hà Nội, ngày 05 tháng 02 năm 2024');
  });
});

describe('titles', () => {
  it.each([
    ['BB', 'BIÊN BẢN', meeting.title],
    ['NQ', 'NGHỊ QUYẾT', meeting.title],
    ['KH', 'KẾ HOẠCH', 'Thực hiện nhiệm vụ năm 2024'],
    ['BC', 'BÁO CÁO', 'Tổng kết công tác năm 2023, phương hướng nhiệm vụ năm 2024'],
  ] as const)('%s: the type in bold capitals, centred, over the bold summary', (kind, type, summary) => {
    const [typeLine, summaryLine] = bodyLines(parse(buildTemplate(kind, data)));
    expect(typeLine).toMatchObject({ text: type, align: 'center', bold: true });
    expect(summaryLine).toMatchObject({ text: summary, align: 'center', bold: true, rule: 'short' });
  });

  it('a conference early in the year reviews the year before', () => {
    const january = { ...meeting, startsAt: '2024-01-10T08:00' };
    expect(defaultDocumentTitle('KH', january)).toBe('Kế hoạch thực hiện nhiệm vụ năm 2024');
    expect(defaultDocumentTitle('BC', january)).toBe(
      'Báo cáo tổng kết công tác năm 2023, phương hướng nhiệm vụ năm 2024',
    );
  });

  it('names each kind of document after its meeting', () => {
    expect(defaultDocumentTitle('BB', meeting)).toBe('Biên bản Hội nghị Tổng kết công tác năm 2023');
    expect(defaultDocumentTitle('NQ', meeting)).toBe('Nghị quyết Hội nghị Tổng kết công tác năm 2023');
    expect(defaultDocumentTitle('blank', meeting)).toBe('Văn bản – Hội nghị Tổng kết công tác năm 2023');
    const regular = { ...meeting, kind: 'regular' as const, title: 'Họp giao ban tháng 3' };
    expect(defaultDocumentTitle('KH', regular)).toBe('Kế hoạch – Họp giao ban tháng 3');
    expect(defaultDocumentTitle('NQ', { ...meeting, title: 'x'.repeat(300) })).toHaveLength(300);
  });
});

describe('resolution (NQ)', () => {
  const doc = parse(buildResolution(data));
  const lines = bodyLines(doc);

  it('states its legal bases in italics, one a line, ";" between and "." after the last', () => {
    const bases = lines.filter((l) => l.text.startsWith('Căn cứ '));
    expect(bases.length).toBeGreaterThanOrEqual(2);
    expect(bases.every((l) => l.italic && l.align === 'justify')).toBe(true);
    expect(bases.slice(0, -1).every((l) => l.text.endsWith(';'))).toBe(true);
    expect(bases.at(-1)!.text).toBe('Căn cứ kết quả thảo luận và biểu quyết của Hội nghị ngày 19 tháng 12 năm 2023.');
    expect(bases[0]!.text).toContain('10/2022/QH15');
  });

  it('resolves under "QUYẾT NGHỊ:" in numbered articles with bold labels', () => {
    const decide = lines.findIndex((l) => l.text === 'QUYẾT NGHỊ:');
    expect(lines[decide]).toMatchObject({ align: 'center', bold: true });
    expect(lines.findIndex((l) => l.text.startsWith('Căn cứ '))).toBeLessThan(decide);
    const articles = doc.content.content.filter((n) => /^Điều \d+\. /.test(n.textContent));
    expect(articles.map((a) => a.textContent.slice(0, 7))).toEqual(['Điều 1.', 'Điều 2.', 'Điều 3.']);
    for (const a of articles) {
      const label = a.firstChild!;
      expect(label.text).toMatch(/^Điều \d+\. $/);
      expect(label.marks.map((m) => m.type.name)).toEqual(['bold']);
      expect(a.childCount).toBe(2);
    }
  });

  it('is signed on behalf of the conference by the chair, with the recipients on the left', () => {
    const [left, right] = columnLines(doc.lastChild ?? undefined, 'signatures');
    expect(left[0]).toMatchObject({ text: 'Nơi nhận:', bold: true, italic: true, fontSize: 12, align: 'left' });
    expect(left.slice(1).every((l) => l.text.startsWith('- ') && l.fontSize === 11)).toBe(true);
    expect(left.at(-1)!.text).toBe('- Lưu: VT, ….');
    expect(right[0]).toMatchObject({ text: 'TM. HỘI NGHỊ', bold: true, align: 'center' });
    expect(right[1]).toMatchObject({ text: 'CHỦ TỌA', bold: true, align: 'center' });
    expect(right.at(-1)).toMatchObject({ text: 'Cung Hồng Kiên', bold: true, align: 'center' });
  });

  it('takes filled articles with points, recipients and a summary', () => {
    const filled = parse(
      buildResolution(data, {
        summary: 'Hội nghị cán bộ viên chức năm 2023',
        articles: [{ text: 'Thông qua Kế hoạch năm 2024:', points: ['1. Một;', '2. Hai.'] }],
        recipients: ['Viện Ứng dụng công nghệ;'],
      }),
    );
    const filledLines = texts(bodyLines(filled));
    expect(filledLines[1]).toBe('Hội nghị cán bộ viên chức năm 2023');
    const at = filledLines.indexOf('Điều 1. Thông qua Kế hoạch năm 2024:');
    expect(filledLines.slice(at, at + 3)).toEqual(['Điều 1. Thông qua Kế hoạch năm 2024:', '1. Một;', '2. Hai.']);
    expect(filledLines.some((t) => t.startsWith('Điều 2.'))).toBe(false);
    const [left] = columnLines(filled.lastChild ?? undefined, 'signatures');
    expect(texts(left)).toEqual(['Nơi nhận:', '- Viện Ứng dụng công nghệ;', '- Lưu: VT, ….']);
  });

  it('[X14] ends every recipient line with ";" and the archive line with ".", in every template', () => {
    for (const kind of ['NQ', 'KH', 'BC', 'BB'] as const) {
      const signatures = parse(buildTemplate(kind, data));
      const lines: string[] = [];
      signatures.descendants((n) => {
        if (n.isTextblock && n.attrs.fontSize === 11) lines.push(n.textContent);
        return true;
      });
      expect(lines.length).toBeGreaterThan(1);
      expect(lines.slice(0, -1).every((l) => l.endsWith(';'))).toBe(true);
      expect(lines.at(-1)).toMatch(/^- Lưu: VT, .*\.$/);
    }
    // Whatever the drafters typed at the end of a line, the form's punctuation replaces it.
    const filled = parse(buildResolution(data, { recipients: ['Như Điều 3', 'Công đoàn Viện.', 'Ban Thanh tra; '] }));
    const [left] = columnLines(filled.lastChild ?? undefined, 'signatures');
    expect(texts(left).slice(1)).toEqual(['- Như Điều 3;', '- Công đoàn Viện;', '- Ban Thanh tra;', '- Lưu: VT, ….']);
  });
});

describe('minutes (BB)', () => {
  const doc = parse(buildMinutes(data));
  const lines = texts(bodyLines(doc));

  it('records time, place, attendance, chair and secretary in that order', () => {
    const start = lines.indexOf('Thời gian bắt đầu: 08 giờ 00, ngày 19 tháng 12 năm 2023.');
    expect(start).toBeGreaterThan(1);
    expect(lines.slice(start, start + 5)).toEqual([
      'Thời gian bắt đầu: 08 giờ 00, ngày 19 tháng 12 năm 2023.',
      'Địa điểm: Hội trường Trung tâm Công nghệ Laser.',
      'Thành phần tham dự: có mặt 23/25 đại biểu được triệu tập.',
      'Chủ trì: Cung Hồng Kiên.',
      'Thư ký: Trần Thị Thu Hà.',
    ]);
  });

  it('follows the agenda in order, then the vote results, then the closing line last', () => {
    const items = meeting.agenda.map((item, i) => lines.indexOf(`${i + 1}. ${item}`));
    expect(items.every((at) => at > 0)).toBe(true);
    expect([...items].sort((a, b) => a - b)).toEqual(items);
    const votes = lines.indexOf('Kết quả biểu quyết: …');
    const closing = lines.indexOf('Hội nghị kết thúc vào … giờ …, ngày … tháng … năm …./.');
    expect(votes).toBeGreaterThan(items.at(-1)!);
    expect(closing).toBeGreaterThan(votes);
  });

  it('is signed by the secretary on the left and the chair on the right, names in bold', () => {
    const signatures = children(doc).find((n) => n.type.name === 'columns' && n.attrs.kind === 'signatures');
    const [left, right] = columnLines(signatures, 'signatures');
    expect(left[0]).toMatchObject({ text: 'THƯ KÝ', bold: true });
    expect(left.at(-1)).toMatchObject({ text: 'Trần Thị Thu Hà', bold: true });
    expect(right[0]).toMatchObject({ text: 'CHỦ TỌA', bold: true });
    expect(right.at(-1)).toMatchObject({ text: 'Cung Hồng Kiên', bold: true });
  });

  it('leaves blanks where nothing is known yet', () => {
    const empty = parse(
      buildMinutes({
        ...data,
        meeting: { ...meeting, agenda: [] },
        chairs: [],
        secretaries: [],
        attendance: { present: 0, total: 25 },
      }),
    );
    const emptyLines = texts(bodyLines(empty));
    expect(emptyLines).toContain('Thành phần tham dự: có mặt …/… đại biểu được triệu tập.');
    expect(emptyLines).toContain('Chủ trì: ….');
    expect(emptyLines).toContain('Thư ký: ….');
    const [left, right] = columnLines(
      children(empty).find((n) => n.type.name === 'columns' && n.attrs.kind === 'signatures'),
      'signatures',
    );
    expect(left.at(-1)!.text).toBe('…');
    expect(right.at(-1)!.text).toBe('…');
  });

  it('takes the proceedings, guests, vote results and the closing time', () => {
    const filled = texts(
      bodyLines(
        parse(
          buildMinutes(data, {
            proceedings: [['Đồng chí Cung Hồng Kiên trình bày báo cáo.']],
            guests: ['đồng chí Giang Mạnh Khôi'],
            voteResults: ['Tán thành 23/23.'],
            endsAt: '2023-12-19T11:30',
          }),
        ),
      ),
    );
    expect(filled).toContain('Thành phần tham dự: có mặt 23/25 đại biểu được triệu tập; khách mời: đồng chí Giang Mạnh Khôi.');
    const first = filled.indexOf('1. Báo cáo tổng kết công tác năm 2023');
    expect(filled[first + 1]).toBe('Đồng chí Cung Hồng Kiên trình bày báo cáo.');
    // Items without proceedings keep their blank.
    expect(filled[filled.indexOf('2. Thảo luận') + 1]).toBe('…');
    expect(filled[filled.indexOf('Kết quả biểu quyết:') + 1]).toBe('Tán thành 23/23.');
    expect(filled).toContain('Hội nghị kết thúc vào 11 giờ 30, ngày 19 tháng 12 năm 2023./.');
  });
});

describe('blank', () => {
  it('has the header and one empty paragraph to type in', () => {
    const doc = parse(buildTemplate('blank', data));
    expect(children(doc).map((n) => n.type.name)).toEqual(['columns', 'paragraph']);
    expect(doc.lastChild!.textContent).toBe('');
  });
});
