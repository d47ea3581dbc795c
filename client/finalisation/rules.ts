/**
 * Who may take which step of finalisation, as the document bar offers it. The server decides (and refuses with
 * `not_finalisable`, `finalisation_pending` …); these rules only keep the bar from offering a step that would be
 * refused, and say why a step is not possible yet.
 */
import type { DocumentView, MeetingPermissions } from '../../shared/api.ts';
import type { MessageKey } from '../../shared/i18n.ts';
import { FINALISABLE_KINDS, finalisationBlock, type FinalisationBlock } from '../../shared/finalisation.ts';
import type { DocumentKind, MeetingStatus } from '../../shared/meeting.ts';

export function isFinalisable(kind: DocumentKind): boolean {
  return FINALISABLE_KINDS.includes(kind);
}

export type FinalisationStatus = 'none' | 'requested' | 'final';

export function finalisationStatus(doc: Pick<DocumentView, 'finalisation'>): FinalisationStatus {
  return doc.finalisation?.status ?? 'none';
}

/** The request button: offered, or shown disabled with the reason. */
export type RequestOffer = { allowed: true } | { allowed: false; reason: MessageKey };

const REASONS: Partial<Record<FinalisationBlock, MessageKey>> = {
  vote_open: 'finalise.notYet.vote',
  meeting_open: 'finalise.notYet.minutes',
  meeting_closed: 'finalise.notYet.meetingClosed',
};

/** Whether the document may be put forward now (the server's own rule), and if not, why in words. */
export function requestOffer(doc: Pick<DocumentView, 'kind' | 'lock' | 'finalisation'>, meetingStatus: MeetingStatus): RequestOffer {
  const block = finalisationBlock(doc, meetingStatus);
  return block === null ? { allowed: true } : { allowed: false, reason: REASONS[block] ?? 'finalise.notYet.adoption' };
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
