/** The blocks every document opens with: the two-column header and the title (Nghị định 30/2020, Phụ lục I). */
import type { JSONContent } from '@tiptap/core';
import { documentNumberLine, formatDateLine } from '../format.ts';
import { bold, centred, columns, italic } from './blocks.ts';
import type { TemplateMeeting } from './types.ts';

export const NATION = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const MOTTO = 'Độc lập - Tự do - Hạnh phúc';

const capitals = (text: string) => text.trim().toLocaleUpperCase('vi');

/**
 * Left: the parent body (capitals, not bold), the issuing body (capitals, bold, a short rule under it), the
 * number line. Right: the nation, the motto (bold, ruled as long as itself) and the place-and-date line.
 */
export function officialHeader(meeting: TemplateMeeting, typeCode?: string): JSONContent {
  const left: JSONContent[] = [];
  if (meeting.parentBody.trim() !== '') left.push(centred(capitals(meeting.parentBody)));
  left.push(centred(bold(capitals(meeting.issuingBody)), { rule: 'short' }));
  left.push(centred(documentNumberLine(meeting.symbol, typeCode)));

  const right: JSONContent[] = [
    centred(bold(NATION)),
    centred(bold(MOTTO), { rule: 'text' }),
    centred(italic(formatDateLine(meeting.locality, meeting.startsAt))),
  ];
  return columns('header', left, right);
}

/** The document type in capitals over the summary line, both bold and centred; a short rule closes the title. */
export function titleBlock(typeName: string, summary: string): JSONContent[] {
  return [centred(bold(capitals(typeName))), centred(bold(summary), { rule: 'short' })];
}
