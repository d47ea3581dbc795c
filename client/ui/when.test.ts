import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatInstant, formatInstantCompact, formatWhen } from './when.ts';

describe('formatWhen', () => {
  it('[VN3] writes the hall-clock time day first and on the 24-hour clock, in both languages', () => {
    expect(formatWhen('2023-12-19T08:00', 'vi')).toBe('08 giờ 00, ngày 19/12/2023');
    expect(formatWhen('2024-02-05T14:30', 'vi')).toBe('14 giờ 30, ngày 05/02/2024');
    expect(formatWhen('2023-12-19T08:00', 'en')).toBe('08:00, 19/12/2023');
    expect(formatWhen('2025-01-05T20:05', 'en')).toBe('20:05, 05/01/2025');
  });

  it('never depends on the reader’s time zone, and shows a value it cannot read as it is', () => {
    expect(formatWhen('2024-01-01T00:00', 'en')).toBe('00:00, 01/01/2024');
    expect(formatWhen('not a date', 'vi')).toBe('not a date');
  });
});

describe('server instants', () => {
  it('[VN3] are shown on the device clock, day first, 24-hour; to the second in tables', () => {
    const iso = new Date(2025, 0, 5, 21, 4, 9).toISOString();
    expect(formatInstant(iso, 'vi')).toBe('21 giờ 04, ngày 05/01/2025');
    expect(formatInstant(iso, 'en')).toBe('21:04, 05/01/2025');
    expect(formatInstantCompact(iso)).toBe('05/01/2025 21:04:09');
    expect(formatInstantCompact('not a time')).toBe('not a time');
  });
});

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

describe('the browser’s locale', () => {
  it('[VN3] formats no date or time anywhere in the client or shared code', () => {
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
    const localeFormatting = /\.toLocale(?:Date|Time)?String\(|Intl\.DateTimeFormat/;
    const files = ['client', 'shared'].flatMap((dir) => sources(path.join(root, dir)));
    expect(files.length).toBeGreaterThan(50);
    const using = files.filter((file) => localeFormatting.test(fs.readFileSync(file, 'utf8')));
    expect(using.map((file) => path.relative(root, file))).toEqual([]);
  });
});
