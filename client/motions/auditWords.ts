import type { MeetingView } from '../../shared/api.ts';
import { messages, type MessageKey } from '../../shared/i18n.ts';
import type { Translate } from '../i18n.tsx';

/** The audit record is written by the server for every kind of change; words exist for the ones people read. */
function known(key: string): key is MessageKey {
  return Object.hasOwn(messages.vi, key);
}

/**
 * "motion.opened" → "Mở biểu quyết". Every action the server writes has words (`shared/audit-actions.ts`, checked
 * by a test); one written by a later version of the server reads as a sentence saying so, never as its code.
 */
export function actionWords(action: string, t: Translate): string {
  const key = `audit.action.${action}`;
  return known(key) ? t(key) : t('audit.action.unknown');
}

/** Values that are codes, and the tables of words they are read from (the first that has the code). */
const CODED: Readonly<Record<string, readonly string[]>> = {
  status: ['attendance', 'meetingStatus', 'motion.status'],
  role: ['role'],
  roleFrom: ['role'],
  creatorRole: ['role'],
  choice: ['choice'],
  outcome: ['motion.outcome'],
  form: ['motion.form'],
  rule: ['motion.rule'],
  kind: ['meetingKind', 'documentKind'],
  via: ['audit.via'],
};

/**
 * Left to the record itself: times (the table has a column for when), internal ids, long free text, and a motion's
 * number (its id already reads as "Biểu quyết số 2").
 */
const SKIPPED =
  /At$|^id$|^versionId$|^replacedVersionId$|^tokenId$|^quorumNum$|^quorumDen$|^description$|^durationSeconds$|^number$|^locality$|^issuingBody$|^parentBody$|^symbol$|^agenda$|^threadId$|^commentId$/;

const MAX_LENGTH = 160;

/** The record keeps a command's columns as they are (`document_id`); read them as the API's names. */
const camel = (key: string) => key.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

/**
 * The words for a detail's key as the record writes it, or null for a detail left to the record (see SKIPPED). A
 * key written by a later version of the server reads as "other detail", never as its code.
 */
export function detailLabel(raw: string, t: Translate): string | null {
  const key = camel(raw);
  if (SKIPPED.test(key)) return null;
  const label = [`audit.key.${key}`, `choice.${key}`].find(known);
  return t(label ?? 'audit.key.other');
}

/**
 * A line a person can read at a glance: ids become the names, titles and numbers the meeting shows, codes
 * become words; hashes are cut to a recognisable prefix. The full payload stays in the record itself.
 */
export function summarizePayload(payload: unknown, meeting: MeetingView, t: Translate): string {
  if (payload === null || payload === undefined) return '';
  if (typeof payload !== 'object') return String(payload);
  const parts: string[] = [];
  for (const [raw, value] of Object.entries(payload as Record<string, unknown>)) {
    const label = detailLabel(raw, t);
    if (label === null) continue;
    const shown = describe(camel(raw), value, meeting, t);
    if (shown === null) continue;
    parts.push(`${label}: ${shown}`);
  }
  const text = parts.join('; ');
  return text.length > MAX_LENGTH ? `${text.slice(0, MAX_LENGTH - 1)}…` : text;
}

function describe(key: string, value: unknown, meeting: MeetingView, t: Translate): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? t('audit.yes') : t('audit.no');
  // The authors of suggestions decided on read as their names; other lists (ids) as how many.
  if (Array.isArray(value) && key === 'authorIds') {
    return value.map((id) => meeting.members.find((m) => m.userId === id)?.fullName ?? String(id)).join(', ');
  }
  if (Array.isArray(value)) return String(value.length);
  if (typeof value === 'object') return describeObject(value as Record<string, unknown>, t);
  if (typeof value !== 'string') return null;
  if (key === 'userId' || key === 'authorId') return meeting.members.find((m) => m.userId === value)?.fullName ?? value;
  if (key === 'documentId' || key === 'originDocumentId') return meeting.documents.find((d) => d.id === value)?.title ?? value;
  if (key === 'motionId' || key === 'revoteOf') {
    const motion = meeting.motions.find((m) => m.id === value);
    return motion ? t('motion.number', { number: motion.number }) : value;
  }
  if (/hash/i.test(key)) return `${value.slice(0, 12)}…`;
  const word = CODED[key]?.map((table) => `${table}.${value}`).find(known);
  return word ? t(word) : value;
}

/** A tally reads as counts, a rule as a fraction; anything else is left to the record. */
function describeObject(value: Record<string, unknown>, t: Translate): string | null {
  if (typeof value.for === 'number' && typeof value.against === 'number' && typeof value.abstain === 'number') {
    return `${t('choice.for')} ${value.for}, ${t('choice.against')} ${value.against}, ${t('choice.abstain')} ${value.abstain}`;
  }
  if (typeof value.numerator === 'number' && typeof value.denominator === 'number') {
    return `${value.numerator}/${value.denominator}`;
  }
  return null;
}
