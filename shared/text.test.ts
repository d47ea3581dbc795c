import { describe, expect, it } from 'vitest';
import { fullNameText, isRealDateTime, multiLineText } from './text.ts';

describe('human text', () => {
  it('[SEC8] a full name is trimmed and composed; line breaks, tabs and Unicode format characters are refused', () => {
    expect(fullNameText.parse('  Cung Ho\u0302\u0300ng Kie\u0302n ')).toBe('Cung Hồng Kiên');
    for (const bad of ['A\nB', 'A\tB', 'A\u200BB', 'A\u200CB', 'A\u200DB', 'A\u00ADB', '\u202EAB', 'A\u2066B\u2069', 'A\u2028B', 'A\uD800B', 'A\u0007B']) {
      expect(fullNameText.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('[SEC8] several lines keep their breaks (CRLF stored as LF) and nothing else invisible', () => {
    const text = multiLineText(100);
    expect(text.parse('Điều 1.\r\nĐiều 2.\rĐiều 3.')).toBe('Điều 1.\nĐiều 2.\nĐiều 3.');
    expect(text.safeParse('Điều 1.\tĐiều 2.').success).toBe(false);
    expect(text.safeParse('Điều 1.\u202EĐiều 2.').success).toBe(false);
  });

  it('[SEC9] a date and time exists on the calendar and the clock', () => {
    for (const ok of ['2023-12-19T08:00', '2024-02-29T23:59', '2000-02-29T00:00', '1900-01-01T00:00', '2100-12-31T23:59']) {
      expect(isRealDateTime(ok), ok).toBe(true);
    }
    for (const bad of ['0000-13-45T25:61', '2023-00-10T08:00', '2023-02-29T08:00', '1900-02-29T08:00', '2023-06-31T08:00', '2023-12-00T08:00', '2023-12-19T24:00', '2023-12-19T08:60', '2101-01-01T00:00', '2023-12-19T8:00', '2023-12-19']) {
      expect(isRealDateTime(bad), bad).toBe(false);
    }
  });
});
