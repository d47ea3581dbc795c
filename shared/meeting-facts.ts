/**
 * What the minutes write that the meeting already knows: when it started and ended, who attended, who chaired and
 * who kept the minutes. Each fact is worded as the minutes print it, in Vietnamese, whatever the reader's language
 * (it is the document's text, not the interface's). The server computes these once per change of the meeting and
 * puts them in the meeting's live state; the editor shows them, and the server writes them into the minutes' blocks
 * (`shared/editor/meeting-fact.ts`). An empty string is a fact not known yet: a blank the drafters must see.
 */
import { formatDate, formatTime } from './format.ts';

export const MEETING_FACTS = ['startsAt', 'attendance', 'chairs', 'secretaries', 'endsAt'] as const;
export type MeetingFact = (typeof MEETING_FACTS)[number];
export type MeetingFactTexts = Readonly<Record<MeetingFact, string>>;

/** A fact's text is a sentence fragment; longer than this is not one the server wrote. */
export const MAX_FACT_TEXT = 1000;

/**
 * The hall's clock. A meeting has no time zone of its own: its start is typed as wall-clock time, and Vietnam keeps
 * one zone (UTC+7, Asia/Ho_Chi_Minh, no daylight saving since 1975), so an instant the server records (the closing)
 * is written on that clock. A fixed offset, not the runtime's time-zone data: the same on every machine.
 */
export const HALL_UTC_OFFSET_MINUTES = 7 * 60;

export interface MeetingFactInput {
  /** Wall-clock `YYYY-MM-DDTHH:mm`. */
  startsAt: string;
  /** Wall-clock `YYYY-MM-DDTHH:mm` once the meeting is closed, else null. */
  endsAt: string | null;
  /** Full names in roster order. */
  chairs: readonly string[];
  secretaries: readonly string[];
  /** Voting members present and on the roster. */
  attendance: { present: number; total: number };
}

const WHEN_BLANK = '… giờ …, ngày … tháng … năm …';

/** What a fact not known yet prints as: the form's own blank, so an unfilled copy reads as one. */
export const FACT_BLANKS: MeetingFactTexts = {
  startsAt: WHEN_BLANK,
  attendance: 'có mặt …/… đại biểu được triệu tập',
  chairs: '…',
  secretaries: '…',
  endsAt: WHEN_BLANK,
};

/** "08 giờ 00, ngày 19 tháng 12 năm 2023"; '' for a value that is not a wall-clock time. */
function when(value: string | null): string {
  if (!value) return '';
  try {
    return `${formatTime(value)}, ${formatDate(value)}`;
  } catch {
    return '';
  }
}

export function meetingFactTexts(input: MeetingFactInput): MeetingFactTexts {
  const { present, total } = input.attendance;
  return {
    startsAt: when(input.startsAt),
    // Before anyone has checked in a count of 0 would read as a fact; a blank asks for the real one.
    attendance: present > 0 ? `có mặt ${present}/${total} đại biểu được triệu tập` : '',
    chairs: input.chairs.join(', '),
    secretaries: input.secretaries.join(', '),
    endsAt: when(input.endsAt),
  };
}

/** An instant (ISO, UTC) as wall-clock `YYYY-MM-DDTHH:mm` in the hall. */
export function hallClock(iso: string): string {
  return new Date(Date.parse(iso) + HALL_UTC_OFFSET_MINUTES * 60_000).toISOString().slice(0, 16);
}
