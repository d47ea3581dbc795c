import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database.ts';
import { sqliteKysely } from '../db/kysely.ts';
import { DocumentHeads } from '../documents/heads-repo.ts';
import { storeContract } from './contract.ts';
import { SqliteStore } from './sqlite.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

storeContract('SQLite', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-sqlite-'));
  dirs.push(dir);
  return {
    open: async () => SqliteStore.open(dir),
    reopen: async () => SqliteStore.open(dir),
    setLock: async (docId, lock) => {
      const raw = openDatabase(dir);
      const db = sqliteKysely(raw);
      try {
        await new DocumentHeads(db).setLock(docId, lock);
      } finally {
        await db.destroy();
        if (raw.open) raw.close();
      }
    },
  };
});

describe('SQLite specifics', () => {
  it('[S2] compaction gives the space of the folded updates back to the file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-sqlite-'));
    dirs.push(dir);
    const store = SqliteStore.open(dir);
    const big = new Uint8Array(4096).fill(7);
    for (let i = 0; i < 50; i++) await store.append('d', Array.from({ length: 10 }, () => big));
    const before = store.pages();
    await store.compact('d', { state: new Uint8Array([1]), merged: [[1, 500]], baseVersion: 0 });
    const after = store.pages();
    expect(after.total).toBeLessThan(before.total / 10);
    expect(after.free).toBe(0);
    await store.close();
  });
});
