/**
 * What must not be parted on paper: the signatures from the text they sign, and a signer's title from the room
 * left under it for the signature and the seal.
 */
import type { Block, ParagraphBlock } from './blocks.ts';

const isEmpty = (b: Block): b is ParagraphBlock => b.type === 'paragraph' && b.inlines.length === 0;

/**
 * The paragraph just before a signature block ("Hội nghị kết thúc vào …", the last article) is kept whole and
 * on the page of the signatures: a signature block alone on a page signs nothing a reader can see.
 */
export function keepBeforeSignatures(blocks: Block[]): Block[] {
  return blocks.map((b, i) => {
    const next = blocks[i + 1];
    return b.type === 'paragraph' && next?.type === 'columns' && next.kind === 'signatures' ? { ...b, keepWithNext: true } : b;
  });
}

/**
 * In a signer's column, the empty lines between the title and the name are the room to sign: they become one
 * block, which both exports make at least SIGNING_ROOM_MM tall whatever the number of lines the drafters left.
 */
export function signingRoom(column: readonly Block[]): Block[] {
  const out: Block[] = [];
  for (let i = 0; i < column.length; i++) {
    const block = column[i]!;
    let end = i;
    while (end < column.length && isEmpty(column[end]!)) end++;
    const between = end > i && i > 0 && end < column.length;
    if (!between) {
      out.push(block);
      continue;
    }
    out.push({ type: 'signingRoom', lines: column.slice(i, end) as ParagraphBlock[] });
    i = end - 1;
  }
  return out;
}
