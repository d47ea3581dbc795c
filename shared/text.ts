/**
 * Rules for the human text people type and others read: names, titles, labels, units. Accents are composed (NFC),
 * so that "Kiên" typed with a decomposed keyboard is the same name as "Kiên" typed otherwise. Characters that
 * show nothing or move text around are refused rather than stripped, so that nobody is left wondering what was
 * stored: control characters (Unicode Cc: line breaks, tabs, NUL), format characters (Cf: zero-width spaces and
 * joiners, bidirectional overrides and isolates that make "Kiên" read as another name), lone surrogates, and the
 * line and paragraph separators. A multi-line field keeps its line breaks and nothing else of these.
 */
import { z } from 'zod';

const INVISIBLE_OR_LINE_BREAK = /[\p{Cc}\p{Cf}\p{Cs}\u2028\u2029]/u;
const INVISIBLE = /(?![\n])[\p{Cc}\p{Cf}\p{Cs}\u2028\u2029]/u;

/** The message a zod issue carries for each rule; the server turns it into its Vietnamese and English text. */
export const TEXT_ISSUES = {
  oneLine: 'text.one_line',
  multiLine: 'text.invisible',
  dateTime: 'text.date_time',
} as const;

/** What a form or a CSV row says for each issue, in both languages. */
export const TEXT_ISSUE_MESSAGES: Readonly<Record<string, { vi: string; en: string }>> = {
  [TEXT_ISSUES.oneLine]: {
    vi: 'Chỉ được một dòng chữ: không có xuống dòng, tab hay ký tự vô hình (khoảng trắng độ rộng 0, ký tự đảo chiều văn bản).',
    en: 'Must be one line of text: no line breaks, tabs or invisible characters (zero-width spaces, text-direction controls).',
  },
  [TEXT_ISSUES.multiLine]: {
    vi: 'Không được chứa tab hay ký tự vô hình (khoảng trắng độ rộng 0, ký tự đảo chiều văn bản).',
    en: 'Must not contain tabs or invisible characters (zero-width spaces, text-direction controls).',
  },
  [TEXT_ISSUES.dateTime]: {
    vi: 'Ngày giờ không có thật: cần dạng YYYY-MM-DDTHH:mm, năm 1900–2100, tháng 1–12, ngày có trong tháng, giờ 0–23, phút 0–59.',
    en: 'Not a real date and time: expected YYYY-MM-DDTHH:mm, year 1900–2100, month 1–12, a day the month has, hour 0–23, minute 0–59.',
  },
};

/** Whether a value may stand as one line of text shown to others (after NFC). */
export const isOneLine = (value: string): boolean => !INVISIBLE_OR_LINE_BREAK.test(value);
export const hasNoInvisible = (value: string): boolean => !INVISIBLE.test(value);

/** One line of text, trimmed and composed; `min: 0` for an optional field that may be left empty. */
export const oneLineText = (max: number, min = 1) =>
  z.string().trim().normalize('NFC').min(min).max(max).refine(isOneLine, TEXT_ISSUES.oneLine);

/** Several lines (a motion's description): the same, except that line breaks (any convention, stored as \n) stay. */
export const multiLineText = (max: number, min = 0) =>
  z
    .string()
    .transform((v) => v.replace(/\r\n?/g, '\n'))
    .pipe(z.string().trim().normalize('NFC').min(min).max(max).refine(hasNoInvisible, TEXT_ISSUES.multiLine));

/** A person's full name: one line, composed. */
export const fullNameText = oneLineText(120);

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * A wall-clock date and time that exists: month 1–12, a day the month has (29 February only in a leap year),
 * hour 0–23, minute 0–59, and a year a meeting can be held in.
 */
export function isRealDateTime(value: string): boolean {
  const m = DATE_TIME.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || hour > 23 || minute > 59 || day < 1) return false;
  // Day 0 of the next month is the last day of this one; UTC, so no daylight-saving gap applies.
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export const dateTimeText = z.string().refine(isRealDateTime, TEXT_ISSUES.dateTime);
