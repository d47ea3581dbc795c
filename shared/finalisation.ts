/**
 * Whether a document may be put forward for finalisation now, and if not, why: one rule for the server, which
 * refuses with its error codes, and for the client, which greys the button out with the reason.
 */
import type { DocumentView } from './api.ts';
import type { DocumentKind, MeetingStatus } from './meeting.ts';

/** Official documents get a number; a blank document is a working paper and is never finalised. */
export const FINALISABLE_KINDS: readonly DocumentKind[] = ['NQ', 'BB', 'KH', 'BC'];

export type FinalisationBlock =
  /** Finalised already. */
  | 'final'
  /** Awaiting a chair's confirmation already. */
  | 'requested'
  /** A blank document: no type to number it by. */
  | 'unnumbered'
  /** A vote on it is open. */
  | 'vote_open'
  /** Minutes, not adopted by a vote, while the meeting is not closed yet. */
  | 'meeting_open'
  /** Not adopted by a vote. */
  | 'not_adopted'
  /** Not adopted, and the meeting is closed: no vote can adopt it any more (only minutes are issued after the close). */
  | 'meeting_closed';

/**
 * Null when the document may be put forward: adopted by a vote, or (minutes, which are signed rather than voted on
 * in most meetings) once the meeting is closed.
 */
export function finalisationBlock(
  doc: Pick<DocumentView, 'kind' | 'lock' | 'finalisation'>,
  meetingStatus: MeetingStatus,
): FinalisationBlock | null {
  if (doc.finalisation) return doc.finalisation.status === 'final' ? 'final' : 'requested';
  if (!FINALISABLE_KINDS.includes(doc.kind)) return 'unnumbered';
  const lock = doc.lock?.reason ?? null;
  if (lock === 'adopted') return null;
  if (lock === 'vote') return 'vote_open';
  if (doc.kind === 'BB') return meetingStatus === 'closed' ? null : 'meeting_open';
  return meetingStatus === 'closed' ? 'meeting_closed' : 'not_adopted';
}
