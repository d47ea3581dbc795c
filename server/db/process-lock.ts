import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';

export const LOCK_FILE = 'server.lock';
const OWNER_FILE = 'server.lock.owner';

/** Thrown when another server already holds the data directory. */
export class DataDirInUse extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: string | null,
  ) {
    super(
      `Another Quorum server is already running on DATA_DIR=${dataDir}${owner ? ` (${owner})` : ''}. ` +
        'Two servers on one SQLite data directory would overwrite each other\'s document rows; stop the other one, ' +
        'or give this one its own DATA_DIR. Several processes need PostgreSQL (DATABASE_URL). ' +
        '/ Một máy chủ Quorum khác đang chạy trên thư mục dữ liệu này; hãy dừng máy chủ đó hoặc dùng DATA_DIR khác.',
    );
    this.name = 'DataDirInUse';
  }
}

export interface DataDirLock {
  release(): void;
}

/**
 * One server process per SQLite data directory. The lock is SQLite's own: a small database file opened with
 * `locking_mode = EXCLUSIVE` keeps the exclusive file lock its first write takes until the connection closes, so it
 * is held exactly as long as the process (the operating system drops it when the process dies, even by SIGKILL:
 * no stale lock file to clean up). The operator's command line does not take it: backups and audit checks keep
 * working beside a running server, as SQLite's WAL allows.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const ownerFile = path.join(dataDir, OWNER_FILE);
  const lock = new Database(path.join(dataDir, LOCK_FILE), { timeout: 0 });
  try {
    lock.pragma('journal_mode = DELETE');
    lock.pragma('locking_mode = EXCLUSIVE');
    lock.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER NOT NULL, host TEXT NOT NULL, since TEXT NOT NULL)');
    lock.exec('BEGIN EXCLUSIVE');
    lock.prepare('DELETE FROM holder').run();
    lock.prepare('INSERT INTO holder (pid, host, since) VALUES (?, ?, ?)').run(process.pid, os.hostname(), new Date().toISOString());
    lock.exec('COMMIT');
  } catch (err) {
    lock.close();
    if ((err as { code?: string }).code === 'SQLITE_BUSY') throw new DataDirInUse(dataDir, readOwner(ownerFile));
    throw err;
  }
  // Said for the message a second server prints: the lock file itself cannot be read while it is held.
  const owner = `pid ${process.pid} on ${os.hostname()} since ${new Date().toISOString()}`;
  try {
    fs.writeFileSync(ownerFile, owner);
  } catch {
    // Only the message would lose its detail.
  }
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      lock.close();
    },
  };
}

function readOwner(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8').trim() || null;
  } catch {
    return null;
  }
}
