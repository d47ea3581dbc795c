/** The summary line under the document type, and the default title built from it. */
import { parseLocalDateTime } from '../format.ts';
import type { DocumentKind } from '../meeting.ts';
import { BLANK, type TemplateMeeting } from './types.ts';

/**
 * The year a year-end conference reviews and the year it plans. Such conferences are held from December to
 * February, so one in the second half of a year reviews that year, one in the first half the year before.
 */
export function reportingYears(meeting: TemplateMeeting): { reviewed: number; planned: number } | null {
  if (meeting.kind !== 'annual_review' && meeting.kind !== 'employee_conference') return null;
  const { year, month } = parseLocalDateTime(meeting.startsAt);
  return month >= 7 ? { reviewed: year, planned: year + 1 } : { reviewed: year - 1, planned: year };
}

/** The bold line under the type name; null for a document without a type (a blank page). */
export function documentSummary(kind: DocumentKind, meeting: TemplateMeeting): string | null {
  const years = reportingYears(meeting);
  switch (kind) {
    case 'BB':
    case 'NQ':
      return meeting.title;
    case 'KH':
      return years ? `Thực hiện nhiệm vụ năm ${years.planned}` : BLANK;
    case 'BC':
      return years ? `Tổng kết công tác năm ${years.reviewed}, phương hướng nhiệm vụ năm ${years.planned}` : BLANK;
    case 'blank':
      return null;
  }
}

export const TYPE_NAMES: Readonly<Record<Exclude<DocumentKind, 'blank'>, string>> = {
  BB: 'Biên bản',
  NQ: 'Nghị quyết',
  KH: 'Kế hoạch',
  BC: 'Báo cáo',
};

/** Same limit as a title given in the create-document request. */
const TITLE_MAX = 300;

export function defaultDocumentTitle(kind: DocumentKind, meeting: TemplateMeeting): string {
  const summary = documentSummary(kind, meeting);
  let title: string;
  if (kind === 'blank') title = `Văn bản – ${meeting.title}`;
  else if (summary === null || summary === BLANK) title = `${TYPE_NAMES[kind]} – ${meeting.title}`;
  // The summary of a plan or a report starts with a common word, which the title no longer capitalises.
  else if (kind === 'KH' || kind === 'BC') title = `${TYPE_NAMES[kind]} ${summary.charAt(0).toLocaleLowerCase('vi')}${summary.slice(1)}`;
  else title = `${TYPE_NAMES[kind]} ${summary}`;
  return title.length > TITLE_MAX ? `${title.slice(0, TITLE_MAX - 1)}…` : title;
}
