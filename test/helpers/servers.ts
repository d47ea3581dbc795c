import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { startServer, type RunningServer } from '../../server/app.ts';
import { testConfig } from '../../server/config.ts';
import { databaseFor } from './database.ts';

/**
 * Real servers on port 0, each on its own temporary data directory, all closed and removed after each test.
 * Call once at the top of a test file.
 */
export function serversForEachTest(): (overrides?: Parameters<typeof testConfig>[0]) => Promise<RunningServer & { dataDir: string }> {
  let running: (RunningServer & { dataDir: string })[] = [];
  afterEach(async () => {
    await Promise.all(running.map((s) => s.close()));
    for (const s of running) fs.rmSync(s.dataDir, { recursive: true, force: true });
    running = [];
  });
  return async (overrides = {}) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-api-'));
    // A test that names its own DATA_DIR gets that directory's database (a server after the command line, say).
    const database = await databaseFor(typeof overrides.DATA_DIR === 'string' ? overrides.DATA_DIR : dataDir);
    const server = Object.assign(await startServer(testConfig({ ...database, ...overrides })), { dataDir });
    running.push(server);
    return server;
  };
}
