/**
 * Every action the server writes into the audit record, with the keys of the details it writes for it, in one
 * place: `AuditLog.append` accepts no other action, and the audit page (client/motions/auditWords.ts) has words
 * for each action and each key, which a test checks against this list. Keys are as the commands write them (a
 * motion's columns keep their `document_id`).
 */

const MEETING_FIELDS = [
  'title',
  'kind',
  'startsAt',
  'place',
  'locality',
  'issuingBody',
  'parentBody',
  'symbol',
  'status',
  'quorumRule',
  'agenda',
  'observersComment',
  'delegatesSuggest',
  'currentItem',
] as const;

const MOTION_FIELDS = [
  'title',
  'description',
  'document_id',
  'form',
  'rule',
  'quorum_num',
  'quorum_den',
  'duration_seconds',
] as const;

const LOCK_CHANGE = ['documentId', 'motionId', 'versionId'] as const;

export const AUDIT_ACTIONS = {
  setup: ['userId', 'username'],
  'user.created': ['userId', 'username', 'isAdmin'],
  'user.updated': ['userId', 'fullName', 'passwordChanged', 'tokensEnded', 'isAdmin', 'disabled'],
  'token.created': ['tokenId', 'userId', 'name', 'expiresAt', 'via'],
  'token.revoked': ['tokenId', 'userId'],
  'meeting.created': ['id', ...MEETING_FIELDS, 'creatorRole'],
  'meeting.updated': MEETING_FIELDS,
  'meeting.in_session': MEETING_FIELDS,
  'meeting.closed': MEETING_FIELDS,
  'member.added': ['userId', 'role', 'unit'],
  'member.updated': ['userId', 'role', 'unit'],
  'member.removed': ['userId'],
  'member.imported': ['userId', 'role', 'unit', 'roleFrom', 'nameInFile'],
  'attendance.marked': ['userId', 'status', 'reason', 'present', 'total'],
  'demo.loaded': ['people'],
  'document.created': ['documentId', 'kind', 'title'],
  'document.refused_edits_saved': ['documentId', 'originDocumentId'],
  'motion.created': ['motionId', 'number', ...MOTION_FIELDS, 'revoteOf'],
  'motion.updated': ['motionId', ...MOTION_FIELDS],
  'motion.opened': ['motionId', 'number', 'form', 'rule', 'present', 'members', 'closesAt'],
  'ballot.recorded': ['motionId', 'userId', 'choice'],
  'tally.recorded': ['motionId', 'for', 'against', 'abstain', 'present'],
  'motion.closed': ['motionId', 'number', 'outcome', 'tally', 'members', 'present', 'byTimer'],
  'document.frozen': ['documentId', 'motionId'],
  'version.taken': ['versionId', 'documentId', 'motionId', 'contentHash'],
  'document.adopted': LOCK_CHANGE,
  'document.unfrozen': LOCK_CHANGE,
  'suggestions.accepted': ['documentId', 'suggestionIds', 'authorIds'],
  'suggestions.rejected': ['documentId', 'suggestionIds', 'authorIds'],
  'suggestions.withdrawn': ['documentId', 'suggestionIds', 'authorIds'],
  'amendment.created': ['motionId', 'number', 'documentId', 'title', 'suggestionIds', 'authorIds'],
  'amendment.withdrawn': ['motionId', 'documentId'],
  'amendment.postponed': ['motionId', 'documentId'],
  'amendment.resumed': ['motionId', 'documentId'],
  'amendment.adopted': ['motionId', 'documentId', 'suggestionIds', 'versionId', 'contentHash'],
  'amendment.rejected': ['motionId', 'documentId', 'suggestionIds', 'outcome'],
  'amendment.apply_requested': ['motionId', 'documentId'],
  'version.saved': ['versionId', 'documentId', 'label', 'contentHash'],
  'version.restored': ['documentId', 'versionId', 'contentHash', 'replacedVersionId', 'replacedHash'],
  'finalisation.requested': ['documentId', 'versionId', 'contentHash', 'confirmedPlaceholders'],
  'finalisation.withdrawn': ['documentId'],
  'finalisation.declined': ['documentId'],
  'document.finalised': ['documentId', 'number', 'versionId', 'contentHash'],
  'comment.thread_created': ['threadId', 'commentId', 'documentId'],
  'comment.added': ['threadId', 'commentId', 'documentId'],
  'comment.edited': ['threadId', 'commentId', 'documentId'],
  'comment.deleted': ['threadId', 'commentId', 'documentId', 'authorId'],
  'comment.resolved': ['threadId', 'documentId'],
  'comment.reopened': ['threadId', 'documentId'],
} as const satisfies Record<string, readonly string[]>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

/** The details an action may carry: a key it does not declare is a type error where it is written literally. */
export type AuditPayload<A extends AuditAction> = { readonly [K in (typeof AUDIT_ACTIONS)[A][number]]?: unknown };

export function isAuditAction(action: string): action is AuditAction {
  return Object.hasOwn(AUDIT_ACTIONS, action);
}
