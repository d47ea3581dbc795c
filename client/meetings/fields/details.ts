import type { MeetingInfo } from '../../../shared/api.ts';

const DETAIL_KEYS = ['title', 'kind', 'startsAt', 'place', 'locality', 'issuingBody', 'parentBody', 'symbol'] as const;

/** The meeting's own facts, as one form edits them (create and settings share it). */
export type MeetingDetails = Pick<MeetingInfo, (typeof DETAIL_KEYS)[number]>;

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Tomorrow at 08:00 on this device's clock, as the API's `YYYY-MM-DDTHH:mm`. */
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

/** Only the details: the rest of a meeting (status, roster, …) is not the form's to send back. */
export function detailsOf(info: MeetingInfo): MeetingDetails {
  return Object.fromEntries(DETAIL_KEYS.map((key) => [key, info[key]])) as MeetingDetails;
}

/** The agenda as a textarea holds it: one item a line, blank lines dropped. */
export function agendaFromText(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}
