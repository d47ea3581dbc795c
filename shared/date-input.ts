/**
 * Dates and times as people in Vietnam type them: the date day first ("19/12/2023", "5/1/2025"), the time on the
 * 24-hour clock ("8:30", "08.30", "8h", "8 giờ 30"). The results are the wall-clock ISO texts the API takes
 * (`YYYY-MM-DD`, `HH:mm`); what cannot be read says why, for the form to tell the person.
 */

/** The years a meeting can be held in, as the server's check of `startsAt` has them (shared/text.ts). */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2100;

export type DateIssue =
  | { kind: 'format' }
  | { kind: 'month'; month: number }
  | { kind: 'day'; day: number; month: number; year: number; days: number }
  | { kind: 'year'; year: number };

export type TimeIssue = { kind: 'format' } | { kind: 'range' };

export type Parsed<Issue> = { ok: true; value: string } | { ok: false; issue: Issue };

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Days in a month of the Gregorian calendar (day 0 of the next month is this month's last, in UTC). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * "19/12/2023", "5/1/2025", "05-01-2025", "5.1.2025" → `2025-01-05`: day, month, then a four-digit year (two
 * digits would leave the century to guess). A pasted ISO date (`2025-01-05`) is read too. Empty text is a
 * format issue: whether a field may be empty is the form's business.
 */
export function parseTypedDate(text: string): Parsed<DateIssue> {
  const typed = text.trim();
  const dayFirst = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$/.exec(typed);
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(typed);
  if (!dayFirst && !iso) return { ok: false, issue: { kind: 'format' } };
  const [day, month, year] = (dayFirst ? dayFirst.slice(1) : iso!.slice(1).reverse()).map(Number) as [number, number, number];
  if (month < 1 || month > 12) return { ok: false, issue: { kind: 'month', month } };
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) return { ok: false, issue: { kind: 'day', day, month, year, days } };
  if (year < FIRST_YEAR || year > LAST_YEAR) return { ok: false, issue: { kind: 'year', year } };
  return { ok: true, value: `${year}-${pad2(month)}-${pad2(day)}` };
}

/**
 * "8:30", "08:30", "08.30", "8h30", "8h", "8g30", "8 giờ 30", "8 giờ", "8" and "0830" → `08:30` / `08:00`. The
 * minutes take two digits ("8:5" could mean 08:05 or 08:50); no AM/PM: the 24-hour clock is the only one used.
 */
export function parseTypedTime(text: string): Parsed<TimeIssue> {
  const typed = text.trim().normalize('NFC').toLowerCase();
  const spoken = /^(\d{1,2})(?:\s*(?::|\.|h|g|giờ)\s*(?:(\d{2})\s*(?:p|ph|phút)?)?)?$/u.exec(typed);
  const compact = /^(\d{2})(\d{2})$/.exec(typed);
  const parts = spoken ?? compact;
  if (!parts) return { ok: false, issue: { kind: 'format' } };
  const hour = Number(parts[1]);
  const minute = Number(parts[2] ?? 0);
  if (hour > 23 || minute > 59) return { ok: false, issue: { kind: 'range' } };
  return { ok: true, value: `${pad2(hour)}:${pad2(minute)}` };
}
