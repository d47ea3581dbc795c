/**
 * Kế hoạch (KH) and Báo cáo (BC): the unit's own documents, which the conference adopts or hears. Their body is
 * the usual outline of sections to fill; the head of the unit signs them, in a capacity the drafters write in.
 */
import type { JSONContent } from '@tiptap/core';
import { body, bold, doc } from './blocks.ts';
import { officialHeader, titleBlock } from './header.ts';
import { recipients, signatureBlock, signer } from './signatures.ts';
import { documentSummary, reportingYears, TYPE_NAMES } from './summary.ts';
import { BLANK, type TemplateData } from './types.ts';

function sections(headings: string[]): JSONContent[] {
  return headings.flatMap((h) => [body(bold(h)), body(BLANK)]);
}

function build(kind: 'KH' | 'BC', data: TemplateData, headings: string[]): JSONContent {
  return doc([
    officialHeader(data.meeting, kind),
    ...titleBlock(TYPE_NAMES[kind], documentSummary(kind, data.meeting) ?? BLANK),
    ...sections(headings),
    signatureBlock(recipients(), signer([BLANK], data.chairs[0])),
  ]);
}

export function buildPlan(data: TemplateData): JSONContent {
  return build('KH', data, ['I. MỤC ĐÍCH, YÊU CẦU', 'II. NỘI DUNG, NHIỆM VỤ', 'III. TỔ CHỨC THỰC HIỆN']);
}

export function buildReport(data: TemplateData): JSONContent {
  const years = reportingYears(data.meeting);
  return build('BC', data, [
    years ? `I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM ${years.reviewed}` : 'I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ',
    'II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN',
    years ? `III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM ${years.planned}` : 'III. PHƯƠNG HƯỚNG, NHIỆM VỤ',
    'IV. KIẾN NGHỊ, ĐỀ XUẤT',
  ]);
}
