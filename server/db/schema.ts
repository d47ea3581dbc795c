import type { ColumnType, Generated } from 'kysely';

/**
 * The tables as the query layer sees them, one description for both engines. The migrations
 * (`migrations.ts` for SQLite, `migrations-postgres.ts` for PostgreSQL) make the same columns with the same meaning:
 * flags are integers 0/1 on both (repositories turn them into booleans), times are ISO 8601 text except the few
 * millisecond counters, and binary columns are BLOB / BYTEA read as bytes.
 * Nothing outside `server/db` and the repositories sees these shapes. The document tables (`doc_head`,
 * `doc_state`, `doc_update`) are written by the document stores (`server/storage/`) in SQL of their own; they are
 * here for the one repository that works on them inside a unit of work, the freeze (`server/documents/heads-repo.ts`).
 */
export interface Schema {
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  meetings: MeetingsTable;
  members: MembersTable;
  documents: DocumentsTable;
  audit: AuditTable;
  motions: MotionsTable;
  ballots: BallotsTable;
  motion_electorate: MotionElectorateTable;
  amendments: AmendmentsTable;
  amendment_suggestions: AmendmentSuggestionsTable;
  document_versions: DocumentVersionsTable;
  finalisations: FinalisationsTable;
  number_series: NumberSeriesTable;
  doc_head: DocHeadTable;
  doc_state: DocStateTable;
  doc_update: DocUpdateTable;
  comment_threads: CommentThreadsTable;
  comments: CommentsTable;
}

type Bytes = ColumnType<Uint8Array, Uint8Array, Uint8Array>;
/** 0 or 1. */
type Flag = number;

export interface UsersTable {
  id: string;
  username: string;
  full_name: string;
  password_hash: string;
  is_admin: Flag;
  is_demo: Flag;
  disabled: Flag;
  created_at: string;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  created_at: string;
  /** Milliseconds since the epoch. */
  expires_at: number;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  /** Milliseconds since the epoch; null when the token does not expire. */
  expires_at: number | null;
}

export interface MeetingsTable {
  id: string;
  title: string;
  kind: string;
  starts_at: string;
  place: string;
  locality: string;
  issuing_body: string;
  parent_body: string;
  symbol: string;
  status: string;
  quorum_num: number;
  quorum_den: number;
  /** JSON array of strings. */
  agenda: string;
  is_demo: ColumnType<Flag, Flag | undefined, Flag>;
  /** 1: delegates only suggest changes to the text (migration step 9). */
  delegates_suggest: ColumnType<Flag, Flag | undefined, Flag>;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  /** Observers (khách mời) may comment on the documents; 0 by default. */
  observers_comment: ColumnType<Flag, Flag | undefined, Flag>;
  /** The agenda item under discussion (its index), or null (migration step 12). */
  current_item: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface MembersTable {
  meeting_id: string;
  user_id: string;
  role: string;
  unit: string;
  attendance: ColumnType<string, string | undefined, string>;
  attendance_reason: ColumnType<string, string | undefined, string>;
  attendance_at: string | null;
}

export interface DocumentsTable {
  id: string;
  meeting_id: string;
  kind: string;
  title: string;
  created_by: string | null;
  created_at: string;
  origin_document_id: string | null;
  origin_user_id: string | null;
}

export interface AuditTable {
  seq: Generated<number>;
  at: string;
  actor_id: string | null;
  meeting_id: string | null;
  action: string;
  /** JSON. */
  payload: string;
  prev_hash: string;
  hash: string;
  mac: string | null;
}

export interface MotionsTable {
  id: string;
  meeting_id: string;
  number: number;
  title: string;
  description: string;
  document_id: string | null;
  form: string;
  rule: string;
  quorum_num: number;
  quorum_den: number;
  duration_seconds: number | null;
  status: ColumnType<string, string | undefined, string>;
  outcome: string | null;
  revote_of: string | null;
  version_id: string | null;
  opened_at: string | null;
  closes_at: string | null;
  closed_at: string | null;
  members_count: number | null;
  present_count: number | null;
  tally_for: number | null;
  tally_against: number | null;
  tally_abstain: number | null;
  created_by: string | null;
  created_at: string;
}

export interface BallotsTable {
  motion_id: string;
  user_id: string;
  /** Null for a secret ballot: the choice is counted in the motion's tally and kept nowhere else. */
  choice: string | null;
  cast_at: string | null;
}

export interface MotionElectorateTable {
  motion_id: string;
  user_id: string;
  present: Flag;
}

export interface AmendmentsTable {
  motion_id: string;
  document_id: string;
  /** JSON: `AmendmentRecord` (shared/amendments.ts). */
  record: string;
  set_aside: string | null;
  set_aside_at: string | null;
  settled_at: string | null;
  result_version_id: string | null;
}

export interface AmendmentSuggestionsTable {
  motion_id: string;
  suggestion_id: string;
}

export interface DocumentVersionsTable {
  id: string;
  document_id: string;
  motion_id: string | null;
  state: Bytes;
  content_hash: string;
  created_by: string | null;
  created_at: string;
  kind: ColumnType<string, string | undefined, string>;
  label: ColumnType<string, string | undefined, string>;
  restored_version_id: string | null;
}

export interface FinalisationsTable {
  document_id: string;
  status: string;
  requested_by: string;
  requested_at: string;
  confirmed_by: string | null;
  confirmed_at: string | null;
  series: string | null;
  seq: number | null;
  number: string | null;
  version_id: string;
  content_hash: string | null;
}

export interface NumberSeriesTable {
  series: string;
  last: number;
}

/** A document's last row number and its lock (see `server/storage/store.ts`). */
export interface DocHeadTable {
  doc_id: string;
  seq: number;
  /** 'hold', 'seal', or null when the document takes edits. */
  lock: string | null;
}

export interface DocStateTable {
  doc_id: string;
  state: Bytes;
  version: number;
  updated_at: number;
  /** The highest row number the state folded. */
  through_seq: number;
}

export interface DocUpdateTable {
  seq: Generated<number>;
  doc_id: string;
  doc_seq: number;
  data: Bytes;
}

/** A thread of comments on a range of a document's text (`server/comments/`). */
export interface CommentThreadsTable {
  id: string;
  document_id: string;
  /** Encoded Yjs relative positions, base64. */
  anchor_start: string;
  anchor_end: string;
  quote: string;
  /** 'open', 'resolved', or 'deleted' once every comment in it is deleted. */
  status: ColumnType<string, string | undefined, string>;
  resolved_by: string | null;
  resolved_at: string | null;
  revision: ColumnType<number, number | undefined, number>;
  created_by: string;
  created_at: string;
}

export interface CommentsTable {
  id: string;
  thread_id: string;
  body: string;
  created_by: string;
  created_at: string;
  edited_at: string | null;
  deleted_at: string | null;
}
