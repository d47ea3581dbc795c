/** Nghị quyết (NQ) of a conference: legal bases, "QUYẾT NGHỊ:", the articles, signed on behalf of the conference. */
import type { JSONContent } from '@tiptap/core';
import { formatDate } from '../format.ts';
import { body, bold, centred, doc, italic, plain } from './blocks.ts';
import { officialHeader, titleBlock } from './header.ts';
import { recipients, signatureBlock, signer } from './signatures.ts';
import { BLANK, type TemplateData, type TemplateMeeting } from './types.ts';

export interface ResolutionArticle {
  /** The text after "Điều n.". */
  text: string;
  /** Lines under the article ("1. …;"), each its own justified paragraph. */
  points?: string[];
}

export interface ResolutionBody {
  /** The summary line under "NGHỊ QUYẾT"; the meeting's title by default. */
  summary?: string;
  articles?: ResolutionArticle[];
  /** Recipient lines without the leading dash; the archive line is added. */
  recipients?: string[];
}

/** Who resolves: the conference of public employees of the unit, or the conference of the unit. */
function authority(meeting: TemplateMeeting): string {
  const unit = meeting.issuingBody.trim().toLocaleUpperCase('vi');
  return meeting.kind === 'employee_conference' ? `HỘI NGHỊ CÁN BỘ VIÊN CHỨC ${unit}` : `HỘI NGHỊ ${unit}`;
}

/** Each basis on its own line ending in ";", the last one in "." (Phụ lục I: căn cứ ban hành, in italics). */
function legalBases(meeting: TemplateMeeting): JSONContent[] {
  const bases = [
    ...(meeting.kind === 'employee_conference'
      ? ['Căn cứ Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 ngày 10 tháng 11 năm 2022']
      : []),
    `Căn cứ ${BLANK}`,
    `Căn cứ kết quả thảo luận và biểu quyết của Hội nghị ${formatDate(meeting.startsAt)}`,
  ];
  return bases.map((line, i) => body(italic(`${line}${i === bases.length - 1 ? '.' : ';'}`)));
}

function defaultArticles(meeting: TemplateMeeting): ResolutionArticle[] {
  return [
    { text: BLANK },
    { text: BLANK },
    {
      text:
        `Nghị quyết này được Hội nghị thông qua ${formatDate(meeting.startsAt)} và có hiệu lực kể từ ngày ký. ` +
        `${BLANK} chịu trách nhiệm thi hành Nghị quyết này./.`,
    },
  ];
}

function article(n: number, a: ResolutionArticle): JSONContent[] {
  return [body([bold(`Điều ${n}. `), plain(a.text)]), ...(a.points ?? []).map((p) => body(p))];
}

export function buildResolution(data: TemplateData, fill: ResolutionBody = {}): JSONContent {
  const { meeting } = data;
  const articles = fill.articles ?? defaultArticles(meeting);
  return doc([
    officialHeader(meeting, 'NQ'),
    ...titleBlock('Nghị quyết', fill.summary ?? meeting.title),
    centred(bold(authority(meeting))),
    ...legalBases(meeting),
    centred(bold('QUYẾT NGHỊ:')),
    ...articles.flatMap((a, i) => article(i + 1, a)),
    signatureBlock(recipients(fill.recipients), signer(['TM. HỘI NGHỊ', 'CHỦ TỌA'], data.chairs[0])),
  ]);
}
