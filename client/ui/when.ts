import { formatDate, formatTime, parseLocalDateTime } from '../../shared/format.ts';
import type { Lang } from '../../shared/i18n.ts';

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * When a meeting starts, on the hall's clock: "08 giờ 00, ngày 19 tháng 12 năm 2023" as Vietnamese documents
 * write it, "08:00, 19 December 2023" in English. A value the server should never send is shown as it is.
 */
export function formatWhen(startsAt: string, lang: Lang): string {
  try {
    if (lang === 'vi') return `${formatTime(startsAt)}, ${formatDate(startsAt)}`;
    const { year, month, day, hour, minute } = parseLocalDateTime(startsAt);
    const date = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
      .format(new Date(Date.UTC(year, month - 1, day)));
    return `${pad2(hour)}:${pad2(minute)}, ${date}`;
  } catch {
    return startsAt;
  }
}
