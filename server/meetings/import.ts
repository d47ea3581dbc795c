import type { ApiError, ImportChange, ImportResult } from '../../shared/api.ts';
import { ERRORS } from '../../shared/errors.ts';
import { generatePassword } from '../../shared/passwords.ts';
import { hashPassword } from '../accounts/passwords.ts';
import { insertAccount } from '../accounts/commands.ts';
import type { Actor } from '../accounts/users.ts';
import { AppError, fail } from '../errors.ts';
import type { Services } from '../services.ts';
import { checkRosterChange } from './commands.ts';
import { planImport, presentRow, sameChange, type PlannedRow } from './import-plan.ts';

type Decision = ImportChange & { accept: boolean };

/**
 * The rows a decision accepts (by line), or the refusal naming every row that needs one and has none matching
 * the change as it stands now: a tick given to "Đại biểu → Khách mời" does not cover "Thư ký → Khách mời".
 */
function decide(rows: PlannedRow[], decisions: Decision[]): Set<number> {
  const accepted = new Set<number>();
  const unconfirmed: ImportChange[] = [];
  for (const row of rows) {
    if (!row.confirm) continue;
    const decision = decisions.find((d) => sameChange(d, row.confirm!));
    if (!decision) unconfirmed.push(row.confirm);
    else if (decision.accept) accepted.add(row.line);
  }
  if (unconfirmed.length > 0) throw refusal(rows, unconfirmed);
  return accepted;
}

function refusal(rows: PlannedRow[], unconfirmed: ImportChange[]): AppError {
  return new AppError('import_unconfirmed', undefined, undefined, { rows: rows.map(presentRow), unconfirmed });
}

async function blockedBy(s: Services, meetingId: string, lang: 'vi' | 'en'): Promise<ApiError | null> {
  return (await s.motions.anyOpen(meetingId)) ? { code: 'import_vote_open', message: ERRORS.import_vote_open[lang] } : null;
}

/**
 * Previews a roster CSV (`dryRun`), or imports it all or nothing: every row needing a decision has one matching
 * what was previewed, or nothing changes and the answer lists what lacked one (`409 import_unconfirmed`).
 * Rows with errors and declined rows are left out. Nothing changes while a vote is open (`409 import_vote_open`):
 * the electorate of a running vote is not the roster's to change behind its back. New accounts get generated
 * passwords, returned in this answer only (stored hashed); existing accounts keep theirs, and their full name.
 */
export async function importMembers(
  s: Services,
  actor: Actor,
  meetingId: string,
  input: { csv: string; dryRun: boolean; decisions: Decision[] },
  lang: 'vi' | 'en',
): Promise<ImportResult> {
  const planned = await planImport(s, actor, meetingId, input.csv, lang);
  const blocked = await blockedBy(s, meetingId, lang);
  if (input.dryRun) return { rows: planned.map(presentRow), dryRun: true, blocked, applied: 0, passwords: [] };
  if (blocked) fail('import_vote_open');
  const accepted = decide(planned, input.decisions);

  // Hashing is slow and asynchronous, so it is done before the transaction, for the accounts the plan makes.
  const secrets = new Map<number, { password: string; passwordHash: string }>();
  for (const row of planned) {
    if (row.error || row.action !== 'create' || (row.confirm && !accepted.has(row.line))) continue;
    const password = generatePassword();
    secrets.set(row.line, { password, passwordHash: await hashPassword(password) });
  }

  const outcome = await s.uow.run(async (tx) => {
    // The roster is checked and written with the meeting held, so roster changes take turns per meeting.
    if (!(await tx.meetings.lockForUpdate(meetingId))) fail('not_found');
    // Planned again on the state inside the transaction: what changed since is refused or decided again.
    if (await tx.motions.anyOpen(meetingId)) fail('import_vote_open');
    const rows = await planImport(tx, actor, meetingId, input.csv, lang);
    const take = decide(rows, input.decisions);
    const passwords: ImportResult['passwords'] = [];
    const roleChanged: string[] = [];
    let applied = 0;
    for (const row of rows) {
      if (row.error || !row.roleValue || row.action === 'unchanged' || (row.confirm && !take.has(row.line))) continue;
      let userId = row.userId;
      if (row.action === 'create') {
        const secret = secrets.get(row.line);
        // The account the preview found now missing (or its generated name now taken twice over): preview again.
        if (!secret) throw refusal(rows, []);
        userId = (await insertAccount(tx, actor, { username: row.username, fullName: row.fullName, passwordHash: secret.passwordHash })).id;
        passwords.push({ username: row.username, fullName: row.fullName, password: secret.password });
      }
      if (!userId) continue;
      const joins = row.action === 'create' || row.action === 'add';
      const from = joins ? null : (row.confirm?.role?.from ?? row.roleValue);
      // Checked on the roster as the earlier rows left it: two rows demoting the last two chairs stop here.
      await checkRosterChange(tx, actor, meetingId, userId, from, row.roleValue);
      if (joins) await tx.meetings.addMember(meetingId, userId, row.roleValue, row.unit);
      else await tx.meetings.updateMember(meetingId, userId, { role: row.roleValue, unit: row.unit });
      if (row.confirm?.role) roleChanged.push(userId);
      await tx.audit.append({
        actorId: actor.id,
        meetingId,
        action: 'member.imported',
        payload: {
          userId,
          role: row.roleValue,
          unit: row.unit,
          ...(row.confirm?.role ? { roleFrom: row.confirm.role.from } : {}),
          ...(row.confirm?.name ? { nameInFile: row.confirm.name.row } : {}),
        },
      });
      applied++;
    }
    return { rows, passwords, roleChanged, applied };
  });
  // As for a role changed by hand: the person's open sockets reconnect with the access of the new role.
  for (const userId of outcome.roleChanged) s.closeSockets({ userId, meetingId }, 'access');
  await s.projection?.publish(meetingId);
  return { rows: outcome.rows.map(presentRow), dryRun: false, blocked: null, applied: outcome.applied, passwords: outcome.passwords };
}
