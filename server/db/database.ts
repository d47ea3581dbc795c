import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrations.ts';

export type Db = Database.Database;

export const DATABASE_FILE = 'quorum.sqlite';

/**
 * The one SQLite file of an installation: documents' updates and the meeting data live side by side, so a
 * backup is one file and a command's audit entry commits with the change it records.
 * `synchronous = FULL`: a committed write survives a power loss, not only a process crash.
 */
export function openDatabase(dir: string, fileName = DATABASE_FILE): Db {
  fs.mkdirSync(dir, { recursive: true });
  const db = new Database(path.join(dir, fileName));
  // Compaction deletes most of a document's rows; without this the freed pages would stay in the file for good.
  // Takes effect on a new database only (before the first table is created).
  db.pragma('auto_vacuum = INCREMENTAL');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  migrate(db);
  reuseStatements(db);
  return db;
}

/**
 * Repositories write their SQL where it is used (`db.prepare(sql).run(…)`); compiling it again on every call
 * cost an eighth of the server's time in a burst of ballots. Each distinct SQL text is compiled once and the
 * statement kept. (A statement is not re-entrant while `.iterate()` walks it; the one iterating query in the
 * server runs nothing else with the same text meanwhile.)
 */
function reuseStatements(db: Db): void {
  const compile = db.prepare.bind(db);
  const statements = new Map<string, Database.Statement>();
  db.prepare = ((sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = compile(sql);
      statements.set(sql, statement);
    }
    return statement;
  }) as Db['prepare'];
}
