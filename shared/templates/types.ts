import type { MeetingInfo } from '../api.ts';

/** What a template reads of the meeting; a full MeetingInfo fits, and so does the demo's meeting before it exists. */
export type TemplateMeeting = Pick<
  MeetingInfo,
  'title' | 'kind' | 'startsAt' | 'place' | 'locality' | 'issuingBody' | 'parentBody' | 'symbol' | 'agenda'
>;

export interface TemplateData {
  meeting: TemplateMeeting;
  /** Full names, in the order they are to be printed; the first one signs. */
  chairs: string[];
  secretaries: string[];
  /** Voting members present and on the roster when the document is made; present 0 leaves a blank. */
  attendance: { present: number; total: number };
  /** When the meeting closed, wall-clock `YYYY-MM-DDTHH:mm`; absent while it has not. */
  endsAt?: string;
}

/** Marks what the drafters must fill in; plain, so that it prints as an obvious gap if forgotten. */
export const BLANK = '…';
