/**
 * Biên bản (BB) of a conference, in the order of the official minutes form: when, where, who, chair, secretary,
 * the proceedings item by item, the vote results, the closing line; the secretary signs left, the chair right.
 */
import type { JSONContent } from '@tiptap/core';
import { formatDate, formatTime } from '../format.ts';
import { body, bold, doc, plain } from './blocks.ts';
import { officialHeader, titleBlock } from './header.ts';
import { recipients, signatureBlock, signer } from './signatures.ts';
import { BLANK, type TemplateData } from './types.ts';

export interface MinutesBody {
  /** Paragraphs under each agenda item, in agenda order; an item without any gets a blank to fill. */
  proceedings?: string[][];
  /** Guests as they are to be named ("đồng chí …, Phó Viện trưởng …"). */
  guests?: string[];
  /** Replaces the blank of the vote results. */
  voteResults?: string[];
  /** When the conference closed, `YYYY-MM-DDTHH:mm`; until then the closing time stays blank. */
  endsAt?: string;
  recipients?: string[];
}

const names = (list: string[]) => (list.length > 0 ? list.join(', ') : BLANK);

function attendees(data: TemplateData, guests: string[] | undefined): string {
  const { present, total } = data.attendance;
  // Before anyone has checked in a count of 0 would read as a fact; a blank asks for the real one.
  const count = present > 0 ? `${present}/${total}` : `${BLANK}/${total}`;
  const line = `Thành phần tham dự: có mặt ${count} đại biểu được triệu tập`;
  return guests && guests.length > 0 ? `${line}; khách mời: ${guests.join('; ')}.` : `${line}.`;
}

function closingLine(startsAt: string, endsAt: string | undefined): string {
  if (endsAt) return `Hội nghị kết thúc vào ${formatTime(endsAt)}, ${formatDate(endsAt)}./.`;
  // A conference is mostly held within its one day, so its date is a fair draft; the time cannot be known.
  return `Hội nghị kết thúc vào ${BLANK} giờ ${BLANK}, ${formatDate(startsAt)}./.`;
}

function proceedings(agenda: string[], filled: string[][] | undefined): JSONContent[] {
  if (agenda.length === 0) return [body(BLANK)];
  return agenda.flatMap((item, i) => {
    const paragraphs = filled?.[i] ?? [];
    return [body(bold(`${i + 1}. ${item}`)), ...(paragraphs.length > 0 ? paragraphs : [BLANK]).map((p) => body(p))];
  });
}

export function buildMinutes(data: TemplateData, fill: MinutesBody = {}): JSONContent {
  const { meeting } = data;
  return doc([
    officialHeader(meeting, 'BB'),
    ...titleBlock('Biên bản', meeting.title),
    body(`Thời gian bắt đầu: ${formatTime(meeting.startsAt)}, ${formatDate(meeting.startsAt)}.`),
    body(`Địa điểm: ${meeting.place}.`),
    body(attendees(data, fill.guests)),
    body(`Chủ trì: ${names(data.chairs)}.`),
    body(`Thư ký: ${names(data.secretaries)}.`),
    body(bold('Nội dung:')),
    ...proceedings(meeting.agenda, fill.proceedings),
    ...(fill.voteResults
      ? [body(bold('Kết quả biểu quyết:')), ...fill.voteResults.map((p) => body(p))]
      : [body([bold('Kết quả biểu quyết: '), plain(BLANK)])]),
    body(closingLine(meeting.startsAt, fill.endsAt)),
    signatureBlock(signer(['THƯ KÝ'], data.secretaries[0]), signer(['CHỦ TỌA'], data.chairs[0])),
    ...recipients(fill.recipients, `Lưu: VT, hồ sơ hội nghị.`),
  ]);
}
