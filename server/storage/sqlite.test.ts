import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
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
  };
});
