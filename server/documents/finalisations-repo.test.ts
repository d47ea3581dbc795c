import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/database.ts';
import { Finalisations, formatNumber, numberSeries } from './finalisations-repo.ts';

let dir: string | null = null;
let db: Db | null = null;
afterEach(() => {
  db?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  db = null;
  dir = null;
});

function fresh(): Finalisations {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-numbers-'));
  db = openDatabase(dir);
  return new Finalisations(db);
}

describe('document numbers', () => {
  it('[FN4] are written 01/NQ-TTCNL, two digits at least, in a series per body symbol, type and year', async () => {
    expect(formatNumber(1, 'NQ', 'TTCNL')).toBe('01/NQ-TTCNL');
    expect(formatNumber(12, 'BB', 'TTCNL')).toBe('12/BB-TTCNL');
    expect(formatNumber(105, 'KH', 'VUDCN')).toBe('105/KH-VUDCN');
    expect(numberSeries(' ttcnl ', 'NQ', 2023)).toBe('TTCNL/NQ/2023');
    expect(numberSeries('TTCNL', 'NQ', 2023)).not.toBe(numberSeries('TTCNL', 'BB', 2023));
    expect(numberSeries('TTCNL', 'NQ', 2023)).not.toBe(numberSeries('TTCNL', 'NQ', 2024));
  });

  it('[FN4] a number is taken only while it is the next one: two confirmations that peeked the same number cannot both have it', async () => {
    const numbers = fresh();
    const series = 'TTCNL/NQ/2023';
    const first = await numbers.peekNext(series);
    const second = await numbers.peekNext(series);
    expect([first, second]).toEqual([1, 1]);
    expect(await numbers.take(series, first)).toBe(true);
    expect(await numbers.take(series, second)).toBe(false);
    const retry = await numbers.peekNext(series);
    expect(retry).toBe(2);
    expect(await numbers.take(series, retry)).toBe(true);
    // No skipping ahead either: 4 is not the next number while 3 is free.
    expect(await numbers.take(series, 4)).toBe(false);
    expect(await numbers.peekNext(series)).toBe(3);
    expect(await numbers.peekNext('TTCNL/BB/2023')).toBe(1);
  });

  it('[FN4] a number taken in a transaction that fails is given again, not lost', async () => {
    const numbers = fresh();
    const series = 'TTCNL/NQ/2023';
    // The finalisation fails after taking its number: its transaction is rolled back.
    db!.exec('BEGIN');
    expect(await numbers.take(series, 1)).toBe(true);
    db!.exec('ROLLBACK');
    expect(await numbers.peekNext(series)).toBe(1);
  });
});
