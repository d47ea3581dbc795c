import { formatClock, formatShortDate, formatTime } from '../../shared/format.ts';
import type { Lang } from '../../shared/i18n.ts';

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * A wall-clock date and time as the interface shows it: "08 giờ 00, ngày 19/12/2023" in Vietnamese, "08:00,
 * 19/12/2023" in English. Day first and the 24-hour clock in both languages, whatever the browser's locale:
 * everyone in the hall reads the same date (the official "ngày 19 tháng 12 năm 2023" is for documents). A value
 * the server should never send is shown as it is.
 */
export function formatWhen(startsAt: string, lang: Lang): string {
  try {
    return lang === 'vi'
      ? `${formatTime(startsAt)}, ngày ${formatShortDate(startsAt)}`
      : `${formatClock(startsAt)}, ${formatShortDate(startsAt)}`;
  } catch {
    return startsAt;
  }
}

/** A server timestamp (an ISO instant) on this device's clock: the device is in the hall, so its clock is the hall's. */
function localParts(iso: string): { wallClock: string; seconds: string } | null {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  const day = `${date.getFullYear()}-${pad2(date.getMonth() + 1)}-${pad2(date.getDate())}`;
  return { wallClock: `${day}T${pad2(date.getHours())}:${pad2(date.getMinutes())}`, seconds: pad2(date.getSeconds()) };
}

/** An instant in running text ("Lúc {when}"), written as `formatWhen` writes a meeting's start. */
export function formatInstant(iso: string, lang: Lang): string {
  const parts = localParts(iso);
  return parts ? formatWhen(parts.wallClock, lang) : iso;
}

/** An instant in a table column, to the second: "19/12/2023 09:05:07" in both languages. */
export function formatInstantCompact(iso: string): string {
  const parts = localParts(iso);
  if (!parts) return iso;
  return `${formatShortDate(parts.wallClock)} ${formatClock(parts.wallClock)}:${parts.seconds}`;
}
