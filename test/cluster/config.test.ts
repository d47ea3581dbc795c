import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnServer } from '../helpers/server-process.ts';

let dir: string | null = null;
afterEach(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = null;
});

describe('starting a process of several', () => {
  it('[C13] REDIS_URL without DATABASE_URL is refused at start, saying why', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-redis-only-'));
    const failed = await spawnServer({ PORT: '0', DATA_DIR: dir, DATABASE_URL: '', REDIS_URL: 'redis://127.0.0.1:6379' }).then(
      () => null,
      (err: Error) => err.message,
    );
    expect(failed).toMatch(/exited before starting/);
    expect(failed).toContain('Invalid configuration REDIS_URL: needs DATABASE_URL');
    expect(failed).toContain('SQLite under DATA_DIR serves one process only');
    // Nothing was made on the way: no database file beside the refusal.
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
