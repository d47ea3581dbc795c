import type Database from 'better-sqlite3';

/**
 * Step 8 on both engines: the lock each document has now, in the order `documentLock` (server/documents/lock.ts)
 * decides it: final, awaiting finalisation, a vote open on it, adopted.
 */
export const LOCK_BACKFILL = `UPDATE doc_head SET lock = CASE
     WHEN EXISTS (SELECT 1 FROM finalisations f WHERE f.document_id = doc_head.doc_id AND f.status = 'final') THEN 'seal'
     WHEN EXISTS (SELECT 1 FROM finalisations f WHERE f.document_id = doc_head.doc_id AND f.status = 'requested') THEN 'hold'
     WHEN EXISTS (SELECT 1 FROM motions m WHERE m.document_id = doc_head.doc_id AND m.status = 'open') THEN 'hold'
     WHEN EXISTS (SELECT 1 FROM motions m WHERE m.document_id = doc_head.doc_id AND m.outcome = 'adopted') THEN 'seal'
   END;`;

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

  // 3: motions, ballots, the versions votes were taken on
  `CREATE TABLE motions (
     id               TEXT PRIMARY KEY,
     meeting_id       TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
     number           INTEGER NOT NULL,
     title            TEXT NOT NULL,
     description      TEXT NOT NULL,
     document_id      TEXT REFERENCES documents (id),
     form             TEXT NOT NULL,
     rule             TEXT NOT NULL,
     quorum_num       INTEGER NOT NULL,
     quorum_den       INTEGER NOT NULL,
     duration_seconds INTEGER,
     status           TEXT NOT NULL DEFAULT 'draft',
     outcome          TEXT,
     revote_of        TEXT REFERENCES motions (id),
     version_id       TEXT,
     opened_at        TEXT,
     closes_at        TEXT,
     closed_at        TEXT,
     members_count    INTEGER,
     present_count    INTEGER,
     -- The running count: kept for every form (a secret ballot's choice exists nowhere else); for a show of
     -- hands, the secretary's numbers, NULL until recorded.
     tally_for        INTEGER,
     tally_against    INTEGER,
     tally_abstain    INTEGER,
     created_by       TEXT REFERENCES users (id),
     created_at       TEXT NOT NULL,
     UNIQUE (meeting_id, number)
   );
   CREATE INDEX motions_by_document ON motions (document_id);
   CREATE UNIQUE INDEX one_revote ON motions (revote_of) WHERE revote_of IS NOT NULL;
   -- One row per person per motion, enforced by the key: a burst of ballots records exactly one. WITHOUT ROWID,
   -- so rows keep no insertion order; a secret ballot's row has no choice and no time.
   CREATE TABLE ballots (
     motion_id TEXT NOT NULL REFERENCES motions (id) ON DELETE CASCADE,
     user_id   TEXT NOT NULL REFERENCES users (id),
     choice    TEXT,
     cast_at   TEXT,
     PRIMARY KEY (motion_id, user_id)
   ) WITHOUT ROWID;
   CREATE TABLE document_versions (
     id           TEXT PRIMARY KEY,
     document_id  TEXT NOT NULL REFERENCES documents (id),
     motion_id    TEXT REFERENCES motions (id),
     state        BLOB NOT NULL,
     content_hash TEXT NOT NULL,
     created_by   TEXT REFERENCES users (id),
     created_at   TEXT NOT NULL
   );
   CREATE INDEX versions_by_document ON document_versions (document_id, created_at);`,

  // 4: named versions, finalisation and its numbers, drafts made from refused offline edits
  `ALTER TABLE document_versions ADD COLUMN kind TEXT NOT NULL DEFAULT 'vote';
   ALTER TABLE document_versions ADD COLUMN label TEXT NOT NULL DEFAULT '';
   ALTER TABLE documents ADD COLUMN origin_document_id TEXT REFERENCES documents (id);
   ALTER TABLE documents ADD COLUMN origin_user_id TEXT REFERENCES users (id);
   -- One row per document asked to be finalised; the number columns are filled, in the same transaction as
   -- status 'final', from number_series. UNIQUE (series, seq) is the last guard against a number given twice.
   CREATE TABLE finalisations (
     document_id  TEXT PRIMARY KEY REFERENCES documents (id),
     status       TEXT NOT NULL,
     requested_by TEXT NOT NULL REFERENCES users (id),
     requested_at TEXT NOT NULL,
     confirmed_by TEXT REFERENCES users (id),
     confirmed_at TEXT,
     series       TEXT,
     seq          INTEGER,
     number       TEXT,
     version_id   TEXT NOT NULL REFERENCES document_versions (id),
     content_hash TEXT,
     UNIQUE (series, seq)
   );
   -- The last number given in each series: issuing body's symbol, document type, year.
   CREATE TABLE number_series (
     series TEXT PRIMARY KEY,
     last   INTEGER NOT NULL
   ) WITHOUT ROWID;`,

  // 5: the trust boundary: keyed audit entries, expiring tokens, the electorate fixed when a vote opens
  `-- HMAC of each entry's hash under a key kept outside the database (DATA_DIR/audit.key or AUDIT_KEY).
   ALTER TABLE audit ADD COLUMN mac TEXT;
   -- NULL: the token does not expire. Milliseconds since the epoch otherwise.
   ALTER TABLE api_tokens ADD COLUMN expires_at INTEGER;
   -- Every voting member at the moment a vote opens, and whether they were present then: the base the vote is
   -- decided on, which attendance marked later cannot move (anyone who votes without being on it is added).
   CREATE TABLE motion_electorate (
     motion_id TEXT NOT NULL REFERENCES motions (id) ON DELETE CASCADE,
     user_id   TEXT NOT NULL REFERENCES users (id),
     present   INTEGER NOT NULL,
     PRIMARY KEY (motion_id, user_id)
   ) WITHOUT ROWID;`,

  // 6: compaction by reference. The stored state gets a version, replaced only by a copy that started from it
  // (otherwise merged); rows are deleted by their sequence numbers, so state_seq is kept but no longer read.
  `ALTER TABLE doc_state ADD COLUMN version INTEGER NOT NULL DEFAULT 1;`,

  // 7: which version a restore put back, beside the version it took of the text it replaced (the restore notice)
  // The live list asks for each document's latest restore at every publish: read from this index alone, not by
  // walking every version of the document.
  `ALTER TABLE document_versions ADD COLUMN restored_version_id TEXT REFERENCES document_versions (id);
   CREATE INDEX versions_restores ON document_versions (document_id, created_at) WHERE kind = 'restore';`,

  // 8: several processes on one document (docs/architecture.md, "Several processes"). Each document has a head row:
  // the last of its own sequence numbers (doc_seq, gap-free, taken under the head row's lock, so they commit in
  // order) and its lock ('hold' for a vote or a finalisation request, 'seal' once adopted or final), which an append
  // checks in its transaction. The state records the highest doc_seq it folded. Rows already there are numbered in
  // the order they were appended, and documents locked now get their lock.
  `CREATE TABLE doc_head (
     doc_id TEXT PRIMARY KEY,
     seq    INTEGER NOT NULL,
     lock   TEXT
   ) WITHOUT ROWID;
   ALTER TABLE doc_update ADD COLUMN doc_seq INTEGER;
   UPDATE doc_update SET doc_seq = n.doc_seq
     FROM (SELECT seq, ROW_NUMBER() OVER (PARTITION BY doc_id ORDER BY seq) AS doc_seq FROM doc_update) AS n
     WHERE n.seq = doc_update.seq;
   DROP INDEX doc_update_by_doc;
   CREATE UNIQUE INDEX doc_update_by_doc_seq ON doc_update (doc_id, doc_seq);
   ALTER TABLE doc_state ADD COLUMN through_seq INTEGER NOT NULL DEFAULT 0;
   INSERT INTO doc_head (doc_id, seq) SELECT doc_id, MAX(doc_seq) FROM doc_update GROUP BY doc_id;
   INSERT INTO doc_head (doc_id, seq) SELECT doc_id, 0 FROM doc_state WHERE true ON CONFLICT (doc_id) DO NOTHING;
   ${LOCK_BACKFILL}`,

  // 9: whether the meeting's delegates edit the text directly (0, the default) or only suggest changes (1), which the
  // sync socket enforces on their connections (docs/architecture.md, "Suggestions")
  `ALTER TABLE meetings ADD COLUMN delegates_suggest INTEGER NOT NULL DEFAULT 0;`,

  // 10: threaded comments on ranges of a document's text (issue 16), and the meeting's setting letting observers
  // comment. A thread's range is two encoded Yjs relative positions (base64), resolved by clients against the
  // live text. Threads are never deleted: a comment deleted by its author is emptied, and a thread whose every
  // comment is deleted is 'deleted'. `revision` grows with every change to the thread; their sum per document
  // is what the meeting's live state publishes for clients to fetch again.
  `ALTER TABLE meetings ADD COLUMN observers_comment INTEGER NOT NULL DEFAULT 0;
   CREATE TABLE comment_threads (
     id           TEXT PRIMARY KEY,
     document_id  TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
     anchor_start TEXT NOT NULL,
     anchor_end   TEXT NOT NULL,
     quote        TEXT NOT NULL,
     status       TEXT NOT NULL DEFAULT 'open',
     resolved_by  TEXT REFERENCES users (id),
     resolved_at  TEXT,
     revision     INTEGER NOT NULL DEFAULT 1,
     created_by   TEXT NOT NULL REFERENCES users (id),
     created_at   TEXT NOT NULL
   );
   CREATE INDEX comment_threads_by_document ON comment_threads (document_id, created_at);
   CREATE TABLE comments (
     id         TEXT PRIMARY KEY,
     thread_id  TEXT NOT NULL REFERENCES comment_threads (id) ON DELETE CASCADE,
     body       TEXT NOT NULL,
     created_by TEXT NOT NULL REFERENCES users (id),
     created_at TEXT NOT NULL,
     edited_at  TEXT,
     deleted_at TEXT
   );
   CREATE INDEX comments_by_thread ON comments (thread_id, created_at);`,
  // 11: amendments (docs/architecture.md, "Amendments"). A motion with a row here is an amendment to its document:
  // the suggestions it stands for, their old and new text as taken when it was made (record, JSON), whether the chair
  // set it aside ('withdrawn' or 'postponed'), and when its outcome was applied to the text (settled_at; until then
  // its suggestions stay frozen). A suggestion belongs to at most one pending amendment (checked by the command).
  `CREATE TABLE amendments (
     motion_id    TEXT PRIMARY KEY REFERENCES motions (id) ON DELETE CASCADE,
     document_id  TEXT NOT NULL REFERENCES documents (id),
     record       TEXT NOT NULL,
     set_aside    TEXT,
     set_aside_at TEXT,
     settled_at   TEXT,
     result_version_id TEXT REFERENCES document_versions (id)
   ) WITHOUT ROWID;
   CREATE INDEX amendments_by_document ON amendments (document_id);
   CREATE TABLE amendment_suggestions (
     motion_id     TEXT NOT NULL REFERENCES amendments (motion_id) ON DELETE CASCADE,
     suggestion_id TEXT NOT NULL,
     PRIMARY KEY (motion_id, suggestion_id)
   ) WITHOUT ROWID;
   CREATE INDEX amendment_suggestions_by_suggestion ON amendment_suggestions (suggestion_id);`,

  // 12: the agenda item under discussion now (its index in the agenda), set by the chair or the secretary; the hall's
  // screen and the meeting page show it. Null: none.
  `ALTER TABLE meetings ADD COLUMN current_item INTEGER;`,
];

/** Brings the database up to the latest step (or to `upTo`, for tests of a step's upgrade of existing data). */
export function migrate(db: Database.Database, upTo = STEPS.length): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let version = current; version < upTo; version++) {
    db.transaction(() => {
      db.exec(STEPS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
