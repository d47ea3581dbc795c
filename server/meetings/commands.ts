import type { DocumentView, MemberView } from '../../shared/api.ts';
import {
  DEFAULT_QUORUM_RULE,
  NEXT_STATUS,
  computeQuorum,
  type Attendance,
  type DocumentKind,
  type MeetingStatus,
  type QuorumState,
  type Role,
} from '../../shared/meeting.ts';
import { hallClock } from '../../shared/meeting-facts.ts';
import { buildTemplate, defaultDocumentTitle } from '../../shared/templates/index.ts';
import { createAccount } from '../accounts/commands.ts';
import type { Actor } from '../accounts/users.ts';
import { documentUpdateFromJSON } from '../documents/initial-state.ts';
import { fail } from '../errors.ts';
import { emit } from '../events.ts';
import { newId } from '../ids.ts';
import { rosterChangeRefusal, stageRefusal } from '../policies.ts';
import type { Repositories, Services } from '../services.ts';
import { presentMeetingInfo } from './present.ts';
import type { Meeting, MeetingFields } from './repo.ts';

/**
 * The commands that change a meeting. Each checks the current state, changes it in one transaction with its
 * audit entry; the meeting's live state is published once it has committed (events). Authorization is done before,
 * by the route.
 */

export async function createMeeting(
  s: Services,
  actor: Actor | null,
  fields: Omit<MeetingFields, 'quorumRule'> & { quorumRule?: MeetingFields['quorumRule'] },
  creatorRole: Role | null,
  options: { isDemo?: boolean } = {},
): Promise<Meeting> {
  const row = await s.uow.run(async (tx) => {
    const row = await tx.meetings.insert({ ...fields, quorumRule: fields.quorumRule ?? DEFAULT_QUORUM_RULE }, actor?.id ?? null, options.isDemo);
    if (actor && creatorRole) await tx.meetings.addMember(row.id, actor.id, creatorRole, '');
    await tx.audit.append({
      actorId: actor?.id ?? null,
      meetingId: row.id,
      action: 'meeting.created',
      payload: { ...presentMeetingInfo(row), creatorRole },
    });
    emit(tx, { type: 'meeting.changed', meetingId: row.id });
    return row;
  });
  return row;
}

export async function updateMeeting(
  s: Services,
  actor: Actor,
  meetingId: string,
  changes: Partial<MeetingFields> & { status?: MeetingStatus },
): Promise<void> {
  await s.uow.run(async (tx) => {
    const current = await tx.meetings.byId(meetingId) ?? fail('not_found');
    if (changes.status !== undefined && changes.status !== current.status) {
      // Only forwards, one step at a time: a closed meeting is never reopened.
      if (NEXT_STATUS[current.status] !== changes.status) fail('invalid_transition', 'status');
      // Closing the sitting while a vote runs would leave it with no one able to cast or count the rest.
      if (changes.status === 'closed' && await tx.motions.anyOpen(meetingId)) fail('vote_open');
    }
    // The item under discussion is one of the agenda's items as it stands after the change; a shortened agenda that
    // loses it, or the sitting closed, leaves none.
    const agenda = changes.agenda ?? current.agenda;
    if (changes.currentItem != null && changes.currentItem >= agenda.length) fail('invalid_request', 'currentItem');
    if (changes.currentItem != null && (changes.status ?? current.status) !== 'in_session') fail('agenda_outside_sitting', 'currentItem');
    if (changes.currentItem === undefined && current.currentItem !== null && current.currentItem >= agenda.length) changes = { ...changes, currentItem: null };
    if (changes.status === 'closed') changes = { ...changes, currentItem: null };
    await tx.meetings.update(meetingId, changes);
    const moved = changes.status !== undefined && changes.status !== current.status ? changes.status : null;
    await tx.audit.append({
      actorId: actor.id,
      meetingId,
      // A status only moves forwards, so the new one is never `scheduled`.
      action: moved === 'in_session' ? 'meeting.in_session' : moved === 'closed' ? 'meeting.closed' : 'meeting.updated',
      payload: changes,
    });
    emit(tx, { type: 'meeting.changed', meetingId });
    // Delegates' sockets were admitted as editors or as suggesters: they reconnect and meet the gate again.
    if (changes.delegatesSuggest !== undefined && changes.delegatesSuggest !== current.delegatesSuggest) {
      emit(tx, { type: 'sockets.close', match: { meetingId }, why: 'access' });
    }
  });
}

export async function addMember(
  s: Services,
  actor: Actor | null,
  meetingId: string,
  input:
    | { userId: string; role: Role; unit: string }
    | { newUser: { username: string; fullName: string; password?: string }; role: Role; unit: string },
): Promise<{ member: MemberView; password?: string }> {
  // Checked before an account is made for the new member, and again with the state in the transaction.
  await checkRosterChange(s, actor, meetingId, null, null, input.role);
  let userId: string;
  let password: string | undefined;
  if ('newUser' in input) {
    const created = await createAccount(s, actor, input.newUser);
    userId = created.user.id;
    password = created.password;
  } else {
    userId = input.userId;
    const user = await s.users.byId(userId);
    if (!user || user.disabled) fail('not_found', 'userId');
  }
  const member = await s.uow.run(async (tx) => {
    // Roster checks and writes take turns per meeting (see `lockForUpdate`): the last chair stays.
    if (!(await tx.meetings.lockForUpdate(meetingId))) fail('not_found');
    if (await tx.meetings.roleOf(meetingId, userId) !== null) fail('already_member');
    await checkRosterChange(tx, actor, meetingId, userId, null, input.role);
    await tx.meetings.addMember(meetingId, userId, input.role, input.unit);
    await tx.audit.append({ actorId: actor?.id ?? null, meetingId, action: 'member.added', payload: { userId, role: input.role, unit: input.unit } });
    emit(tx, { type: 'meeting.changed', meetingId });
    return (await tx.meetings.member(meetingId, userId))!;
  });
  return { member, ...(password ? { password } : {}) };
}

export async function updateMember(
  s: Services,
  actor: Actor,
  meetingId: string,
  userId: string,
  changes: { role?: Role; unit?: string },
): Promise<MemberView> {
  const member = await s.uow.run(async (tx) => {
    if (!(await tx.meetings.lockForUpdate(meetingId))) fail('not_found');
    const role = await tx.meetings.roleOf(meetingId, userId) ?? fail('not_found');
    if (changes.role !== undefined) await checkRosterChange(tx, actor, meetingId, userId, role, changes.role);
    await tx.meetings.updateMember(meetingId, userId, changes);
    await tx.audit.append({ actorId: actor.id, meetingId, action: 'member.updated', payload: { userId, ...changes } });
    // The person's open sockets reconnect and meet the gate with the new role.
    if (changes.role !== undefined) emit(tx, { type: 'sockets.close', match: { userId, meetingId }, why: 'access' });
    emit(tx, { type: 'meeting.changed', meetingId });
    return (await tx.meetings.member(meetingId, userId))!;
  });
  return member;
}

export async function removeMember(s: Services, actor: Actor, meetingId: string, userId: string): Promise<void> {
  await s.uow.run(async (tx) => {
    if (!(await tx.meetings.lockForUpdate(meetingId))) fail('not_found');
    const role = await tx.meetings.roleOf(meetingId, userId) ?? fail('not_found');
    await checkRosterChange(tx, actor, meetingId, userId, role, null);
    await tx.meetings.removeMember(meetingId, userId);
    await tx.audit.append({ actorId: actor.id, meetingId, action: 'member.removed', payload: { userId } });
    emit(tx, { type: 'sockets.close', match: { userId, meetingId }, why: 'access' });
    emit(tx, { type: 'meeting.changed', meetingId });
  });
}

/**
 * Refuses a roster change the rules do not allow (`rosterChangeRefusal`): nobody changes their own role, only a
 * chair or an administrator touches the chair's role, the last chair stays. The system itself (no actor: the demo
 * loader) sets rosters up freely. `userId` null: a person not yet known (an account about to be made).
 */
export async function checkRosterChange(
  s: Pick<Repositories, 'meetings'>,
  actor: Actor | null,
  meetingId: string,
  userId: string | null,
  from: Role | null,
  to: Role | null,
): Promise<void> {
  if (!actor) return;
  const refusal = rosterChangeRefusal(actor, {
    actorRole: await s.meetings.roleOf(meetingId, actor.id),
    targetId: userId ?? '',
    from,
    to,
    chairs: await s.meetings.countRole(meetingId, 'chair'),
  });
  if (refusal) fail(refusal);
}

/**
 * Marks attendance: the caller themself (check-in) or, for a chair or secretary, anyone. Only while the
 * meeting is in session: attendance is a fact of the sitting, and quorum is judged on it. Marking what is already
 * marked changes nothing: no audit entry, no publish (a delegate checking in again and again costs nothing).
 */
export async function markAttendance(
  s: Services,
  actor: Actor,
  meetingId: string,
  input: { userId: string; status: Exclude<Attendance, 'unknown'>; reason: string },
): Promise<{ member: MemberView; quorum: QuorumState }> {
  const result = await s.uow.run(async (tx) => {
    const meeting = await tx.meetings.byId(meetingId) ?? fail('not_found');
    const refusal = stageRefusal(meeting.status, 'attendance');
    if (refusal) fail(refusal);
    if (await tx.meetings.roleOf(meetingId, input.userId) === null) fail('not_found', 'userId');
    const reason = input.status === 'excused' ? input.reason : '';
    const before = await tx.meetings.member(meetingId, input.userId);
    const unchanged = before?.attendance === input.status && before.attendanceReason === reason;
    if (!unchanged) await tx.meetings.setAttendance(meetingId, input.userId, input.status, reason);
    const members = await tx.meetings.members(meetingId);
    const quorum = computeQuorum(members, meeting.quorumRule);
    if (unchanged) return { member: members.find((m) => m.userId === input.userId)!, quorum };
    await tx.audit.append({
      actorId: actor.id,
      meetingId,
      action: 'attendance.marked',
      payload: { userId: input.userId, status: input.status, reason, present: quorum.present, total: quorum.total },
    });
    emit(tx, { type: 'meeting.changed', meetingId });
    return { member: members.find((m) => m.userId === input.userId)!, quorum };
  });
  return result;
}

/** A new document, its text started from the kind's template filled with the meeting's data. */
export async function createDocument(
  s: Services,
  actor: Actor | null,
  meetingId: string,
  input: { kind: DocumentKind; title?: string },
): Promise<DocumentView> {
  const meeting = await s.meetings.byId(meetingId) ?? fail('not_found');
  const info = presentMeetingInfo(meeting);
  const members = await s.meetings.members(meetingId);
  const quorum = computeQuorum(members, info.quorumRule);
  const closedAt = meeting.status === 'closed' ? await s.meetings.closedAt(meetingId) : null;
  const content = buildTemplate(input.kind, {
    meeting: info,
    chairs: members.filter((m) => m.role === 'chair').map((m) => m.fullName),
    secretaries: members.filter((m) => m.role === 'secretary').map((m) => m.fullName),
    attendance: { present: quorum.present, total: quorum.total },
    ...(closedAt ? { endsAt: hallClock(closedAt) } : {}),
  });
  const title = input.title ?? defaultDocumentTitle(input.kind, info);
  // The text is stored before the record: a document listed in the meeting always has its template. A failure
  // between the two leaves an unlisted text that nothing refers to, which is harmless.
  const id = newId('d');
  await s.store.append(id, [documentUpdateFromJSON(content)]);
  const doc = await s.uow.run(async (tx) => {
    const doc = await tx.meetings.insertDocument(id, meetingId, input.kind, title, actor?.id ?? null);
    await tx.audit.append({ actorId: actor?.id ?? null, meetingId, action: 'document.created', payload: { documentId: id, kind: doc.kind, title } });
    emit(tx, { type: 'meeting.changed', meetingId });
    return doc;
  });
  return doc;
}
