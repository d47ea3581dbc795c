/**
 * Biên bản (BB) of a conference, in the order of the official minutes form: when, where, who, chair, secretary,
 * the proceedings item by item, the vote results, the closing line; the secretary signs left, the chair right.
 * What the meeting already knows (start, attendance, chairs, secretaries, end) is a live meeting-fact block inside
 * the sentence, so the minutes follow check-ins and the closing without anyone retyping a count.
 */
import type { JSONContent } from '@tiptap/core';
import { MEETING_FACT_NODE } from '../editor/meeting-fact.ts';
import { meetingFactTexts, type MeetingFact, type MeetingFactTexts } from '../meeting-facts.ts';
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
  /** When the conference closed, `YYYY-MM-DDTHH:mm`; until then the closing time is a blank to fill. */
  endsAt?: string;
  recipients?: string[];
}

/** A body paragraph of plain text and meeting facts. */
function sentence(parts: (string | JSONContent)[]): JSONContent {
  const content = parts
    .filter((p) => p !== '')
    .map((p) => (typeof p === 'string' ? { type: 'text', text: p } : p));
  return { type: 'paragraph', attrs: { textAlign: 'justify' }, content };
}

const fact = (facts: MeetingFactTexts, name: MeetingFact): JSONContent => ({
  type: MEETING_FACT_NODE,
  attrs: { fact: name, text: facts[name] },
});

function attendees(facts: MeetingFactTexts, guests: string[] | undefined): JSONContent {
  const tail = guests && guests.length > 0 ? `; khách mời: ${guests.join('; ')}.` : '.';
  return sentence(['Thành phần tham dự: ', fact(facts, 'attendance'), tail]);
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
  const facts = meetingFactTexts({
    startsAt: meeting.startsAt,
    endsAt: fill.endsAt ?? data.endsAt ?? null,
    chairs: data.chairs,
    secretaries: data.secretaries,
    attendance: data.attendance,
  });
  return doc([
    officialHeader(meeting, 'BB'),
    ...titleBlock('Biên bản', meeting.title),
    sentence(['Thời gian bắt đầu: ', fact(facts, 'startsAt'), '.']),
    body(`Địa điểm: ${meeting.place}.`),
    attendees(facts, fill.guests),
    sentence(['Chủ trì: ', fact(facts, 'chairs'), '.']),
    sentence(['Thư ký: ', fact(facts, 'secretaries'), '.']),
    body(bold('Nội dung:')),
    ...proceedings(meeting.agenda, fill.proceedings),
    ...(fill.voteResults
      ? [body(bold('Kết quả biểu quyết:')), ...fill.voteResults.map((p) => body(p))]
      : [body([bold('Kết quả biểu quyết: '), plain(BLANK)])]),
    sentence(['Hội nghị kết thúc vào ', fact(facts, 'endsAt'), './.']),
    signatureBlock(signer(['THƯ KÝ'], data.secretaries[0]), signer(['CHỦ TỌA'], data.chairs[0])),
    ...recipients(fill.recipients, `Lưu: VT, hồ sơ hội nghị.`),
  ]);
}
