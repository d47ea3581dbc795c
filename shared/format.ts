/**
 * How Vietnamese official documents write dates, times, percentages and numbers (Nghị định 30/2020/NĐ-CP,
 * Phụ lục I). Inputs are wall-clock strings at the meeting's place (`2023-12-19T08:00`), never Date objects:
 * a document prints the time on the hall's clock, whatever the server's or the reader's time zone.
 */
import type { Lang } from './i18n.ts';

export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** Accepts `YYYY-MM-DDTHH:mm` or a bare `YYYY-MM-DD` (midnight). */
export function parseLocalDateTime(value: string): LocalDateTime {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(value);
  if (!m) throw new RangeError(`expected YYYY-MM-DDTHH:mm, got "${value}"`);
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4] ?? '00', m[5] ?? '00'].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59) {
    throw new RangeError(`not a valid date and time: "${value}"`);
  }
  return { year, month, day, hour, minute };
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * "ngày 05 tháng 02 năm 2024", "ngày 09 tháng 3 năm 2024": days below 10 and the months 1 and 2 take a
 * leading zero, the other months do not (so that "tháng 1" cannot be misread or altered into "tháng 11").
 */
export function formatDate(value: string): string {
  const { year, month, day } = parseLocalDateTime(value);
  const monthText = month <= 2 ? pad2(month) : String(month);
  return `ngày ${pad2(day)} tháng ${monthText} năm ${year}`;
}

/** The place-and-date line of the header: "Hà Nội, ngày 19 tháng 12 năm 2023". */
export function formatDateLine(locality: string, value: string): string {
  return `${locality.trim()}, ${formatDate(value)}`;
}

/** "08 giờ 00". */
export function formatTime(value: string): string {
  const { hour, minute } = parseLocalDateTime(value);
  return `${pad2(hour)} giờ ${pad2(minute)}`;
}

/**
 * "19/12/2023": how the interface shows a date, day first with leading zeros, in English too (the product is
 * Vietnamese, and a date reads the same on every screen in the hall, whatever each browser's locale).
 */
export function formatShortDate(value: string): string {
  const { year, month, day } = parseLocalDateTime(value);
  return `${pad2(day)}/${pad2(month)}/${year}`;
}

/** "08:30", on the 24-hour clock whatever the reader's locale. */
export function formatClock(value: string): string {
  const { hour, minute } = parseLocalDateTime(value);
  return `${pad2(hour)}:${pad2(minute)}`;
}

/**
 * `part` of `whole` with one decimal: "95,7%" in Vietnamese, "95.7%" in English. Computed from the two
 * counts rather than from a ratio so that halves round up the same way everywhere; an empty whole has no
 * percentage and prints a dash.
 */
export function formatPercent(part: number, whole: number, lang: Lang): string {
  if (whole <= 0) return '—';
  const tenths = Math.round((part * 1000) / whole);
  const text = `${Math.trunc(tenths / 10)}${lang === 'vi' ? ',' : '.'}${Math.abs(tenths % 10)}`;
  return `${text}%`;
}

/**
 * "Số:      /NQ-TTCNL": the number is left blank because the office's registry assigns it when the document
 * is issued. `typeCode` is the document type's abbreviation (NQ, BB, KH, BC); without one (a letter) the
 * number is followed by the symbol alone.
 */
export function documentNumberLine(symbol: string, typeCode?: string): string {
  return `Số:      /${typeCode ? `${typeCode}-` : ''}${symbol}`;
}
