/**
 * Who may take which step of finalisation, as the document bar offers it. The server decides (and refuses with
 * `not_finalisable`, `finalisation_pending` …); these rules only keep the bar from offering a step that would be
 * refused, and say why a step is not possible yet.
 */
import type { DocumentView, MeetingPermissions } from '../../shared/api.ts';
import type { MessageKey } from '../../shared/i18n.ts';
import type { DocumentKind, MeetingStatus } from '../../shared/meeting.ts';

/** Official documents get a number; a blank document is a working paper and is never issued. */
export const FINALISABLE_KINDS: readonly DocumentKind[] = ['NQ', 'BB', 'KH', 'BC'];

export function isFinalisable(kind: DocumentKind): boolean {
  return FINALISABLE_KINDS.includes(kind);
}

export type FinalisationStatus = 'none' | 'requested' | 'final';

export function finalisationStatus(doc: Pick<DocumentView, 'finalisation'>): FinalisationStatus {
  return doc.finalisation?.status ?? 'none';
}

/** The request button: offered, or shown disabled with the reason. */
export type RequestOffer = { allowed: true } | { allowed: false; reason: MessageKey };

/**
 * A document may be put forward once it was adopted by a vote; minutes may also be put forward once the meeting
 * is closed (minutes are signed, not voted on, in most meetings).
 */
export function requestOffer(doc: Pick<DocumentView, 'kind' | 'lock'>, meetingStatus: MeetingStatus): RequestOffer {
  const reason = doc.lock?.reason ?? null;
  if (reason === 'adopted') return { allowed: true };
  if (reason === 'vote') return { allowed: false, reason: 'finalise.notYet.vote' };
  if (doc.kind === 'BB') {
    return meetingStatus === 'closed' ? { allowed: true } : { allowed: false, reason: 'finalise.notYet.minutes' };
  }
  return { allowed: false, reason: 'finalise.notYet.adoption' };
}

export interface FinalisationOffer {
  /** Null: the caller may not ask (not a secretary), or there is nothing to ask for. */
  request: RequestOffer | null;
  confirm: boolean;
  decline: boolean;
  withdraw: boolean;
}

const NOTHING: FinalisationOffer = { request: null, confirm: false, decline: false, withdraw: false };

export function finalisationOffer(
  doc: Pick<DocumentView, 'kind' | 'lock' | 'finalisation'>,
  meetingStatus: MeetingStatus,
  permissions: Pick<MeetingPermissions, 'requestFinalisation' | 'confirmFinalisation'>,
): FinalisationOffer {
  if (!isFinalisable(doc.kind)) return NOTHING;
  switch (finalisationStatus(doc)) {
    case 'final':
      return NOTHING;
    case 'requested':
      return {
        request: null,
        confirm: permissions.confirmFinalisation,
        decline: permissions.confirmFinalisation,
        withdraw: permissions.requestFinalisation,
      };
    case 'none':
      return { ...NOTHING, request: permissions.requestFinalisation ? requestOffer(doc, meetingStatus) : null };
  }
}
