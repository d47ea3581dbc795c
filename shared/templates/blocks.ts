/** Plain builders of the JSON the editor schema accepts, so that the templates read like the page they make. */
import type { JSONContent } from '@tiptap/core';
import type { FontSize, Rule } from '../editor/extensions.ts';

type Align = 'left' | 'center' | 'right' | 'justify';
type Mark = 'bold' | 'italic';

export interface Run {
  text: string;
  marks?: Mark[];
}

export interface ParagraphOptions {
  align?: Align;
  rule?: Rule;
  fontSize?: FontSize;
}

export const plain = (text: string): Run => ({ text });
export const bold = (text: string): Run => ({ text, marks: ['bold'] });
export const italic = (text: string): Run => ({ text, marks: ['italic'] });
export const boldItalic = (text: string): Run => ({ text, marks: ['bold', 'italic'] });

export function paragraph(runs: Run | Run[] | string, options: ParagraphOptions = {}): JSONContent {
  const list = (Array.isArray(runs) ? runs : [typeof runs === 'string' ? plain(runs) : runs]).filter(
    // ProseMirror refuses empty text nodes.
    (r) => r.text !== '',
  );
  const attrs: Record<string, unknown> = { textAlign: options.align ?? 'justify' };
  if (options.rule) attrs.rule = options.rule;
  if (options.fontSize) attrs.fontSize = options.fontSize;
  const node: JSONContent = { type: 'paragraph', attrs };
  if (list.length > 0) {
    node.content = list.map((r) =>
      r.marks ? { type: 'text', text: r.text, marks: r.marks.map((type) => ({ type })) } : { type: 'text', text: r.text },
    );
  }
  return node;
}

/** A body paragraph: justified, with the first-line indent the stylesheet gives justified body text. */
export const body = (runs: Run | Run[] | string): JSONContent => paragraph(runs, { align: 'justify' });

export const centred = (runs: Run | Run[] | string, options: Omit<ParagraphOptions, 'align'> = {}): JSONContent =>
  paragraph(runs, { ...options, align: 'center' });

/** Room for a handwritten signature (and the seal) between the signer's title and name. */
export const signatureSpace = (): JSONContent[] => [centred(''), centred(''), centred('')];

export function columns(kind: 'header' | 'signatures', left: JSONContent[], right: JSONContent[]): JSONContent {
  return {
    type: 'columns',
    attrs: { kind },
    content: [
      { type: 'column', content: left },
      { type: 'column', content: right },
    ],
  };
}

export const doc = (content: JSONContent[]): JSONContent => ({ type: 'doc', content });
