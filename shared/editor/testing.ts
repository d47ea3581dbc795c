/**
 * A hostile document for the tests of what the editor and the exports render (SEC6, SEC7): written with Yjs
 * directly, as a remote peer can write it, with a value outside the schema's allowed ones in every attribute
 * that is rendered somewhere. `HOSTILE_MARKERS` are strings that must appear in no rendering of it.
 */
import * as Y from 'yjs';

export const HOSTILE_MARKERS = [
  'position',
  'z-index',
  'evil',
  'javascript',
  'url(',
  '1e+21',
  '1000000000000000000000',
  'onclick',
  'onmouseover',
  '_self',
] as const;

/** Text of the table cells `writeHostileDocument` writes out of bounds: no rendering shows them. */
export const DROPPED_CELLS = ['Ô tràn cột', 'Ô tràn dòng', 'Ô độ rộng độc hại'] as const;

const element = (name: string, attrs: Record<string, unknown>, children: (Y.XmlElement | Y.XmlText)[]): Y.XmlElement => {
  const el = new Y.XmlElement(name);
  // Y.XmlElement's attributes are typed as strings, but the wire carries any JSON value, and so may a peer.
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, value as string);
  el.insert(0, children);
  return el;
};

const text = (value: string, format?: Record<string, unknown>): Y.XmlText => {
  const t = new Y.XmlText();
  t.insert(0, value, format);
  return t;
};

/** Fills the document's `default` fragment (the one TipTap's Collaboration uses) with the hostile blocks. */
export function writeHostileDocument(doc: Y.Doc, field = 'default'): void {
  const paragraph = (attrs: Record<string, unknown>, words: string, format?: Record<string, unknown>) =>
    element('paragraph', attrs, [text(words, format)]);
  doc.transact(() => {
    doc.getXmlFragment(field).insert(0, [
      paragraph(
        {
          textAlign: 'left; position: fixed; z-index: 99999; background-image: url(https://evil.example/x.png)',
          rule: '"><img src=x onmouseover=alert(1)>',
          fontSize: '12px; position: absolute',
        },
        'Đoạn văn có căn lề độc hại',
      ),
      element('heading', { level: 9, textAlign: { evil: 'position: fixed' } }, [text('Tiêu đề')]),
      element('columns', { kind: 'header" onmouseover="alert(1)' }, [
        element('column', {}, [paragraph({}, 'Trái')]),
        element('column', {}, [paragraph({}, 'Phải')]),
      ]),
      element('orderedList', { start: 1e21, type: 'disc; position: fixed' }, [
        element('listItem', {}, [paragraph({}, 'Mục một')]),
      ]),
      element('codeBlock', { language: 'x evil-class' }, [text('mã')]),
      element('voteResult', { motionId: 'm1" onclick="alert(1)', text: { evil: 'position: fixed' } }, []),
      paragraph({}, 'Liên kết kịch bản', {
        link: { href: 'javascript:alert(1)', class: 'evil-class', target: '_self', rel: 'evil-rel', title: 'Xem' },
      }),
      paragraph({}, 'Liên kết hợp lệ', {
        link: { href: 'https://thuvienphapluat.vn/van-ban', class: 'evil-class', target: '_self', rel: 'evil-rel' },
      }),
      element('paragraph', {}, [
        text('Thành phần tham dự: '),
        element('meetingFact', { fact: 'attendance" onclick="alert(1)', text: { evil: 'position: fixed' } }, []),
      ]),
      // A table: the first two cells are kept (their alignment never shown), the others are out of the schema's
      // bounds (a span the table code would loop over, a span or widths that are not numbers) and are no cells.
      element('table', { style: 'position: fixed' }, [
        element('tableRow', {}, [
          element('tableHeader', { colspan: 2, colwidth: [120, 80], align: 'left; position: fixed' }, [
            paragraph({}, 'Chỉ tiêu năm'),
          ]),
        ]),
        element('tableRow', {}, [
          element('tableCell', { align: 'center" onclick="alert(1)' }, [paragraph({}, 'Tỷ lệ hoàn thành')]),
          element('tableCell', { colspan: 1e21 }, [paragraph({}, 'Ô tràn cột')]),
          element('tableCell', { rowspan: '2; position: fixed' }, [paragraph({}, 'Ô tràn dòng')]),
          element('tableCell', { colwidth: ['evil'] }, [paragraph({}, 'Ô độ rộng độc hại')]),
        ]),
      ]),
    ]);
  });
}
