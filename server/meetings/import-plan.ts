import { usernameSchema, type ApiError, type ImportChange, type ImportRow } from '../../shared/api.ts';
import { ERRORS } from '../../shared/errors.ts';
import { ROLES, type Role } from '../../shared/meeting.ts';
import { isOneLine, TEXT_ISSUE_MESSAGES, TEXT_ISSUES } from '../../shared/text.ts';
import type { Actor } from '../accounts/users.ts';
import { rosterChangeRefusal } from '../policies.ts';
import type { Repositories } from '../services.ts';
import { readRosterCsv } from './import-csv.ts';
import { uniqueUsername, usernameBase } from './import-usernames.ts';

const ONE_LINE = TEXT_ISSUE_MESSAGES[TEXT_ISSUES.oneLine]!;

/** Role names as people write them in a spreadsheet, Vietnamese with or without diacritics, or English. */
const ROLE_NAMES: Record<string, Role> = {
  chair: 'chair',
  'chu toa': 'chair',
  'chu tri': 'chair',
  'doan chu tich': 'chair',
  secretary: 'secretary',
  'thu ky': 'secretary',
  delegate: 'delegate',
  'dai bieu': 'delegate',
  observer: 'observer',
  'khach moi': 'observer',
  'quan sat': 'observer',
};

function plain(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .trim()
    .replace(/\s+/g, ' ');
}

export function roleFromText(text: string): Role | null {
  return ROLE_NAMES[plain(text)] ?? (ROLES as readonly string[]).find((r) => r === text.trim()) as Role | undefined ?? null;
}

/**
 * Whether two full names are the same name as written: composed the same way (NFC), whatever the case and the
 * spacing. Diacritics count: "Nguyen Van Hung" is not "Nguyễn Văn Hùng" (it could as well be "Nguyễn Văn Hưng").
 */
export function sameFullName(a: string, b: string): boolean {
  const key = (name: string) => name.normalize('NFC').toLocaleLowerCase('vi').trim().replace(/\s+/g, ' ');
  return key(a) === key(b);
}

/** A row as planned: what the client sees, and what applying it needs. */
export interface PlannedRow extends ImportRow {
  roleValue: Role | null;
  userId: string | null;
}

export function presentRow(row: PlannedRow): ImportRow {
  const { roleValue: _role, userId: _user, ...shown } = row;
  return shown;
}

function rowError(lang: 'vi' | 'en', vi: string, en: string): ApiError {
  return { code: 'invalid_request', message: lang === 'vi' ? vi : en };
}

const HEADER_USERNAME = /user|tên|ten|đăng nhập|dang nhap/i;

/**
 * Reads a roster CSV (full name, username, role, unit) into rows, each with what importing it would do, what in
 * it needs a deliberate tick, or why it cannot be imported. A header row is recognised by its role cell not being
 * a role. An empty username gets one made up from the full name, unique among the accounts and the file.
 * A username that exists with another full name, and a role change of someone on the roster, are never done
 * silently: the row carries the change (`confirm`) and is applied only when the apply request accepts exactly
 * that change. Rows meet the same rules as changes made one by one (`rosterChangeRefusal`). Pure reading of the
 * current state: the same function plans the preview and, inside the apply's transaction, the import itself.
 */
export async function planImport(s: Repositories, actor: Actor, meetingId: string, csv: string, lang: 'vi' | 'en'): Promise<PlannedRow[]> {
  const reading = readRosterCsv(csv);
  const blank = { fullName: '', username: '', role: '', unit: '', generatedUsername: false, unitFrom: null, confirm: null };
  if (!reading.ok) {
    const { line } = reading;
    const error = rowError(lang, `Tệp CSV bị lỗi cú pháp ở dòng ${line}.`, `The CSV is malformed at line ${line}.`);
    return [{ line, ...blank, action: null, error, roleValue: null, userId: null }];
  }
  const records = reading.records.map(({ line, cells }) => ({ line, cells: cells.map((c) => c.normalize('NFC')) }));
  const first = records[0];
  if (first && roleFromText(first.cells[2] ?? '') === null && HEADER_USERNAME.test(first.cells[1] ?? '')) records.shift();

  // Made-up usernames avoid every username the file names, wherever it names it, as well as existing accounts.
  const named = new Set(records.map(({ cells }) => (cells[1] ?? '').toLowerCase()).filter((u) => u !== ''));
  const made = new Set<string>();
  const taken = async (u: string) => named.has(u) || made.has(u) || (await s.users.byUsername(u)) !== undefined;

  const actorRole = await s.meetings.roleOf(meetingId, actor.id);
  const rows: PlannedRow[] = [];
  const seen = new Set<string>();
  for (const { line, cells } of records) {
    const [fullName = '', rawUsername = '', role = '', unit = ''] = cells;
    let username = rawUsername.toLowerCase();
    const generatedUsername = username === '' && fullName !== '';
    const roleValue = roleFromText(role);
    const base = { line, fullName, username, role, unit, generatedUsername, unitFrom: null, confirm: null, roleValue, userId: null };
    const error = (vi: string, en: string) => void rows.push({ ...base, action: null, error: rowError(lang, vi, en) });
    if (cells.length < 3) {
      error('Thiếu cột: cần họ tên, tên đăng nhập, vai trò, đơn vị.', 'Missing columns: full name, username, role, unit.');
      continue;
    }
    if (!fullName) {
      error('Thiếu họ tên.', 'Full name is missing.');
      continue;
    }
    if (fullName.length > 120) {
      error('Họ tên quá dài.', 'Full name is too long.');
      continue;
    }
    // The same rule as every other way of naming a person (fullNameSchema): a quoted CSV cell may hold anything.
    if (!isOneLine(fullName)) {
      error(`Họ tên: ${ONE_LINE.vi}`, `Full name: ${ONE_LINE.en}`);
      continue;
    }
    if (generatedUsername) {
      username = await uniqueUsername(usernameBase(fullName), taken);
      made.add(username);
      base.username = username;
    } else if (!usernameSchema.safeParse(username).success) {
      error(
        `Tên đăng nhập “${rawUsername}” không hợp lệ (2–40 ký tự a–z, 0–9, . _ -).`,
        `Username “${rawUsername}” is not valid (2–40 of a–z, 0–9, . _ -).`,
      );
      continue;
    }
    if (!roleValue) {
      error(
        `Vai trò “${role}” không hợp lệ (chủ tọa, thư ký, đại biểu, khách mời).`,
        `Role “${role}” is not valid (chair, secretary, delegate, observer).`,
      );
      continue;
    }
    if (unit.length > 200) {
      error('Tên đơn vị quá dài.', 'Unit is too long.');
      continue;
    }
    if (!isOneLine(unit)) {
      error(`Đơn vị: ${ONE_LINE.vi}`, `Unit: ${ONE_LINE.en}`);
      continue;
    }
    if (seen.has(username)) {
      error(`Tên đăng nhập “${username}” lặp lại trong tệp.`, `Username “${username}” appears twice in the file.`);
      continue;
    }
    seen.add(username);
    const user = await s.users.byUsername(username);
    if (user?.disabled) {
      error('Tài khoản này đã bị khóa.', 'This account is disabled.');
      continue;
    }
    const member = user ? await s.meetings.member(meetingId, user.id) : undefined;
    const current = member?.role ?? null;
    const refusal = rosterChangeRefusal(actor, {
      actorRole,
      targetId: user?.id ?? '',
      from: current,
      to: roleValue,
      chairs: await s.meetings.countRole(meetingId, 'chair'),
    });
    if (refusal) {
      error(ERRORS[refusal].vi, ERRORS[refusal].en);
      continue;
    }
    const change: ImportChange = {
      username,
      name: user && !sameFullName(user.fullName, fullName) ? { account: user.fullName, row: fullName } : null,
      role: current !== null && current !== roleValue ? { from: current, to: roleValue } : null,
    };
    const unitChanges = member !== undefined && member.unit !== unit;
    const action = !user ? 'create' : !member ? 'add' : change.role || unitChanges ? 'update' : 'unchanged';
    rows.push({
      ...base,
      action,
      unitFrom: unitChanges ? member.unit : null,
      confirm: change.name || change.role ? change : null,
      error: null,
      userId: user?.id ?? null,
    });
  }
  return rows;
}

/** Whether a decision sent with the apply request is about exactly this previewed change. */
export function sameChange(a: ImportChange, b: ImportChange): boolean {
  return (
    a.username === b.username &&
    a.name?.account === b.name?.account &&
    a.name?.row === b.name?.row &&
    a.role?.from === b.role?.from &&
    a.role?.to === b.role?.to
  );
}
