import type { MeetingInfo } from '../../shared/api.ts';
import type { Meeting } from './repo.ts';

/** The meeting's details as the API and the live state show them (without who made it when). */
export function presentMeetingInfo(m: Meeting): MeetingInfo {
  return {
    id: m.id,
    title: m.title,
    kind: m.kind,
    startsAt: m.startsAt,
    place: m.place,
    locality: m.locality,
    issuingBody: m.issuingBody,
    parentBody: m.parentBody,
    symbol: m.symbol,
    status: m.status,
    quorumRule: { ...m.quorumRule },
    agenda: [...m.agenda],
    observersComment: m.observersComment,
    delegatesSuggest: m.delegatesSuggest,
    currentItem: m.currentItem,
  };
}
