/** The closing two-column block: who signs, and to whom the document goes (Nghị định 30/2020, Phụ lục I). */
import type { JSONContent } from '@tiptap/core';
import { bold, boldItalic, centred, columns, paragraph, signatureSpace } from './blocks.ts';
import { BLANK } from './types.ts';

/** A signer's side: the capacity lines in bold capitals, room to sign, the name in bold. */
export function signer(capacity: string[], name: string | undefined): JSONContent[] {
  return [...capacity.map((line) => centred(bold(line))), ...signatureSpace(), centred(bold(name ?? BLANK))];
}

/** The form's punctuation: every recipient line ends with ";", the last one (the archive) with ".". */
const punctuated = (line: string, last: boolean): string => `${line.trim().replace(/[\s;.,]+$/u, '')}${last ? '.' : ';'}`;

/**
 * "Nơi nhận:" in bold italic 12 pt, then one line per recipient in 11 pt, ending with the archive line.
 * Recipient lines are written as the office writes them ("- Như Điều 3;"), so they are plain paragraphs.
 */
export function recipients(lines: string[] = [BLANK], archive = `Lưu: VT, ${BLANK}`): JSONContent[] {
  const all = [...lines, archive];
  return [
    paragraph(boldItalic('Nơi nhận:'), { align: 'left', fontSize: 12 }),
    ...all.map((line, i) => paragraph(`- ${punctuated(line, i === all.length - 1)}`, { align: 'left', fontSize: 11 })),
  ];
}

export const signatureBlock = (left: JSONContent[], right: JSONContent[]): JSONContent =>
  columns('signatures', left, right);
