/**
 * The meeting domain shared by server and client: the vocabularies (roles, kinds, statuses) and the quorum
 * rule. Pure functions only; the server is the one that decides, the client only displays.
 */

export const ROLES = ['chair', 'secretary', 'delegate', 'observer'] as const;
export type Role = (typeof ROLES)[number];

export const MEETING_KINDS = ['annual_review', 'employee_conference', 'regular', 'other'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

/** scheduled → in_session → closed; never backwards. */
export const MEETING_STATUSES = ['scheduled', 'in_session', 'closed'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export const NEXT_STATUS: Readonly<Record<MeetingStatus, MeetingStatus | null>> = {
  scheduled: 'in_session',
  in_session: 'closed',
  closed: null,
};

/** `unknown` until someone checks in or is marked. */
export const ATTENDANCE = ['unknown', 'present', 'absent', 'excused'] as const;
export type Attendance = (typeof ATTENDANCE)[number];

/** Minutes (Biên bản), resolution (Nghị quyết), plan (Kế hoạch), report (Báo cáo), blank. */
export const DOCUMENT_KINDS = ['BB', 'NQ', 'KH', 'BC', 'blank'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** Quorum: at least `numerator / denominator` of the voting members present. */
export interface QuorumRule {
  numerator: number;
  denominator: number;
}

/** Law 10/2022/QH15 Art. 51(2)(c): at least two thirds of the members. */
export const DEFAULT_QUORUM_RULE: QuorumRule = { numerator: 2, denominator: 3 };

/** Observers (khách mời) attend but are not members for quorum or votes. */
export function countsTowardQuorum(role: Role): boolean {
  return role !== 'observer';
}

export interface QuorumState {
  /** Voting members marked present. */
  present: number;
  /** All voting members on the roster (excused and absent ones included). */
  total: number;
  /** The smallest number present that meets the rule. */
  required: number;
  met: boolean;
  rule: QuorumRule;
}

/** Integer arithmetic throughout: 2/3 of 30 is exactly 20, with no rounding of 0.666… to worry about. */
export function computeQuorum(
  members: readonly { role: Role; attendance: Attendance }[],
  rule: QuorumRule = DEFAULT_QUORUM_RULE,
): QuorumState {
  const voting = members.filter((m) => countsTowardQuorum(m.role));
  const total = voting.length;
  const present = voting.filter((m) => m.attendance === 'present').length;
  const required = Math.floor((total * rule.numerator + rule.denominator - 1) / rule.denominator);
  return { present, total, required, met: total > 0 && present * rule.denominator >= total * rule.numerator, rule };
}

/** The projection document of a meeting's public state, written only by the server. */
export function meetingDocumentId(meetingId: string): string {
  return `meeting:${meetingId}`;
}

export function meetingIdOfDocument(docId: string): string | null {
  return docId.startsWith('meeting:') ? docId.slice('meeting:'.length) : null;
}
