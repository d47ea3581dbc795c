import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseTypedDate, parseTypedTime, type DateIssue } from '../../shared/date-input.ts';
import { t as translate, type Lang, type MessageKey } from '../../shared/i18n.ts';
import { dateIssueText, problemText, timeIssueText, validityProblem, type ControlState } from './validity.ts';

const VALID = {
  valid: true,
  valueMissing: false,
  typeMismatch: false,
  patternMismatch: false,
  tooLong: false,
  tooShort: false,
  rangeUnderflow: false,
  rangeOverflow: false,
  stepMismatch: false,
  badInput: false,
  customError: false,
};

type Flag = Exclude<keyof typeof VALID, 'valid'>;

function control(flag: Flag | null, over: Partial<Omit<ControlState, 'validity'>> = {}): ControlState {
  return {
    validity: flag ? { ...VALID, valid: false, [flag]: true } : VALID,
    validationMessage: '',
    type: 'text',
    value: '',
    minLength: -1,
    maxLength: -1,
    min: '',
    max: '',
    ...over,
  };
}

const tr = (lang: Lang) => (key: MessageKey, params?: Record<string, string | number>) => translate(lang, key, params);
const say = (state: ControlState, lang: Lang = 'vi') => {
  const problem = validityProblem(state);
  return problem && problemText(problem, tr(lang));
};

describe('the form’s own messages for the browser’s constraint checks', () => {
  it('[VN4] says nothing of a valid field', () => {
    expect(validityProblem(control(null))).toBeNull();
  });

  it('[VN4] names each failed constraint in Vietnamese, with its numbers', () => {
    expect(say(control('valueMissing'))).toBe('Vui lòng điền ô này.');
    expect(say(control('valueMissing', { type: 'select-one' }))).toBe('Vui lòng chọn một mục.');
    expect(say(control('valueMissing', { type: 'checkbox' }))).toBe('Vui lòng đánh dấu ô này.');
    expect(say(control('tooShort', { value: 'abc12', minLength: 8 }))).toBe('Cần ít nhất 8 ký tự (hiện có 5).');
    expect(say(control('tooLong', { value: 'x'.repeat(130), maxLength: 120 }))).toBe('Tối đa 120 ký tự (hiện có 130).');
    expect(say(control('rangeUnderflow', { type: 'number', min: '1' }))).toBe('Số nhỏ nhất được nhập là 1.');
    expect(say(control('rangeOverflow', { type: 'number', max: '100' }))).toBe('Số lớn nhất được nhập là 100.');
    expect(say(control('stepMismatch', { type: 'number' }))).toBe('Vui lòng nhập một số nguyên.');
    expect(say(control('badInput', { type: 'number' }))).toBe('Vui lòng nhập một số.');
    expect(say(control('typeMismatch', { type: 'email' }))).toBe('Giá trị này không đúng định dạng.');
    expect(say(control('patternMismatch'))).toBe('Giá trị này không đúng mẫu yêu cầu.');
  });

  it('[VN4] and in English in the English interface, never in the browser’s words', () => {
    expect(say(control('valueMissing'), 'en')).toBe('Please fill in this field.');
    expect(say(control('tooShort', { value: 'abc', minLength: 8 }), 'en')).toBe('Use at least 8 characters (you have 3).');
    for (const flag of Object.keys(VALID).filter((key) => key !== 'valid' && key !== 'customError') as Flag[]) {
      for (const lang of ['vi', 'en'] as const) {
        const text = say(control(flag, { type: 'number', min: '0', max: '9', minLength: 8, maxLength: 9 }), lang);
        expect(text, `${flag} ${lang}`).toMatch(/\S/);
        expect(text, `${flag} ${lang}`).not.toMatch(/\{\w+\}/);
        expect(text).not.toMatch(/Please fill out this field|Please enter a valid value/);
      }
    }
  });

  it('[VN4] passes on a field’s own message (a date field’s), which is already in the interface language', () => {
    const own = 'Không có ngày 31/02/2025: tháng 02/2025 chỉ có 28 ngày.';
    expect(say(control('customError', { validationMessage: own }))).toBe(own);
    // A field that is both empty and given its own reason reports the reason.
    expect(say({ ...control('customError', { validationMessage: own }), validity: { ...VALID, valid: false, customError: true, valueMissing: true } })).toBe(own);
  });
});

describe('why a typed date or time is refused', () => {
  const dateSays = (text: string, lang: Lang = 'vi') => {
    const parsed = parseTypedDate(text);
    if (parsed.ok) throw new Error(`${text} was read`);
    return dateIssueText(parsed.issue, tr(lang));
  };

  it('[VN2] an impossible day names the date and how many days the month has', () => {
    expect(dateSays('31/02/2025')).toBe('Không có ngày 31/02/2025: tháng 02/2025 chỉ có 28 ngày.');
    expect(dateSays('31/4/2025', 'en')).toBe('There is no 31/04/2025: 04/2025 has only 30 days.');
  });

  it('[VN2] a month above 12 says the day comes first; the wrong form shows the right one', () => {
    expect(dateSays('12/25/2025')).toBe('Không có tháng 25: tháng chỉ từ 1 đến 12 (ngày viết trước, tháng viết sau).');
    expect(dateSays('19/12')).toBe('Vui lòng nhập ngày theo dạng ngày/tháng/năm, ví dụ 19/12/2023.');
    expect(dateSays('1/1/1800')).toBe('Năm phải từ 1900 đến 2100.');
  });

  it('[VN2] a time says the 24-hour clock is wanted', () => {
    const issues = ['8:30 PM', '25:00'].map((text) => {
      const parsed = parseTypedTime(text);
      if (parsed.ok) throw new Error(`${text} was read`);
      return timeIssueText(parsed.issue, tr('vi'));
    });
    expect(issues).toEqual([
      'Vui lòng nhập giờ theo 24 giờ (giờ:phút), ví dụ 08:30 hoặc 14:00.',
      'Không có giờ này: giờ từ 0 đến 23, phút từ 00 đến 59.',
    ]);
  });

  it('[VN2] every kind of date issue has words in both languages', () => {
    const issues: DateIssue[] = [
      { kind: 'format' },
      { kind: 'month', month: 13 },
      { kind: 'day', day: 30, month: 2, year: 2024, days: 29 },
      { kind: 'year', year: 1800 },
    ];
    for (const issue of issues) {
      for (const lang of ['vi', 'en'] as const) expect(dateIssueText(issue, tr(lang))).not.toMatch(/\{\w+\}/);
    }
  });
});

function tsxFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return tsxFiles(full);
    return entry.name.endsWith('.tsx') ? [full] : [];
  });
}

describe('every form of the interface', () => {
  it('[VN4] is the shared Form (no browser bubbles) and uses no browser date or time picker', () => {
    const clientDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
    const files = tsxFiles(clientDir);
    expect(files.length).toBeGreaterThan(50);
    const rawForms = files.filter((file) => !file.endsWith(path.join('ui', 'Form.tsx')) && /<form[\s>]/.test(fs.readFileSync(file, 'utf8')));
    expect(rawForms.map((file) => path.relative(clientDir, file))).toEqual([]);
    const pickers = files.filter((file) => /type=["'{](?:date|datetime-local|time|month|week)["'}]/.test(fs.readFileSync(file, 'utf8')));
    expect(pickers.map((file) => path.relative(clientDir, file))).toEqual([]);
    // The shared form itself turns the browser's checks off.
    expect(fs.readFileSync(path.join(clientDir, 'ui', 'Form.tsx'), 'utf8')).toMatch(/<form [^>]*noValidate/);
  });
});
