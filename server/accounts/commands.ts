import type { CreatedUser, UserView } from '../../shared/api.ts';
import { AppError, fail } from '../errors.ts';
import { generatePassword } from '../../shared/passwords.ts';
import { can } from '../policies.ts';
import type { Repositories, Services } from '../services.ts';
import { dummyHash, hashPassword, verifyPassword } from './passwords.ts';
import { sessionCredential } from './sessions.ts';
import { presentUser, type Actor, type User } from './users.ts';

/** Creates an account; with no password given, generates one and returns it (shown once). */
export async function createAccount(
  s: Services,
  actor: Actor | null,
  input: { username: string; fullName: string; password?: string; isAdmin?: boolean; isDemo?: boolean },
): Promise<CreatedUser & { row: User }> {
  const generated = input.password === undefined ? generatePassword() : undefined;
  const passwordHash = await hashPassword(input.password ?? generated!);
  const row = await s.uow.run((tx) => insertAccount(tx, actor, { ...input, passwordHash }));
  return { row, user: presentUser(row), ...(generated ? { password: generated } : {}) };
}

/** An account whose password is already hashed, with its audit entry, inside the caller's transaction. */
export async function insertAccount(
  s: Repositories,
  actor: Actor | null,
  input: { username: string; fullName: string; passwordHash: string; isAdmin?: boolean; isDemo?: boolean },
): Promise<User> {
  if (await s.users.byUsername(input.username)) throw new AppError('username_taken', 'username');
  const row = await s.users.insert(input);
  await s.audit.append({
    actorId: actor?.id ?? null,
    meetingId: null,
    action: 'user.created',
    payload: { userId: row.id, username: row.username, isAdmin: row.isAdmin },
  });
  return row;
}

/** The first administrator, allowed only while no account exists. */
export async function setupFirstAdmin(
  s: Services,
  input: { username: string; fullName: string; password: string },
): Promise<User> {
  if (await s.users.count() > 0) fail('setup_done');
  const passwordHash = await hashPassword(input.password);
  return await s.uow.run(async (tx) => {
    // Checked again inside the transaction, taking turns: two first-run forms submitted at once make one administrator.
    if (await tx.users.countForSetup() > 0) fail('setup_done');
    const row = await tx.users.insert({ ...input, passwordHash, isAdmin: true });
    await tx.audit.append({ actorId: row.id, meetingId: null, action: 'setup', payload: { userId: row.id, username: row.username } });
    return row;
  });
}

/** The account for a username and password, or `invalid_credentials` (the same for every kind of failure). */
export async function checkPassword(s: Services, username: string, password: string): Promise<User> {
  const row = await s.users.byUsername(username);
  const ok = await verifyPassword(password, row?.passwordHash ?? (await dummyHash()));
  if (!row || !ok || row.disabled) fail('invalid_credentials');
  return row;
}

export async function updateAccount(
  s: Services,
  actor: Actor,
  userId: string,
  input: {
    fullName?: string;
    password?: string;
    currentPassword?: string;
    keepTokens?: boolean;
    isAdmin?: boolean;
    disabled?: boolean;
  },
  /** The caller's own session, kept when they change their own password. */
  currentSession?: string,
): Promise<UserView> {
  const self = actor.id === userId;
  const admin = can(actor, { type: 'account.manage' });
  if (!admin && !self) fail('not_found');
  if (!admin && (input.isAdmin !== undefined || input.disabled !== undefined)) fail('forbidden');
  // An administrator cannot lock themself out by accident.
  if (self && (input.isAdmin === false || input.disabled === true)) fail('forbidden');
  if (self && input.password !== undefined) {
    const row = await s.users.byId(userId) ?? fail('not_found');
    if (!(await verifyPassword(input.currentPassword ?? '', row.passwordHash))) fail('wrong_password', 'currentPassword');
  }
  const passwordHash = input.password === undefined ? undefined : await hashPassword(input.password);
  // An administrator's reset ends every token too (the account may be compromised); people changing their own
  // password may keep theirs, by choice.
  const endTokens = passwordHash !== undefined && !(self && input.keepTokens === true);
  const view = await s.uow.run(async (tx) => {
    if (!await tx.users.byId(userId)) fail('not_found');
    await tx.users.update(userId, { fullName: input.fullName, passwordHash, isAdmin: input.isAdmin, disabled: input.disabled });
    // A new password or a disabled account ends the sessions signed in with the old state: a session stolen with
    // the old password stops working. People changing their own password stay signed in where they did it.
    if (input.disabled === true || passwordHash !== undefined) {
      await tx.credentials.endSessionsOf(userId, self ? currentSession : undefined);
    }
    const tokensEnded = endTokens ? await tx.credentials.revokeTokensOf(userId) : 0;
    await tx.audit.append({
      actorId: actor.id,
      meetingId: null,
      action: 'user.updated',
      payload: {
        userId,
        fullName: input.fullName,
        passwordChanged: passwordHash !== undefined,
        tokensEnded,
        isAdmin: input.isAdmin,
        disabled: input.disabled,
      },
    });
    return presentUser((await tx.users.byId(userId))!);
  });
  if (input.disabled === true || (endTokens && !self)) s.closeSockets({ userId }, 'signedOut');
  else if (passwordHash !== undefined) {
    if (endTokens) s.closeSockets({ userId, credentialKind: 'token' }, 'signedOut');
    s.closeSockets({ userId, sessionsExcept: self && currentSession ? sessionCredential(currentSession) : null }, 'signedOut');
  }
  if (input.isAdmin !== undefined) s.closeSockets({ userId }, 'access');
  return view;
}
