/**
 * What a form says about a field the browser's constraint checks refuse (`required`, `minLength`, `min`, …), in
 * the interface's language. The browser's own bubbles ("Please fill out this field") speak the browser's
 * language, not the page's, vanish after a few seconds and are not tied to the field for a screen reader; the
 * forms set `noValidate` and show these instead (client/ui/Form.tsx).
 */
import { FIRST_YEAR, LAST_YEAR, type DateIssue, type TimeIssue } from '../../shared/date-input.ts';
import type { MessageKey } from '../../shared/i18n.ts';
import type { Translate } from '../i18n.tsx';

type Flags =
  | 'valid'
  | 'valueMissing'
  | 'typeMismatch'
  | 'patternMismatch'
  | 'tooLong'
  | 'tooShort'
  | 'rangeUnderflow'
  | 'rangeOverflow'
  | 'stepMismatch'
  | 'badInput'
  | 'customError';

/** What the mapping reads of an input, select or textarea: a plain object in unit tests. */
export interface ControlState {
  validity: Pick<ValidityState, Flags>;
  /** The message a field set through `setCustomValidity`: already in the interface's language. */
  validationMessage: string;
  /** `text`, `number`, `password`, `checkbox`, `select-one`, `textarea`, … */
  type: string;
  value: string;
  minLength: number;
  maxLength: number;
  min: string;
  max: string;
}

export type Problem = { key: MessageKey; params?: Record<string, string | number> } | { text: string };

/** The first thing wrong with the field, in the order a person would fix it; null when it is valid. */
export function validityProblem(control: ControlState): Problem | null {
  const { validity, type } = control;
  if (validity.valid) return null;
  if (validity.customError && control.validationMessage) return { text: control.validationMessage };
  if (validity.badInput) return { key: type === 'number' ? 'validation.badInput' : 'validation.invalid' };
  if (validity.valueMissing) {
    if (type.startsWith('select')) return { key: 'validation.valueMissingChoice' };
    if (type === 'checkbox' || type === 'radio') return { key: 'validation.valueMissingCheck' };
    return { key: 'validation.valueMissing' };
  }
  const length = control.value.length;
  if (validity.tooShort) return { key: 'validation.tooShort', params: { min: control.minLength, length } };
  if (validity.tooLong) return { key: 'validation.tooLong', params: { max: control.maxLength, length } };
  if (validity.rangeUnderflow) return { key: 'validation.rangeUnderflow', params: { min: control.min } };
  if (validity.rangeOverflow) return { key: 'validation.rangeOverflow', params: { max: control.max } };
  if (validity.stepMismatch) return { key: 'validation.stepMismatch' };
  if (validity.typeMismatch) return { key: 'validation.typeMismatch' };
  if (validity.patternMismatch) return { key: 'validation.patternMismatch' };
  return { key: 'validation.invalid' };
}

export function problemText(problem: Problem, t: Translate): string {
  return 'text' in problem ? problem.text : t(problem.key, problem.params);
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Why a typed date was refused (shared/date-input.ts), for the date field to set as its custom validity. */
export function dateIssueText(issue: DateIssue, t: Translate): string {
  switch (issue.kind) {
    case 'format':
      return t('dateField.badDate');
    case 'month':
      return t('dateField.badMonth', { month: issue.month });
    case 'day':
      return t('dateField.badDay', {
        date: `${pad2(issue.day)}/${pad2(issue.month)}/${issue.year}`,
        month: pad2(issue.month),
        year: issue.year,
        days: issue.days,
      });
    case 'year':
      return t('dateField.badYear', { first: FIRST_YEAR, last: LAST_YEAR });
  }
}

export function timeIssueText(issue: TimeIssue, t: Translate): string {
  return issue.kind === 'format' ? t('dateField.badTime') : t('dateField.timeRange');
}
