import type { JSONContent } from '@tiptap/core';
import type { DOMOutputSpec, Mark, Node } from '@tiptap/pm/model';
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { safeHref, sanitiseContent } from './allowed.ts';
import { editorSchema } from './extensions.ts';
import { DROPPED_CELLS, HOSTILE_MARKERS, writeHostileDocument } from './testing.ts';

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/**
 * HTML from the schema's own `toDOM` (TipTap's renderHTML of every node, mark and attribute), the output the
 * editor puts into the page and onto the clipboard, without needing a DOM.
 */
function specHtml(spec: DOMOutputSpec, inner: string): string {
  if (typeof spec === 'string') return escape(spec);
  if (!Array.isArray(spec)) throw new Error('a DOM node in a spec: not used by this schema');
  const [tag, ...rest] = spec as [string, ...unknown[]];
  let attrs = '';
  let children = rest;
  const first = rest[0];
  if (first !== null && typeof first === 'object' && !Array.isArray(first)) {
    attrs = Object.entries(first as Record<string, unknown>)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => ` ${k}="${escape(String(v))}"`)
      .join('');
    children = rest.slice(1);
  }
  const body = children.map((c) => (c === 0 ? inner : specHtml(c as DOMOutputSpec, inner))).join('');
  return `<${tag}${attrs}>${body}</${tag}>`;
}

function renderNode(node: Node): string {
  if (node.isText) {
    return node.marks.reduceRight((html, mark: Mark) => specHtml(mark.type.spec.toDOM!(mark, true), html), escape(node.text ?? ''));
  }
  let inner = '';
  node.forEach((child) => (inner += renderNode(child)));
  if (node.type.name === 'doc') return inner;
  return specHtml(node.type.spec.toDOM!(node), inner);
}

function hostileNode(): Node {
  const doc = new Y.Doc();
  writeHostileDocument(doc);
  return yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment('default'), editorSchema());
}

describe('the editor renders only allowed attribute values', () => {
  it('[SEC6] a document written by a hostile peer renders none of its hostile values, and keeps what is allowed', () => {
    const html = renderNode(hostileNode());
    for (const marker of HOSTILE_MARKERS) expect(html, marker).not.toContain(marker);
    expect(html).not.toContain('class=');
    // The one style besides alignment: a table's column widths, from bounded numbers.
    expect(html.match(/ style="[^"]*"/g)).toEqual([' style="width: 200px"', ' style="width: 120px"', ' style="width: 80px"']);
    expect(html).not.toMatch(/<ol[^>]* (start|type)=/);
    expect(html).toContain('<p>Đoạn văn có căn lề độc hại</p>');
    expect(html).toContain('<h1>Tiêu đề</h1>');
    expect(html).toContain('<div data-kind="signatures" data-type="columns">');
    expect(html).toContain('<pre><code>mã</code></pre>');
    expect(html).toContain('<p data-motion-id="" data-type="vote-result"></p>');
    expect(html).toContain('<a target="_blank" rel="noopener noreferrer nofollow" title="Xem">Liên kết kịch bản</a>');
    expect(html).toContain(
      '<a target="_blank" rel="noopener noreferrer nofollow" href="https://thuvienphapluat.vn/van-ban">Liên kết hợp lệ</a>',
    );
    expect(html).toContain('<th colspan="2" colwidth="120,80"><p>Chỉ tiêu năm</p></th>');
    expect(html).toContain('<td><p>Tỷ lệ hoàn thành</p></td>');
    for (const dropped of DROPPED_CELLS) expect(html, dropped).not.toContain(dropped);
  });

  it('[SEC6] allowed values render as before: alignment as a style, rule, size, list start and type, columns kind', () => {
    const doc = editorSchema().nodeFromJSON({
      type: 'doc',
      content: [
        { type: 'paragraph', attrs: { textAlign: 'center', rule: 'short', fontSize: 12 }, content: [{ type: 'text', text: 'A' }] },
        { type: 'orderedList', attrs: { start: 3, type: 'a' }, content: [{ type: 'listItem', content: [{ type: 'paragraph' }] }] },
        { type: 'columns', attrs: { kind: 'header' }, content: [{ type: 'column', content: [{ type: 'paragraph' }] }, { type: 'column', content: [{ type: 'paragraph' }] }] },
      ],
    });
    const html = renderNode(doc);
    expect(html).toContain('<p data-rule="short" data-font-size="12" style="text-align: center">A</p>');
    expect(html).toContain('<ol start="3" type="a">');
    expect(html).toContain('data-kind="header"');
  });
});

describe('the exports’ copy of the document', () => {
  it('[SEC7] sanitiseContent holds every attribute to its allowed values and drops links to anywhere but the web or e-mail', () => {
    const json = sanitiseContent(hostileNode().toJSON() as JSONContent);
    const text = JSON.stringify(json);
    for (const marker of HOSTILE_MARKERS) expect(text, marker).not.toContain(marker);
    const [paragraph, heading, columns, list, code, vote, badLink, goodLink, facts, table] = json.content!;
    expect(paragraph!.attrs).toEqual({ textAlign: null, rule: null, fontSize: null });
    expect(heading!.attrs).toEqual({ textAlign: null, level: 1 });
    expect(columns!.attrs).toEqual({ kind: 'signatures' });
    expect(list!.attrs).toEqual({ start: 1, type: null });
    expect(code!.attrs).toEqual({ language: null });
    expect(vote!.attrs).toEqual({ motionId: '', text: '' });
    expect(facts!.content![1]!.attrs).toEqual({ fact: null, text: '' });
    expect(badLink!.content![0]!.marks).toBeUndefined();
    expect(goodLink!.content![0]!.marks).toEqual([{ type: 'link', attrs: { href: 'https://thuvienphapluat.vn/van-ban', title: null } }]);
    expect(table!.attrs).toBeUndefined();
    expect(table!.content!.map((row) => row.content!.map((cell) => cell.attrs))).toEqual([
      [{ colspan: 2, rowspan: 1, colwidth: [120, 80] }],
      [{ colspan: 1, rowspan: 1, colwidth: null }],
    ]);
    // Allowed values are kept as they are.
    const kept = sanitiseContent({ type: 'paragraph', attrs: { textAlign: 'right', rule: 'text', fontSize: '11' } });
    expect(kept.attrs).toEqual({ textAlign: 'right', rule: 'text', fontSize: 11 });
  });

  it('[SEC6] a link keeps an http(s) or mailto address only', () => {
    expect(safeHref('https://thuvienphapluat.vn/a?b=1#c')).toBe('https://thuvienphapluat.vn/a?b=1#c');
    expect(safeHref('mailto:vanthu@example.vn')).toBe('mailto:vanthu@example.vn');
    for (const bad of ['javascript:alert(1)', ' JaVaScRiPt:alert(1)', 'java\tscript:alert(1)', 'data:text/html,x', '//evil.example', '/api/session', 'vbscript:x', 'file:///etc/passwd', 'http://', 42, null]) {
      expect(safeHref(bad), String(bad)).toBeNull();
    }
  });
});
