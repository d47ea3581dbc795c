/**
 * The interface's string tables. Vietnamese is the default and the source of the keys; English must have
 * exactly the same keys, which the type of `en` enforces at compile time.
 *
 * Placeholders are written `{name}` and filled by `t(lang, key, { name })`.
 */

const vi = {
  'app.name': 'Quorum',
  'nav.home': 'Trang chủ',
  'lang.label': 'Ngôn ngữ',
  'lang.vi': 'Tiếng Việt',
  'lang.en': 'English',

  'home.heading': 'Cùng soạn thảo, ngay trong hội nghị',
  'home.intro':
    'Nhiều người cùng viết một văn bản cùng lúc: biên bản, nghị quyết, kế hoạch. Mất mạng vẫn soạn tiếp được; khi có mạng lại, các thay đổi tự hợp nhất.',
  'home.create': 'Tạo văn bản mới',
  'home.openHeading': 'Mở văn bản có sẵn',
  'home.openLabel': 'Mã hoặc đường dẫn văn bản',
  'home.openPlaceholder': 'Ví dụ: k3Xq9_mB2a',
  'home.open': 'Mở',
  'home.invalidId': 'Mã văn bản chỉ gồm chữ cái không dấu, chữ số và các ký tự _ - . : (tối đa 128 ký tự).',

  'notFound.title': 'Không tìm thấy trang',
  'notFound.body': 'Địa chỉ này không dẫn tới trang nào của Quorum.',
  'doc.backHome': 'Về trang chủ',
  'doc.invalidIdTitle': 'Mã văn bản không hợp lệ',
  'doc.invalidIdBody':
    'Đường dẫn này không trỏ tới một văn bản. Mã văn bản chỉ gồm chữ cái không dấu, chữ số và các ký tự _ - . :',
  'doc.loading': 'Đang mở văn bản…',
  'editor.label': 'Nội dung văn bản',

  'status.connected': 'Đã kết nối',
  'status.connecting': 'Đang kết nối…',
  'status.offline': 'Ngoại tuyến',
  'status.offlineHint': 'Bạn vẫn soạn được; thay đổi sẽ được đồng bộ khi có mạng lại.',
  'status.savedLocally': 'Đã lưu trên thiết bị này',

  'close.messageTooLarge': 'Thay đổi quá lớn nên máy chủ không nhận. Hãy dán nội dung thành từng phần nhỏ hơn.',
  'close.serverRestarting': 'Máy chủ đang khởi động lại; đang kết nối lại…',
  'close.protocolError': 'Máy chủ không đọc được dữ liệu từ trình duyệt này; đang kết nối lại…',
  'close.invalidDocumentId': 'Máy chủ từ chối mã văn bản này.',
  'close.deadPeer': 'Kết nối không còn phản hồi; đang kết nối lại…',
  'close.slowReader': 'Kết nối quá chậm nên bị ngắt; đang kết nối lại…',
  'close.storageError': 'Máy chủ không lưu được văn bản. Các thay đổi của bạn vẫn được giữ trên thiết bị này.',
  'close.unknown': 'Kết nối bị đóng (mã {code}); đang kết nối lại…',
  'close.dismiss': 'Đóng thông báo',

  'toolbar.label': 'Định dạng',
  'toolbar.blockType': 'Kiểu đoạn',
  'toolbar.paragraph': 'Đoạn văn',
  'toolbar.heading1': 'Tiêu đề 1',
  'toolbar.heading2': 'Tiêu đề 2',
  'toolbar.heading3': 'Tiêu đề 3',
  'toolbar.bold': 'In đậm',
  'toolbar.italic': 'In nghiêng',
  'toolbar.bulletList': 'Danh sách gạch đầu dòng',
  'toolbar.orderedList': 'Danh sách đánh số',
  'toolbar.undo': 'Hoàn tác',
  'toolbar.redo': 'Làm lại',
  'toolbar.alignLeft': 'Căn trái',
  'toolbar.alignCenter': 'Căn giữa',
  'toolbar.alignRight': 'Căn phải',
  'toolbar.alignJustify': 'Căn đều hai bên',

  'presence.heading': 'Đang trong văn bản ({count})',
  'presence.you': '(bạn)',
  'presence.changeName': 'Đổi tên',

  'name.title': 'Bạn tên là gì?',
  'name.hint': 'Tên của bạn hiện cạnh con trỏ để những người cùng soạn biết ai đang viết.',
  'name.label': 'Họ và tên',
  'name.placeholder': 'Ví dụ: Nguyễn Văn An',
  'name.save': 'Lưu',
  'name.cancel': 'Huỷ',
  'name.required': 'Hãy nhập tên của bạn.',
} as const satisfies Record<string, string>;

export type MessageKey = keyof typeof vi;

const en: Record<MessageKey, string> = {
  'app.name': 'Quorum',
  'nav.home': 'Home',
  'lang.label': 'Language',
  'lang.vi': 'Tiếng Việt',
  'lang.en': 'English',

  'home.heading': 'Draft together, right in the meeting',
  'home.intro':
    'Several people write one document at the same time: minutes, resolutions, plans. Keep writing when the network drops; your changes merge when it comes back.',
  'home.create': 'New document',
  'home.openHeading': 'Open an existing document',
  'home.openLabel': 'Document id or link',
  'home.openPlaceholder': 'e.g. k3Xq9_mB2a',
  'home.open': 'Open',
  'home.invalidId': 'A document id has only unaccented letters, digits and _ - . : (at most 128 characters).',

  'notFound.title': 'Page not found',
  'notFound.body': 'This address does not lead to any Quorum page.',
  'doc.backHome': 'Back to home',
  'doc.invalidIdTitle': 'Invalid document id',
  'doc.invalidIdBody':
    'This link does not point to a document. A document id has only unaccented letters, digits and _ - . :',
  'doc.loading': 'Opening the document…',
  'editor.label': 'Document text',

  'status.connected': 'Connected',
  'status.connecting': 'Connecting…',
  'status.offline': 'Offline',
  'status.offlineHint': 'You can keep writing; your changes will sync when the network is back.',
  'status.savedLocally': 'Saved on this device',

  'close.messageTooLarge': 'The change was too large for the server. Paste the content in smaller pieces.',
  'close.serverRestarting': 'The server is restarting; reconnecting…',
  'close.protocolError': 'The server could not read data from this browser; reconnecting…',
  'close.invalidDocumentId': 'The server refused this document id.',
  'close.deadPeer': 'The connection stopped responding; reconnecting…',
  'close.slowReader': 'The connection was too slow and was dropped; reconnecting…',
  'close.storageError': 'The server could not save the document. Your changes are kept on this device.',
  'close.unknown': 'The connection closed (code {code}); reconnecting…',
  'close.dismiss': 'Dismiss',

  'toolbar.label': 'Formatting',
  'toolbar.blockType': 'Block type',
  'toolbar.paragraph': 'Paragraph',
  'toolbar.heading1': 'Heading 1',
  'toolbar.heading2': 'Heading 2',
  'toolbar.heading3': 'Heading 3',
  'toolbar.bold': 'Bold',
  'toolbar.italic': 'Italic',
  'toolbar.bulletList': 'Bulleted list',
  'toolbar.orderedList': 'Numbered list',
  'toolbar.undo': 'Undo',
  'toolbar.redo': 'Redo',
  'toolbar.alignLeft': 'Align left',
  'toolbar.alignCenter': 'Centre',
  'toolbar.alignRight': 'Align right',
  'toolbar.alignJustify': 'Justify',

  'presence.heading': 'In this document ({count})',
  'presence.you': '(you)',
  'presence.changeName': 'Change name',

  'name.title': 'What is your name?',
  'name.hint': 'Your name appears next to your caret so your co-authors know who is writing.',
  'name.label': 'Full name',
  'name.placeholder': 'e.g. Nguyễn Văn An',
  'name.save': 'Save',
  'name.cancel': 'Cancel',
  'name.required': 'Please enter your name.',
};

export const LANGS = ['vi', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'vi';

export const messages: Record<Lang, Record<MessageKey, string>> = { vi, en };

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

export function t(lang: Lang, key: MessageKey, params?: Record<string, string | number>): string {
  const template = messages[lang][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}
