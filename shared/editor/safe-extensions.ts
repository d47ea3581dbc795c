/**
 * StarterKit's and TipTap's extensions whose `renderHTML` writes an attribute's value into the page as it finds it,
 * replaced by the same nodes and marks rendering only allowed values (allowed.ts). A document's attributes come
 * from whoever wrote its Yjs state, and that state is not checked against the schema: a `textAlign` of
 * `left; position: fixed; …` became a style, a link's `class` any class name. Names, attributes and parse rules
 * stay the same, so stored documents load and sync unchanged.
 */
import { mergeAttributes, type Attributes } from '@tiptap/core';
import { CodeBlock } from '@tiptap/extension-code-block';
import { Link } from '@tiptap/extension-link';
import { OrderedList } from '@tiptap/extension-list';
import TextAlign from '@tiptap/extension-text-align';
import { alignmentOf, linkTitleOf, listStartOf, listTypeOf, safeHref } from './allowed.ts';

/** Alignment is the one attribute that becomes a `style`, so nothing but the four keywords may reach it. */
export const SafeTextAlign = TextAlign.extend({
  addGlobalAttributes() {
    return [
      {
        types: this.options.types,
        attributes: {
          textAlign: {
            default: null,
            parseHTML: (element) => alignmentOf(element.style.textAlign),
            renderHTML: (attributes) => {
              const alignment = alignmentOf(attributes.textAlign);
              return alignment ? { style: `text-align: ${alignment}` } : {};
            },
          },
        },
      },
    ];
  },
});

/** The number a list starts from and its numbering style become attributes of `<ol>`: bounded, and one of five. */
export const SafeOrderedList = OrderedList.extend({
  addAttributes() {
    // The parent's parse rules (the `type` of lists pasted from word processors) are kept; what it reads is bounded.
    const parent: Attributes = this.parent?.() ?? {};
    return {
      start: {
        default: 1,
        parseHTML: (element) => listStartOf(parent.start?.parseHTML?.(element) ?? 1),
        renderHTML: (attributes) => ({ start: listStartOf(attributes.start) }),
      },
      type: {
        default: null,
        parseHTML: (element) => listTypeOf(parent.type?.parseHTML?.(element)),
        renderHTML: (attributes) => ({ type: listTypeOf(attributes.type) }),
      },
    };
  },
});

/** The language would only become a class name (`language-…`), and nothing here highlights code. */
export const SafeCodeBlock = CodeBlock.extend({
  addAttributes() {
    return { language: { default: null, parseHTML: () => null, rendered: false } };
  },

  renderHTML({ HTMLAttributes }) {
    return ['pre', mergeAttributes(this.options.HTMLAttributes, HTMLAttributes), ['code', 0]];
  },
});

/**
 * A link opens a web page or an e-mail in a new tab, without telling it where it came from. Its address is shown
 * only if it is http(s) or mailto; `target`, `rel` and `class` are the editor's, whatever the document says
 * (they stay in the schema, unrendered, so documents that carry them still load).
 */
export const SafeLink = Link.extend({
  addAttributes() {
    return {
      href: {
        default: null,
        parseHTML: (element) => element.getAttribute('href'),
        renderHTML: (attributes) => {
          const href = safeHref(attributes.href);
          return href === null ? {} : { href };
        },
      },
      target: { default: null, rendered: false },
      rel: { default: null, rendered: false },
      class: { default: null, rendered: false },
      title: {
        default: null,
        renderHTML: (attributes) => {
          const title = linkTitleOf(attributes.title);
          return title === null ? {} : { title };
        },
      },
    };
  },
}).configure({
  // Pasted or typed addresses become links only when they are ones a link may keep; an empty href (the attribute
  // left out above) is not a link to anywhere, and renderHTML keeps it as it is.
  isAllowedUri: (url) => url === undefined || url === '' || safeHref(url) !== null,
  HTMLAttributes: { target: '_blank', rel: 'noopener noreferrer nofollow', class: null },
});
