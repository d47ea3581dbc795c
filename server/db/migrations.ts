import type Database from 'better-sqlite3';

/**
 * Schema versions, applied in order and recorded in `user_version`. A released step is never edited; a change
 * is a new step.
 */
const STEPS: string[] = [
  // 1: document storage (the walking skeleton's tables)
  `CREATE TABLE IF NOT EXISTS doc_state (
     doc_id     TEXT PRIMARY KEY,
     state      BLOB NOT NULL,
     state_seq  INTEGER NOT NULL,
     updated_at INTEGER NOT NULL
   );
   CREATE TABLE IF NOT EXISTS doc_update (
     seq    INTEGER PRIMARY KEY AUTOINCREMENT,
     doc_id TEXT NOT NULL,
     data   BLOB NOT NULL
   );
   CREATE INDEX IF NOT EXISTS doc_update_by_doc ON doc_update (doc_id, seq);`,

  // 2: accounts, meetings, rosters, documents, the audit record
  `CREATE TABLE users (
     id            TEXT PRIMARY KEY,
     username      TEXT NOT NULL UNIQUE,
     full_name     TEXT NOT NULL,
     password_hash TEXT NOT NULL,
     is_admin      INTEGER NOT NULL DEFAULT 0,
     is_demo       INTEGER NOT NULL DEFAULT 0,
     disabled      INTEGER NOT NULL DEFAULT 0,
     created_at    TEXT NOT NULL
   );
   CREATE TABLE sessions (
     token_hash TEXT PRIMARY KEY,
     user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     created_at TEXT NOT NULL,
     expires_at INTEGER NOT NULL
   );
   CREATE INDEX sessions_by_user ON sessions (user_id);
   CREATE TABLE api_tokens (
     id           TEXT PRIMARY KEY,
     user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     name         TEXT NOT NULL,
     token_hash   TEXT NOT NULL UNIQUE,
     created_at   TEXT NOT NULL,
     last_used_at TEXT
   );
   CREATE TABLE meetings (
     id           TEXT PRIMARY KEY,
     title        TEXT NOT NULL,
     kind         TEXT NOT NULL,
     starts_at    TEXT NOT NULL,
     place        TEXT NOT NULL,
     locality     TEXT NOT NULL,
     issuing_body TEXT NOT NULL,
     parent_body  TEXT NOT NULL,
     symbol       TEXT NOT NULL,
     status       TEXT NOT NULL,
     quorum_num   INTEGER NOT NULL,
     quorum_den   INTEGER NOT NULL,
     agenda       TEXT NOT NULL,
     is_demo      INTEGER NOT NULL DEFAULT 0,
     created_by   TEXT REFERENCES users (id),
     created_at   TEXT NOT NULL,
     updated_at   TEXT NOT NULL
   );
   CREATE TABLE members (
     meeting_id        TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
     user_id           TEXT NOT NULL REFERENCES users (id),
     role              TEXT NOT NULL,
     unit              TEXT NOT NULL,
     attendance        TEXT NOT NULL DEFAULT 'unknown',
     attendance_reason TEXT NOT NULL DEFAULT '',
     attendance_at     TEXT,
     PRIMARY KEY (meeting_id, user_id)
   );
   CREATE INDEX members_by_user ON members (user_id);
   CREATE TABLE documents (
     id         TEXT PRIMARY KEY,
     meeting_id TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
     kind       TEXT NOT NULL,
     title      TEXT NOT NULL,
     created_by TEXT REFERENCES users (id),
     created_at TEXT NOT NULL
   );
   CREATE INDEX documents_by_meeting ON documents (meeting_id);
   CREATE TABLE audit (
     seq        INTEGER PRIMARY KEY AUTOINCREMENT,
     at         TEXT NOT NULL,
     actor_id   TEXT,
     meeting_id TEXT,
     action     TEXT NOT NULL,
     payload    TEXT NOT NULL,
     prev_hash  TEXT NOT NULL,
     hash       TEXT NOT NULL
   );
   CREATE INDEX audit_by_meeting ON audit (meeting_id, seq);`,
];

export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let version = current; version < STEPS.length; version++) {
    db.transaction(() => {
      db.exec(STEPS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
