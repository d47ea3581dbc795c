import { describe, expect, it } from 'vitest';
import { formatWhen } from './when.ts';

describe('formatWhen', () => {
  it('writes the hall-clock time as Vietnamese documents do, and plainly in English', () => {
    expect(formatWhen('2023-12-19T08:00', 'vi')).toBe('08 giờ 00, ngày 19 tháng 12 năm 2023');
    expect(formatWhen('2024-02-05T14:30', 'vi')).toBe('14 giờ 30, ngày 05 tháng 02 năm 2024');
    expect(formatWhen('2023-12-19T08:00', 'en')).toBe('08:00, 19 December 2023');
  });

  it('never depends on the reader’s time zone, and shows a value it cannot read as it is', () => {
    expect(formatWhen('2024-01-01T00:00', 'en')).toBe('00:00, 1 January 2024');
    expect(formatWhen('not a date', 'vi')).toBe('not a date');
  });
});
