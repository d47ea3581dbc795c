import { describe, expect, it } from 'vitest';
import { daysInMonth, parseTypedDate, parseTypedTime } from './date-input.ts';
import { formatClock, formatShortDate } from './format.ts';
import { isRealDateTime } from './text.ts';

describe('typed dates, day first', () => {
  it('[VN2] reads dd/mm/yyyy, with or without leading zeros, and gives the ISO date', () => {
    expect(parseTypedDate('19/12/2023')).toEqual({ ok: true, value: '2023-12-19' });
    expect(parseTypedDate('5/1/2025')).toEqual({ ok: true, value: '2025-01-05' });
    expect(parseTypedDate('05/01/2025')).toEqual({ ok: true, value: '2025-01-05' });
    expect(parseTypedDate(' 5-1-2025 ')).toEqual({ ok: true, value: '2025-01-05' });
    expect(parseTypedDate('5.1.2025')).toEqual({ ok: true, value: '2025-01-05' });
    expect(parseTypedDate('29/02/2024')).toEqual({ ok: true, value: '2024-02-29' });
    // A pasted ISO date is unambiguous: year first.
    expect(parseTypedDate('2025-01-05')).toEqual({ ok: true, value: '2025-01-05' });
  });

  it('[VN2] never reads the month first: 05/01 is the fifth of January', () => {
    expect(parseTypedDate('05/01/2025')).toEqual({ ok: true, value: '2025-01-05' });
    expect(parseTypedDate('12/25/2025')).toEqual({ ok: false, issue: { kind: 'month', month: 25 } });
  });

  it('[VN2] says why an impossible date is refused', () => {
    expect(parseTypedDate('31/02/2025')).toEqual({
      ok: false,
      issue: { kind: 'day', day: 31, month: 2, year: 2025, days: 28 },
    });
    expect(parseTypedDate('29/2/2023')).toEqual({ ok: false, issue: { kind: 'day', day: 29, month: 2, year: 2023, days: 28 } });
    expect(parseTypedDate('31/4/2025')).toEqual({ ok: false, issue: { kind: 'day', day: 31, month: 4, year: 2025, days: 30 } });
    expect(parseTypedDate('0/4/2025')).toEqual({ ok: false, issue: { kind: 'day', day: 0, month: 4, year: 2025, days: 30 } });
    expect(parseTypedDate('1/13/2025')).toEqual({ ok: false, issue: { kind: 'month', month: 13 } });
    expect(parseTypedDate('1/1/1899')).toEqual({ ok: false, issue: { kind: 'year', year: 1899 } });
    expect(parseTypedDate('1/1/2101')).toEqual({ ok: false, issue: { kind: 'year', year: 2101 } });
  });

  it('[VN2] refuses what is not a day-first date', () => {
    for (const text of ['', '19/12', '19/12/23', '19 tháng 12 năm 2023', '2023/12/19', 'hôm nay', '19//12/2023', '1/1/20255']) {
      expect(parseTypedDate(text), text).toEqual({ ok: false, issue: { kind: 'format' } });
    }
  });

  it('[VN2] accepts exactly the dates the server accepts', () => {
    for (const year of [1899, 1900, 2000, 2023, 2024, 2100, 2101]) {
      for (let month = 1; month <= 12; month += 1) {
        for (const day of [0, 1, 28, 29, 30, 31, 32]) {
          const parsed = parseTypedDate(`${day}/${month}/${year}`);
          const iso = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T08:00`;
          expect(parsed.ok, iso).toBe(isRealDateTime(iso));
        }
      }
    }
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(1900, 2)).toBe(28);
  });
});

describe('typed times, 24-hour', () => {
  it('[VN2] reads the ways a time is written and gives HH:mm', () => {
    const cases: [string, string][] = [
      ['8:30', '08:30'],
      ['08:30', '08:30'],
      ['8:00', '08:00'],
      ['08.00', '08:00'],
      ['8h', '08:00'],
      ['8h30', '08:30'],
      ['8H30', '08:30'],
      ['8g30', '08:30'],
      ['8 giờ 30', '08:30'],
      ['8 giờ 30 phút', '08:30'],
      ['8 giờ', '08:00'],
      ['8', '08:00'],
      ['0830', '08:30'],
      ['14:05', '14:05'],
      ['0:00', '00:00'],
      ['23:59', '23:59'],
    ];
    for (const [text, value] of cases) expect(parseTypedTime(text), text).toEqual({ ok: true, value });
  });

  it('[VN2] refuses hours and minutes the clock does not have, and anything but the 24-hour clock', () => {
    for (const text of ['24:00', '8:60', '25h']) expect(parseTypedTime(text), text).toEqual({ ok: false, issue: { kind: 'range' } });
    for (const text of ['', '8:5', '8:30 PM', '8:30am', 'tám giờ', '830', '8:300', ':30']) {
      expect(parseTypedTime(text), text).toEqual({ ok: false, issue: { kind: 'format' } });
    }
  });
});

describe('dates and times as the interface shows them', () => {
  it('[VN2] dd/mm/yyyy with leading zeros and a 24-hour hh:mm', () => {
    expect(formatShortDate('2025-01-05')).toBe('05/01/2025');
    expect(formatShortDate('2023-12-19T08:00')).toBe('19/12/2023');
    expect(formatClock('2023-12-19T08:30')).toBe('08:30');
    expect(formatClock('2023-12-19T20:05')).toBe('20:05');
    expect(formatClock('2023-12-19')).toBe('00:00');
  });

  it('[VN2] what is typed comes back as it is then shown', () => {
    const date = parseTypedDate('5/1/2025');
    const time = parseTypedTime('8h');
    if (!date.ok || !time.ok) throw new Error('not read');
    const startsAt = `${date.value}T${time.value}`;
    expect([formatShortDate(startsAt), formatClock(startsAt)]).toEqual(['05/01/2025', '08:00']);
  });
});
