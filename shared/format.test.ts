import { describe, expect, it } from 'vitest';
import {
  documentNumberLine,
  formatDate,
  formatDateLine,
  formatPercent,
  formatTime,
  parseLocalDateTime,
} from './format.ts';

describe('dates in the official layout', () => {
  it('writes the conference date without leading zeros where none are due', () => {
    expect(formatDate('2023-12-19T08:00')).toBe('ngày 19 tháng 12 năm 2023');
  });

  it('pads days below 10 and the months 1 and 2 only', () => {
    expect(formatDate('2024-02-05T08:00')).toBe('ngày 05 tháng 02 năm 2024');
    expect(formatDate('2024-01-31T08:00')).toBe('ngày 31 tháng 01 năm 2024');
    expect(formatDate('2024-03-09T08:00')).toBe('ngày 09 tháng 3 năm 2024');
    expect(formatDate('2024-10-10T08:00')).toBe('ngày 10 tháng 10 năm 2024');
    expect(formatDate('2024-11-01T08:00')).toBe('ngày 01 tháng 11 năm 2024');
  });

  it('[X9] the date line writes days below 10 and months 1 and 2 with a leading zero', () => {
    expect(formatDateLine('Hà Nội', '2024-01-05')).toBe('Hà Nội, ngày 05 tháng 01 năm 2024');
    expect(formatDateLine('Hà Nội', '2024-02-09')).toBe('Hà Nội, ngày 09 tháng 02 năm 2024');
    expect(formatDateLine('Hà Nội', '2023-12-19')).toBe('Hà Nội, ngày 19 tháng 12 năm 2023');
    expect(formatDateLine('Hà Nội', '2024-03-10')).toBe('Hà Nội, ngày 10 tháng 3 năm 2024');
    expect(formatDateLine('Hà Nội', '2024-03-01')).toBe('Hà Nội, ngày 01 tháng 3 năm 2024');
  });

  it('puts the locality in front of the date line', () => {
    expect(formatDateLine('Hà Nội', '2023-12-19T08:00')).toBe('Hà Nội, ngày 19 tháng 12 năm 2023');
    expect(formatDateLine(' TP. Hồ Chí Minh ', '2024-02-05')).toBe('TP. Hồ Chí Minh, ngày 05 tháng 02 năm 2024');
  });

  it('refuses what is not a wall-clock date', () => {
    expect(() => formatDate('19/12/2023')).toThrow(RangeError);
    expect(() => formatDate('2023-02-30T08:00')).toThrow(RangeError);
    expect(() => formatDate('2023-13-01T08:00')).toThrow(RangeError);
    expect(() => formatTime('2023-12-19T24:00')).toThrow(RangeError);
    expect(parseLocalDateTime('2024-02-29T23:59')).toEqual({ year: 2024, month: 2, day: 29, hour: 23, minute: 59 });
  });
});

describe('times', () => {
  it('writes hours and minutes with two digits each', () => {
    expect(formatTime('2023-12-19T08:00')).toBe('08 giờ 00');
    expect(formatTime('2023-12-19T14:05')).toBe('14 giờ 05');
  });
});

describe('percentages', () => {
  it('uses a decimal comma in Vietnamese and a point in English, with one decimal', () => {
    expect(formatPercent(22, 23, 'vi')).toBe('95,7%');
    expect(formatPercent(22, 23, 'en')).toBe('95.7%');
    expect(formatPercent(2, 3, 'vi')).toBe('66,7%');
    expect(formatPercent(1, 2, 'vi')).toBe('50,0%');
    expect(formatPercent(30, 30, 'vi')).toBe('100,0%');
    expect(formatPercent(0, 30, 'en')).toBe('0.0%');
  });

  it('rounds an exact half up', () => {
    expect(formatPercent(1, 16, 'en')).toBe('6.3%');
    expect(formatPercent(1, 8, 'en')).toBe('12.5%');
  });

  it('prints no percentage of nobody', () => {
    expect(formatPercent(0, 0, 'vi')).toBe('—');
  });
});

describe('document number line', () => {
  it('leaves the number blank for the registry and names the type and the unit', () => {
    expect(documentNumberLine('TTCNL', 'NQ')).toBe('Số:      /NQ-TTCNL');
    expect(documentNumberLine('TTCNL', 'BB')).toBe('Số:      /BB-TTCNL');
    expect(documentNumberLine('TTCNL')).toBe('Số:      /TTCNL');
  });
});
