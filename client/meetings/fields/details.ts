import type { MeetingInfo } from '../../../shared/api.ts';
import type { MeetingKind } from '../../../shared/meeting.ts';

/** The meeting's own facts, as one form edits them (create and settings share it). */
export interface MeetingDetails {
  title: string;
  kind: MeetingKind;
  startsAt: string;
  place: string;
  locality: string;
  issuingBody: string;
  parentBody: string;
  symbol: string;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Tomorrow at 08:00 on this device's clock, in the `YYYY-MM-DDTHH:mm` a datetime-local input takes. */
function tomorrowMorning(): string {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}T08:00`;
}

export function newMeetingDetails(): MeetingDetails {
  return {
    title: '',
    kind: 'employee_conference',
    startsAt: tomorrowMorning(),
    place: '',
    locality: '',
    issuingBody: '',
    parentBody: '',
    symbol: '',
  };
}

export function detailsOf(info: MeetingInfo): MeetingDetails {
  const { title, kind, startsAt, place, locality, issuingBody, parentBody, symbol } = info;
  return { title, kind, startsAt, place, locality, issuingBody, parentBody, symbol };
}

/** The agenda as a textarea holds it: one item a line, blank lines dropped. */
export function agendaFromText(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}
