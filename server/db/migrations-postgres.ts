import type pg from 'pg';
import { LOCK_BACKFILL } from './migrations.ts';

/**
 * The same schema steps as `migrations.ts` (SQLite), step for step with the same numbers, in PostgreSQL's words:
 * BYTEA for BLOB, BIGSERIAL for AUTOINCREMENT, BIGINT for millisecond counters. A released step is never edited;
 * a change is a new step in both files (`migrations.test.ts` checks both reach the same tables and columns).
 * The version reached is kept in `schema_version`; processes starting at once take turns (an advisory lock).
 */
const STEPS: string[] = [
  // 1: document storage. IF NOT EXISTS: databases made by the document store before the rest of the schema
  // came to PostgreSQL already have these (with step 6's column).
  `CREATE TABLE IF NOT EXISTS doc_state (
     doc_id     TEXT PRIMARY KEY,
     state      BYTEA NOT NULL,
     version    INTEGER NOT NULL DEFAULT 1,
     updated_at BIGINT NOT NULL
   );
   CREATE TABLE IF NOT EXISTS doc_update (
     seq    BIGSERIAL PRIMARY KEY,
     doc_id TEXT NOT NULL,
     data   BYTEA NOT NULL
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
     expires_at BIGINT NOT NULL
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
     seq        BIGSERIAL PRIMARY KEY,
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
     tally_for        INTEGER,
     tally_against    INTEGER,
     tally_abstain    INTEGER,
     created_by       TEXT REFERENCES users (id),
     created_at       TEXT NOT NULL,
     UNIQUE (meeting_id, number)
   );
   CREATE INDEX motions_by_document ON motions (document_id);
   CREATE UNIQUE INDEX one_revote ON motions (revote_of) WHERE revote_of IS NOT NULL;
   CREATE TABLE ballots (
     motion_id TEXT NOT NULL REFERENCES motions (id) ON DELETE CASCADE,
     user_id   TEXT NOT NULL REFERENCES users (id),
     choice    TEXT,
     cast_at   TEXT,
     PRIMARY KEY (motion_id, user_id)
   );
   CREATE TABLE document_versions (
     id           TEXT PRIMARY KEY,
     document_id  TEXT NOT NULL REFERENCES documents (id),
     motion_id    TEXT REFERENCES motions (id),
     state        BYTEA NOT NULL,
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
   CREATE TABLE number_series (
     series TEXT PRIMARY KEY,
     last   INTEGER NOT NULL
   );`,

  // 5: the trust boundary: keyed audit entries, expiring tokens, the electorate fixed when a vote opens
  `ALTER TABLE audit ADD COLUMN mac TEXT;
   ALTER TABLE api_tokens ADD COLUMN expires_at BIGINT;
   CREATE TABLE motion_electorate (
     motion_id TEXT NOT NULL REFERENCES motions (id) ON DELETE CASCADE,
     user_id   TEXT NOT NULL REFERENCES users (id),
     present   INTEGER NOT NULL,
     PRIMARY KEY (motion_id, user_id)
   );`,

  // 6: compaction by reference (step 1 already makes the column on PostgreSQL)
  `ALTER TABLE doc_state ADD COLUMN IF NOT EXISTS version INTEGER NOT NULL DEFAULT 1;`,

  // 7: which version a restore put back; the live list reads each document's latest restore from the index
  `ALTER TABLE document_versions ADD COLUMN restored_version_id TEXT REFERENCES document_versions (id);
   CREATE INDEX versions_restores ON document_versions (document_id, created_at) WHERE kind = 'restore';`,

  // 8: several processes on one document: the head row (per-document sequence and lock), doc_seq on each row, the
  // highest doc_seq a state folded
  `CREATE TABLE doc_head (
     doc_id TEXT PRIMARY KEY,
     seq    BIGINT NOT NULL,
     lock   TEXT
   );
   ALTER TABLE doc_update ADD COLUMN doc_seq BIGINT;
   UPDATE doc_update SET doc_seq = n.doc_seq
     FROM (SELECT seq, ROW_NUMBER() OVER (PARTITION BY doc_id ORDER BY seq) AS doc_seq FROM doc_update) AS n
     WHERE n.seq = doc_update.seq;
   ALTER TABLE doc_update ALTER COLUMN doc_seq SET NOT NULL;
   DROP INDEX doc_update_by_doc;
   CREATE UNIQUE INDEX doc_update_by_doc_seq ON doc_update (doc_id, doc_seq);
   ALTER TABLE doc_state ADD COLUMN through_seq BIGINT NOT NULL DEFAULT 0;
   INSERT INTO doc_head (doc_id, seq) SELECT doc_id, MAX(doc_seq) FROM doc_update GROUP BY doc_id;
   INSERT INTO doc_head (doc_id, seq) SELECT doc_id, 0 FROM doc_state ON CONFLICT (doc_id) DO NOTHING;
   ${LOCK_BACKFILL}`,

  // 9: delegates edit directly (0) or only suggest changes (1)
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
  // 11: amendments: the motion's suggestions, their text as taken, set aside, settled
  `CREATE TABLE amendments (
     motion_id    TEXT PRIMARY KEY REFERENCES motions (id) ON DELETE CASCADE,
     document_id  TEXT NOT NULL REFERENCES documents (id),
     record       TEXT NOT NULL,
     set_aside    TEXT,
     set_aside_at TEXT,
     settled_at   TEXT,
     result_version_id TEXT REFERENCES document_versions (id)
   );
   CREATE INDEX amendments_by_document ON amendments (document_id);
   CREATE TABLE amendment_suggestions (
     motion_id     TEXT NOT NULL REFERENCES amendments (motion_id) ON DELETE CASCADE,
     suggestion_id TEXT NOT NULL,
     PRIMARY KEY (motion_id, suggestion_id)
   );
   CREATE INDEX amendment_suggestions_by_suggestion ON amendment_suggestions (suggestion_id);`,

  // 12: the agenda item under discussion now (its index in the agenda), set by the chair or the secretary; the hall's
  // screen and the meeting page show it. Null: none.
  `ALTER TABLE meetings ADD COLUMN current_item INTEGER;`,
];

/** How many steps there are: the version both engines reach (`migrations.test.ts`). */
export const POSTGRES_SCHEMA_VERSION = STEPS.length;

/** Brings the database at `pool` up to the latest step (or to `upTo`, for tests of a step's upgrade of existing data). */
export async function migratePostgres(pool: pg.Pool, upTo = STEPS.length): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // Several processes starting at once: one migrates, the others wait and then find nothing to do.
    await client.query("SELECT pg_advisory_xact_lock(hashtextextended('quorum:migrate', 0))");
    await client.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
    const row = (await client.query<{ version: number }>('SELECT version FROM schema_version')).rows[0];
    if (!row) await client.query('INSERT INTO schema_version (version) VALUES (0)');
    for (let version = row?.version ?? 0; version < upTo; version++) {
      await client.query(STEPS[version]!);
      await client.query('UPDATE schema_version SET version = $1', [version + 1]);
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
