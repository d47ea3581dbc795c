/**
 * The HTTP API's shapes, shared by the server (which validates requests with these schemas) and the client
 * (which sends and reads them). `docs/api.md` describes each route.
 */
import type { JSONContent } from '@tiptap/core';
import { z } from 'zod';
import type { CommentsByDocument } from './comments.ts';
import { dateTimeText, fullNameText, multiLineText, oneLineText } from './text.ts';
import { MAX_PLACEHOLDERS, type Placeholder } from './editor/placeholders.ts';
import {
  ATTENDANCE,
  DOCUMENT_KINDS,
  MEETING_KINDS,
  MEETING_STATUSES,
  ROLES,
  type Attendance,
  type DocumentKind,
  type MeetingKind,
  type MeetingStatus,
  type QuorumRule,
  type QuorumState,
  type Role,
} from './meeting.ts';
import {
  ADOPTION_RULES,
  CHOICES,
  MOTION_FORMS,
  type AdoptionRule,
  type Choice,
  type Decision,
  type MotionForm,
  type MotionStatus,
  type Outcome,
  type Tally,
} from './motions.ts';
import { MAX_AMENDMENT_SUGGESTIONS, type AmendmentClause, type AmendmentSuggestion, type SetAside } from './amendments.ts';

// ---------------------------------------------------------------- requests

/** One line of human text shown to others (shared/text.ts: composed, no line breaks or invisible characters). */
const trimmed = (max: number) => oneLineText(max);

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,39}$/, 'username: 2–40 of a–z 0–9 . _ -, starting with a letter or digit');
export const passwordSchema = z.string().min(8).max(200);
export const fullNameSchema = fullNameText;

export const signInRequest = z.object({ username: usernameSchema, password: z.string().min(1).max(200) });

export const setupRequest = z.object({
  username: usernameSchema,
  fullName: fullNameSchema,
  password: passwordSchema,
  loadDemo: z.boolean().default(false),
});

export const createUserRequest = z.object({
  username: usernameSchema,
  fullName: fullNameSchema,
  /** Omitted: the server generates one and returns it once. */
  password: passwordSchema.optional(),
  isAdmin: z.boolean().default(false),
});

export const updateUserRequest = z
  .object({
    fullName: fullNameSchema.optional(),
    password: passwordSchema.optional(),
    /** Required when people change their own password: a borrowed unlocked laptop is not enough. */
    currentPassword: z.string().max(200).optional(),
    /**
     * With a new password of one's own: keep one's API tokens working (they end otherwise, as they always do when
     * an administrator resets the password).
     */
    keepTokens: z.boolean().optional(),
    isAdmin: z.boolean().optional(),
    disabled: z.boolean().optional(),
  })
  .strict();

export const createTokenRequest = z.object({
  name: trimmed(80),
  /** Administrators may create a token for another account. */
  userId: z.string().optional(),
  /** Days until the token stops working; omitted, it works until revoked (or the password is reset). */
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});

/** Wall-clock time at the meeting's place, as the documents print it: `2023-12-19T08:00`. */
export const localDateTimeSchema = dateTimeText;

export const quorumRuleSchema = z
  .object({ numerator: z.number().int().min(1).max(100), denominator: z.number().int().min(1).max(100) })
  .refine((r) => r.numerator <= r.denominator, 'numerator must not exceed denominator');

const meetingFields = {
  title: trimmed(300),
  kind: z.enum(MEETING_KINDS),
  startsAt: localDateTimeSchema,
  place: trimmed(200),
  /** Place name of the date line, "Hà Nội, ngày …". */
  locality: trimmed(80),
  issuingBody: trimmed(200),
  parentBody: oneLineText(200, 0).default(''),
  /** Symbol in document numbers: `01/NQ-TTCNL`. */
  symbol: z
    .string()
    .trim()
    .regex(/^[A-ZĐ0-9-]{1,20}$/u, 'symbol: capital letters, digits and -'),
  quorumRule: quorumRuleSchema.optional(),
  agenda: z.array(multiLineText(300, 1)).max(50).default([]),
};

export const createMeetingRequest = z.object({
  ...meetingFields,
  /** The creator's place on the roster; null keeps them off it (an administrator preparing it for others). */
  creatorRole: z.enum(ROLES).nullable().default('chair'),
});

/**
 * Which suggestions a decision is about: named ones, all of one person's, or all in one article ("Điều N").
 * Exactly one of the three.
 */
export const suggestionDecisionRequest = z.union([
  z.object({ ids: z.array(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/)).min(1).max(500) }).strict(),
  z.object({ authorId: z.string().min(1).max(64) }).strict(),
  z.object({ article: z.number().int().min(1).max(9999) }).strict(),
]);
export type SuggestionDecisionRequest = z.infer<typeof suggestionDecisionRequest>;

export interface SuggestionDecisionView {
  /** The suggestions the decision applied to. */
  ids: string[];
}

export const updateMeetingRequest = z
  .object({
    title: meetingFields.title.optional(),
    kind: meetingFields.kind.optional(),
    startsAt: meetingFields.startsAt.optional(),
    place: meetingFields.place.optional(),
    locality: meetingFields.locality.optional(),
    issuingBody: meetingFields.issuingBody.optional(),
    parentBody: oneLineText(200, 0).optional(),
    symbol: meetingFields.symbol.optional(),
    quorumRule: quorumRuleSchema.optional(),
    agenda: z.array(multiLineText(300, 1)).max(50).optional(),
    observersComment: z.boolean().optional(),
    delegatesSuggest: z.boolean().optional(),
    /** The agenda item under discussion (its index, within the agenda as it stands after this change), or null. */
    currentItem: z.number().int().min(0).max(49).nullable().optional(),
    /** Only the next status in scheduled → in_session → closed. */
    status: z.enum(MEETING_STATUSES).optional(),
  })
  .strict();

export const addMemberRequest = z.union([
  z.object({ userId: z.string().min(1), role: z.enum(ROLES), unit: oneLineText(200, 0).default('') }),
  z.object({
    newUser: z.object({ username: usernameSchema, fullName: fullNameSchema, password: passwordSchema.optional() }),
    role: z.enum(ROLES),
    unit: oneLineText(200, 0).default(''),
  }),
]);

export const updateMemberRequest = z
  .object({ role: z.enum(ROLES).optional(), unit: oneLineText(200, 0).optional() })
  .strict();

/**
 * What an import row would change about someone who already exists, as the preview showed it: the username
 * belongs to an account with another full name (`name`), or the person is on the roster with another role (`role`).
 */
export const importChangeSchema = z
  .object({
    username: usernameSchema,
    name: z.object({ account: z.string().max(200), row: z.string().max(200) }).strict().nullable(),
    role: z.object({ from: z.enum(ROLES), to: z.enum(ROLES) }).strict().nullable(),
  })
  .strict();
export type ImportChange = z.infer<typeof importChangeSchema>;

export const importMembersRequest = z.object({
  /** CSV text: full name, username, role, unit (a header row is recognised and skipped); `,` `;` or tab. */
  csv: z.string().max(1_000_000),
  /** true: validate and return the preview without changing anything. */
  dryRun: z.boolean().default(true),
  /**
   * For each previewed row that needs a decision (`ImportRow.confirm`): that change as previewed, and whether it
   * is accepted (imported) or not (left out). A row needing one that has no matching decision refuses the import.
   */
  decisions: z
    .array(importChangeSchema.extend({ accept: z.boolean() }).strict())
    .max(5000)
    .default([]),
});

export const attendanceRequest = z.object({
  /** Omitted: the caller checks themself in. */
  userId: z.string().min(1).optional(),
  status: z.enum(ATTENDANCE).exclude(['unknown']),
  reason: oneLineText(300, 0).optional(),
});

export const createDocumentRequest = z.object({
  kind: z.enum(DOCUMENT_KINDS),
  /** Defaults to the template's title for the meeting. */
  title: oneLineText(300).optional(),
});

const motionFields = {
  title: trimmed(300),
  description: multiLineText(5000).default(''),
  /** The document this motion adopts ("adopt this document as it stands"); null: a motion on its own. */
  documentId: z.string().min(1).nullable().default(null),
  form: z.enum(MOTION_FORMS).default('named'),
  rule: z.enum(ADOPTION_RULES).default('present_majority'),
  /** Defaults to the meeting's quorum rule. */
  quorumRule: quorumRuleSchema.optional(),
  /** When set, the vote closes by itself this many seconds after it opens. */
  durationSeconds: z.number().int().min(10).max(86_400).nullable().default(null),
};

export const createMotionRequest = z.object({
  ...motionFields,
  /** A re-vote: the closed motion this one repeats. */
  revoteOf: z.string().min(1).optional(),
});

/** Only while the motion is a draft. */
export const updateMotionRequest = z
  .object({
    title: motionFields.title.optional(),
    description: multiLineText(5000).optional(),
    documentId: z.string().min(1).nullable().optional(),
    form: z.enum(MOTION_FORMS).optional(),
    rule: z.enum(ADOPTION_RULES).optional(),
    quorumRule: quorumRuleSchema.optional(),
    durationSeconds: z.number().int().min(10).max(86_400).nullable().optional(),
  })
  .strict();

/**
 * An amendment: suggestions of one document (at least one, at most MAX_AMENDMENT_SUGGESTIONS) put to the vote as
 * one motion. The title defaults to the articles they touch ("Sửa đổi Điều 2, khoản 1").
 */
export const createAmendmentRequest = z
  .object({
    documentId: z.string().min(1).max(64),
    suggestionIds: z.array(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/)).min(1).max(MAX_AMENDMENT_SUGGESTIONS),
    title: trimmed(300).optional(),
    description: multiLineText(5000).default(''),
    form: z.enum(MOTION_FORMS).default('named'),
    rule: z.enum(ADOPTION_RULES).default('present_majority'),
    quorumRule: quorumRuleSchema.optional(),
    durationSeconds: z.number().int().min(10).max(86_400).nullable().default(null),
  })
  .strict();

/** The chair sets a draft amendment aside (withdraws it for good, or postpones it), or brings a postponed one back. */
export const setAsideRequest = z.object({ action: z.enum(['withdraw', 'postpone', 'resume']) }).strict();

export const ballotRequest = z.object({ choice: z.enum(CHOICES) }).strict();

const headCount = z.number().int().min(0).max(100_000);
/** Show of hands: the counts the secretary took in the hall. */
export const tallyRequest = z.object({ for: headCount, against: headCount, abstain: headCount }).strict();

/** "Save version": a label people will recognise in the list ("Sau góp ý tổ 2"). */
export const saveVersionRequest = z.object({ label: oneLineText(120) }).strict();

/**
 * "Đề nghị ban hành": the ids of the placeholders (`shared/editor/placeholders.ts`) the secretary confirms are left
 * blank on purpose. Every placeholder the text has must be among them, or the request is refused with the list.
 */
export const finalisationRequest = z
  .object({ confirmPlaceholders: z.array(z.string().min(1).max(64)).max(MAX_PLACEHOLDERS).default([]) })
  .strict();

/** Which version an export or print view shows; the current text when absent. */
export const exportQuery = z.object({ version: z.string().min(1).max(64).optional() }).strict();

// ---------------------------------------------------------------- responses

export interface ApiError {
  code: string;
  message: string;
  /** For a validation error: the field that failed, as a dotted path. */
  field?: string;
  /** What the refusal is about, for the client to show: `placeholders_remain` lists the placeholders. */
  details?: { placeholders?: Placeholder[] };
}

export interface UserView {
  id: string;
  username: string;
  fullName: string;
  isAdmin: boolean;
  disabled: boolean;
  /** A demo account whose password is shown on the sign-in page. */
  isDemo: boolean;
  createdAt: string;
}

export interface SessionView {
  user: UserView;
  permissions: { manageAccounts: boolean; createMeetings: boolean };
}

export interface SetupStatus {
  /** No account exists yet: the sign-in page offers to create the first administrator. */
  needsSetup: boolean;
}

export interface DemoAccount {
  username: string;
  fullName: string;
  role: Role;
  password: string;
}

export interface DemoLoaded {
  meetingId: string;
  accounts: DemoAccount[];
}

export interface CreatedUser {
  user: UserView;
  /** Present only when the server generated the password; shown once. */
  password?: string;
}

export interface TokenView {
  id: string;
  userId: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  /** When it stops working; null: until revoked. */
  expiresAt: string | null;
}

export interface CreatedToken {
  token: TokenView;
  /** The bearer secret, shown once; only its hash is stored. */
  secret: string;
}

export interface MeetingPermissions {
  read: boolean;
  update: boolean;
  manageRoster: boolean;
  /** Mark anyone's attendance; only while the meeting is in session. */
  markAttendance: boolean;
  /** Check oneself in; only while the meeting is in session. */
  checkIn: boolean;
  createDocuments: boolean;
  editDocuments: boolean;
  /** Create and edit draft motions, and repeat a vote; not once the meeting is closed. */
  manageMotions: boolean;
  /** Open and close votes (chairs); only while the meeting is in session. */
  runVotes: boolean;
  /** Record show-of-hands counts. */
  recordTally: boolean;
  /** A voting role; whether a ballot is accepted also depends on being checked in. */
  vote: boolean;
  /** See the meeting's audit record and check its chain. */
  viewAudit: boolean;
  /** Ask for an adopted document (or closed minutes) to be finalised (secretaries). */
  requestFinalisation: boolean;
  /** Confirm or decline a finalisation request (chairs). */
  confirmFinalisation: boolean;
  /** Grant, change or take away the chair's role (chairs and administrators; nobody changes their own role). */
  manageChairs: boolean;
  /** Comment on the documents' text (members; observers when the meeting allows it). */
  comment: boolean;
  /** Delete anyone's comment (chairs and secretaries keep the discussion in order). */
  moderateComments: boolean;
  /**
   * Offered the projector view (`/m/:id/screen`) from the room: chairs and secretaries, who run the hall's screen.
   * Any member may open the view itself.
   */
  presentScreen: boolean;
  /** The caller's edits to the meeting's documents are suggestions only (a delegate, when the meeting says so). */
  suggestOnly: boolean;
  /** Accept or reject anyone's suggestions (chair and secretary). */
  decideSuggestions: boolean;
}

export interface MeetingInfo {
  id: string;
  title: string;
  kind: MeetingKind;
  startsAt: string;
  place: string;
  locality: string;
  issuingBody: string;
  parentBody: string;
  symbol: string;
  status: MeetingStatus;
  quorumRule: QuorumRule;
  agenda: string[];
  /** "Quan sát viên được bình luận": observers may comment on the documents (off unless the meeting allows it). */
  observersComment: boolean;
  /** Delegates only suggest changes to the text (track changes), which the server enforces; false: they edit it. */
  delegatesSuggest: boolean;
  /**
   * The agenda item under discussion now (its index in `agenda`), as the chair or the secretary set it; null: none.
   * The hall's screen and the meeting page show it.
   */
  currentItem: number | null;
}

export interface MeetingSummary extends MeetingInfo {
  myRole: Role | null;
  memberCount: number;
}

export interface MemberView {
  userId: string;
  fullName: string;
  role: Role;
  unit: string;
  attendance: Attendance;
  attendanceReason: string;
  /** ISO time of the last attendance change, or null. */
  attendanceAt: string | null;
}

/**
 * Why a document cannot be edited, strongest first: finalised (for good), awaiting a chair's confirmation of
 * finalisation, a vote on it is open, or it was adopted. The motion is named for the last two only.
 */
export interface DocumentLock {
  reason: 'final' | 'finalising' | 'vote' | 'adopted';
  motionId: string | null;
  motionTitle: string | null;
}

/** Who did something, as the lists print it. */
export interface PersonRef {
  id: string;
  fullName: string;
}

/**
 * Finalisation (ban hành): the secretary asks, a chair confirms, and the server numbers the document, writes the
 * number into its header and locks it for good. While `requested`, the text is frozen so that the chair confirms
 * exactly what was submitted; a chair may decline and the secretary may withdraw, which unfreezes it.
 */
export interface FinalisationView {
  status: 'requested' | 'final';
  requestedBy: PersonRef;
  requestedAt: string;
  confirmedBy: PersonRef | null;
  confirmedAt: string | null;
  /** The official number, `01/NQ-TTCNL`, once final. */
  number: string | null;
  /** The SHA-256 of the final text (the number included), once final; also in the audit record. */
  contentHash: string | null;
  /** The version submitted (requested), then the final version. */
  versionId: string;
}

/** A document made by the server from someone's edits to a finalised document, refused when their device reconnected. */
export interface DocumentOrigin {
  reason: 'refused_edits';
  /** The finalised document the edits were made to. */
  documentId: string;
  /** Whose edits they are. */
  userId: string;
}

export interface DocumentView {
  id: string;
  meetingId: string;
  kind: DocumentKind;
  title: string;
  createdAt: string;
  createdBy: string | null;
  lock: DocumentLock | null;
  finalisation: FinalisationView | null;
  origin: DocumentOrigin | null;
  /** The document's latest restore, for the notice everyone in it sees (RN1); null when it was never restored. */
  restore: DocumentRestore | null;
}

/** A restore: who put which version back, when, and the version that keeps the text it replaced. */
export interface DocumentRestore {
  versionId: string;
  label: string;
  replacedVersionId: string;
  by: { id: string; fullName: string } | null;
  at: string;
}

export interface MeetingView extends MeetingInfo {
  createdAt: string;
  updatedAt: string;
  myRole: Role | null;
  permissions: MeetingPermissions;
  /** Sorted by Vietnamese given name. */
  members: MemberView[];
  quorum: QuorumState;
  documents: DocumentView[];
  /** In the order they were created (their `number`). */
  motions: MotionView[];
  /** Per document with comments: its open threads and the revision of its comments. */
  comments: CommentsByDocument;
}

export interface DocumentDetail extends DocumentView {
  /** What the caller's sync connection will be: read-only or read-write. */
  access: 'read' | 'write';
}

export interface ImportRow {
  /** 1-based line number in the CSV text. */
  line: number;
  fullName: string;
  username: string;
  role: string;
  unit: string;
  /** The file left the username empty and the server made this one up (unique, from the full name). */
  generatedUsername: boolean;
  /**
   * create: new account; add: existing account joins; update: already a member, unit and/or role change;
   * unchanged: already a member with this role and unit.
   */
  action: 'create' | 'add' | 'update' | 'unchanged' | null;
  /** For an update that changes the unit: the unit on the roster now. */
  unitFrom: string | null;
  /** What this row changes about an existing person that needs a deliberate tick; null when nothing does. */
  confirm: ImportChange | null;
  error: ApiError | null;
}

export interface ImportResult {
  rows: ImportRow[];
  dryRun: boolean;
  /** Why nothing can be imported now (a vote is open in the meeting), or null. */
  blocked: ApiError | null;
  /** Rows applied (0 on a dry run); rows with errors, declined rows and unchanged rows are not counted. */
  applied: number;
  /** Generated passwords of accounts created by this import: only in this answer, never stored in plain text. */
  passwords: { username: string; fullName: string; password: string }[];
}

/** The 409 `import_unconfirmed` answer: nothing changed; the rows as they stand now, and what lacked a decision. */
export interface ImportRefusal extends ApiError {
  rows: ImportRow[];
  unconfirmed: ImportChange[];
}

/**
 * Why a version exists: saved by hand with a label; taken when a vote on the document opened; taken when
 * finalisation was requested; the final text; the text just before a restore replaced it.
 */
export const VERSION_KINDS = ['manual', 'vote', 'finalisation', 'final', 'restore', 'amendment'] as const;
export type VersionKind = (typeof VERSION_KINDS)[number];

/**
 * A named version of a document: its Yjs state (kept by the server) and the SHA-256 of its canonical
 * serialisation, which is the same for the same text whatever the editing history.
 */
export interface VersionView {
  id: string;
  documentId: string;
  kind: VersionKind;
  /** What people typed for a manual version; for the others, made by the server ("Biểu quyết số 2: …"). */
  label: string;
  motionId: string | null;
  contentHash: string;
  createdAt: string;
  createdBy: PersonRef | null;
}

/** A version with its text, as the editor's JSON (ProseMirror `doc`), to show read-only or compare. */
export interface VersionContent extends VersionView {
  content: JSONContent;
}

/** The answer to a restore: the version restored, and the version taken of the text it replaced. */
export interface RestoreView {
  restored: VersionView;
  before: VersionView;
}

/** A motion's public state: what everyone in the meeting sees, live through the projection. */
export interface MotionView {
  id: string;
  meetingId: string;
  /** 1, 2, 3 … within the meeting. */
  number: number;
  title: string;
  description: string;
  documentId: string | null;
  documentTitle: string | null;
  /** The kind of the bound document (NQ, KH …), for wording the result; null when none. */
  documentKind: DocumentKind | null;
  form: MotionForm;
  rule: AdoptionRule;
  quorumRule: QuorumRule;
  durationSeconds: number | null;
  status: MotionStatus;
  outcome: Outcome | null;
  /** The closed motion this one repeats, and the motion that repeated this one. */
  revoteOf: string | null;
  revotedBy: string | null;
  createdAt: string;
  openedAt: string | null;
  /** When an open vote with a duration closes by itself. */
  closesAt: string | null;
  closedAt: string | null;
  version: VersionView | null;
  /** Voting members on the roster (at close, frozen). */
  members: number;
  /** Voting members present, with any who voted and left (at close, frozen). */
  present: number;
  /** Ballots recorded (electronic), or the total of the recorded show of hands. */
  voted: number;
  /**
   * The counts. Null for a secret ballot until it closes (a running count beside the list of who has voted
   * would tell who voted what), and for a show of hands until the secretary records it.
   */
  tally: Tally | null;
  /** Set once closed. */
  decision: Decision | null;
  /** Set when the motion is an amendment to its document's text (it then never locks the document). */
  amendment: AmendmentView | null;
}

/** What an amendment changes, as taken when it was made, and where it stands. */
export interface AmendmentView {
  suggestionIds: string[];
  suggestions: AmendmentSuggestion[];
  /** Each paragraph it touches, as it read and as the amendment would leave it: shown side by side. */
  clauses: AmendmentClause[];
  /** Paragraphs it touches beyond those kept in `clauses`. */
  omittedClauses: number;
  setAside: SetAside | null;
  /** Its suggestions and the text they touch cannot be edited now: its vote is open, or its outcome is being applied. */
  frozen: boolean;
  /** When its outcome was applied to the text. */
  settledAt: string | null;
  /** The version taken once an adopted amendment was applied ("Sau sửa đổi: …"). */
  resultVersionId: string | null;
}

export interface BallotView {
  userId: string;
  fullName: string;
  /** Null for a secret ballot: that the person voted is recorded, not what. */
  choice: Choice | null;
}

export interface MotionDetail extends MotionView {
  /** Who has voted; with their choice for a named vote. */
  ballots: BallotView[];
  /** The caller's own ballot: whether they voted, and (named votes only) what. */
  myBallot: { voted: boolean; choice: Choice | null };
}

/** The answer to a ballot: the motion as it stands and the caller's own ballot (not the list of everyone's). */
export interface CastBallotView extends MotionView {
  myBallot: MotionDetail['myBallot'];
}

/**
 * The voting members present when a vote opened (V11: the base it is decided on), for the chair's list of who has
 * not voted yet before closing it. Empty for a draft.
 */
export interface MotionElectorateView {
  present: string[];
}

export interface AuditEntryView {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  payload: unknown;
}

export interface AuditView {
  entries: AuditEntryView[];
  /** The whole record's hash chain, checked now. */
  verification: { ok: boolean; checked: number; firstBad: { seq: number; at: string; action: string } | null };
}

// ---------------------------------------------------------------- the live projection (`meeting:<id>`)

/**
 * The server-owned Y.Doc of a meeting: Y.Map `meeting` (`info`: MeetingInfo, `quorum`: QuorumState, `facts`:
 * MeetingFactTexts, the meeting's facts as the minutes word them),
 * Y.Map `members` (userId → MemberView), Y.Map `documents` (docId → DocumentView), Y.Map `motions`
 * (motionId → MotionView), Y.Map `ballots` (`ballotKey(motionId, userId)` → the Choice of a named ballot, or
 * `'voted'` for a secret one). Ballots are entries of their own so that each one sends a few bytes, not the list.
 */
export const PROJECTION = {
  /** Y.Map document id → DocumentCommentsState (`shared/comments.ts`). */
  comments: 'comments',
  meeting: 'meeting',
  members: 'members',
  documents: 'documents',
  motions: 'motions',
  ballots: 'ballots',
} as const;

export type ProjectedBallot = Choice | 'voted';

export function ballotKey(motionId: string, userId: string): string {
  return `${motionId}/${userId}`;
}
