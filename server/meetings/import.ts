import { parse as parseCsv } from 'csv-parse/sync';
import { usernameSchema, type ApiError, type ImportResult, type ImportRow } from '../../shared/api.ts';
import { ROLES, type Role } from '../../shared/meeting.ts';
import { ERRORS } from '../../shared/errors.ts';
import type { Actor } from '../accounts/users.ts';
import { createAccount } from '../accounts/commands.ts';
import { rosterChangeRefusal } from '../policies.ts';
import type { Services } from '../services.ts';
import { isOneLine, TEXT_ISSUE_MESSAGES, TEXT_ISSUES } from '../../shared/text.ts';

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

function rowError(lang: 'vi' | 'en', vi: string, en: string): ApiError {
  return { code: 'invalid_request', message: lang === 'vi' ? vi : en };
}

/**
 * Reads a roster CSV (full name, username, role, unit) into rows, each with what importing it would do or
 * why it cannot be imported. A header row is recognised by its role cell not being a role. The rows meet the same
 * rules as changes made one by one (`rosterChangeRefusal`), and an import never changes the role of someone
 * already on the roster: that is a change to make deliberately, in the roster.
 */
export function previewImport(
  s: Services,
  actor: Actor,
  meetingId: string,
  csv: string,
  lang: 'vi' | 'en',
): (ImportRow & { roleValue: Role | null })[] {
  let records: string[][];
  try {
    records = parseCsv(csv.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
  } catch (err) {
    const line = (err as { lines?: number }).lines ?? 1;
    return [
      {
        line,
        fullName: '',
        username: '',
        role: '',
        unit: '',
        action: null,
        error: rowError(lang, `Tệp CSV bị lỗi cú pháp ở dòng ${line}.`, `The CSV is malformed at line ${line}.`),
        roleValue: null,
      },
    ];
  }
  const rows: (ImportRow & { roleValue: Role | null })[] = [];
  const seen = new Set<string>();
  records.forEach((cells, index) => {
    const [fullName = '', rawUsername = '', role = '', unit = ''] = cells.map((c) => c.normalize('NFC'));
    if (index === 0 && roleFromText(role) === null && /user|tên|ten|đăng nhập|dang nhap/i.test(rawUsername)) return;
    const username = rawUsername.toLowerCase();
    const roleValue = roleFromText(role);
    const base = { line: index + 1, fullName, username, role, unit, roleValue };
    const error = (vi: string, en: string) => rows.push({ ...base, action: null, error: rowError(lang, vi, en) });
    if (cells.length < 3) return error('Thiếu cột: cần họ tên, tên đăng nhập, vai trò, đơn vị.', 'Missing columns: full name, username, role, unit.');
    if (!fullName) return error('Thiếu họ tên.', 'Full name is missing.');
    if (fullName.length > 120) return error('Họ tên quá dài.', 'Full name is too long.');
    // The same rule as every other way of naming a person (fullNameSchema): a quoted CSV cell may hold anything.
    if (!isOneLine(fullName)) return error(`Họ tên: ${ONE_LINE.vi}`, `Full name: ${ONE_LINE.en}`);
    if (!usernameSchema.safeParse(username).success) {
      return error(
        `Tên đăng nhập “${rawUsername}” không hợp lệ (2–40 ký tự a–z, 0–9, . _ -).`,
        `Username “${rawUsername}” is not valid (2–40 of a–z, 0–9, . _ -).`,
      );
    }
    if (!roleValue) {
      return error(
        `Vai trò “${role}” không hợp lệ (chủ tọa, thư ký, đại biểu, khách mời).`,
        `Role “${role}” is not valid (chair, secretary, delegate, observer).`,
      );
    }
    if (unit.length > 200) return error('Tên đơn vị quá dài.', 'Unit is too long.');
    if (!isOneLine(unit)) return error(`Đơn vị: ${ONE_LINE.vi}`, `Unit: ${ONE_LINE.en}`);
    if (seen.has(username)) return error(`Tên đăng nhập “${username}” lặp lại trong tệp.`, `Username “${username}” appears twice in the file.`);
    seen.add(username);
    const user = s.users.byUsername(username);
    if (user?.disabled === 1) return error('Tài khoản này đã bị khóa.', 'This account is disabled.');
    const current = user ? s.meetings.roleOf(meetingId, user.id) : null;
    if (current !== null && current !== roleValue) return error(ERRORS.role_change_in_import.vi, ERRORS.role_change_in_import.en);
    const refusal = rosterChangeRefusal(actor, {
      actorRole: s.meetings.roleOf(meetingId, actor.id),
      targetId: user?.id ?? '',
      from: current,
      to: roleValue,
      chairs: s.meetings.countRole(meetingId, 'chair'),
    });
    if (refusal) return error(ERRORS[refusal].vi, ERRORS[refusal].en);
    const action = !user ? 'create' : current === null ? 'add' : 'update';
    rows.push({ ...base, action, error: null });
  });
  return rows;
}

/** Imports the rows without errors; rows with errors are reported and skipped. */
export async function importMembers(
  s: Services,
  actor: Actor,
  meetingId: string,
  csv: string,
  dryRun: boolean,
  lang: 'vi' | 'en',
): Promise<ImportResult> {
  const rows = previewImport(s, actor, meetingId, csv, lang);
  const strip = (r: ImportRow & { roleValue: Role | null }): ImportRow => {
    const { roleValue: _, ...row } = r;
    return row;
  };
  if (dryRun) return { rows: rows.map(strip), dryRun, applied: 0, passwords: [] };
  const passwords: { username: string; password: string }[] = [];
  let applied = 0;
  for (const row of rows) {
    if (row.error || !row.roleValue) continue;
    let user = s.users.byUsername(row.username);
    if (!user) {
      const created = await createAccount(s, actor, { username: row.username, fullName: row.fullName });
      user = created.row;
      if (created.password) passwords.push({ username: row.username, password: created.password });
    }
    const userId = user.id;
    const role = row.roleValue;
    const done = s.db.transaction(() => {
      const existing = s.meetings.roleOf(meetingId, userId);
      // Someone changed the roster since the preview: the row's role no longer matches, so it is not applied.
      if (existing !== null && existing !== role) return false;
      if (existing === null) s.meetings.addMember(meetingId, userId, role, row.unit);
      else s.meetings.updateMember(meetingId, userId, { unit: row.unit });
      s.audit.append({ actorId: actor.id, meetingId, action: 'member.imported', payload: { userId, role, unit: row.unit } });
      return true;
    })();
    if (done) applied++;
  }
  await s.projection?.publish(meetingId);
  return { rows: rows.map(strip), dryRun, applied, passwords };
}
