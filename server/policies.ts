import type { MeetingPermissions } from '../shared/api.ts';
import type { MeetingStatus, Role } from '../shared/meeting.ts';

/**
 * Every authorization decision, for HTTP and for the sync socket alike. `can` is pure: the caller loads the
 * facts (who acts, their role in the meeting) and asks; no handler or component checks a role itself.
 * State rules are the commands' business, not `can`'s: a member may check in, but only while the meeting sits.
 * The stage of the meeting is decided by `stageRefusal` below, which the commands refuse with and which
 * `meetingPermissions` folds in, so the client is offered only what the server would accept now.
 */

export interface PolicyActor {
  id: string;
  isAdmin: boolean;
}

/** A meeting as policies see it: the actor's role there (null when not on the roster). */
export interface MeetingSubject {
  role: Role | null;
  status: MeetingStatus;
  /** The meeting lets observers comment ("Quan sát viên được bình luận"); absent: it does not. */
  observersComment?: boolean;
  /** The meeting's setting: delegates only suggest changes to the text. */
  delegatesSuggest?: boolean;
}

export type Action =
  | { type: 'account.manage' }
  | { type: 'meeting.create' }
  | { type: 'user.search'; managesAnyMeeting: boolean }
  | { type: 'token.manage'; ownerId: string }
  | { type: 'meeting.read'; meeting: MeetingSubject }
  | { type: 'meeting.update'; meeting: MeetingSubject }
  | { type: 'roster.manage'; meeting: MeetingSubject }
  | { type: 'roster.chairs'; meeting: MeetingSubject }
  | { type: 'attendance.mark'; meeting: MeetingSubject }
  | { type: 'attendance.checkIn'; meeting: MeetingSubject }
  | { type: 'document.create'; meeting: MeetingSubject }
  | { type: 'document.read'; meeting: MeetingSubject }
  | { type: 'document.write'; meeting: MeetingSubject }
  | { type: 'suggestion.decide'; meeting: MeetingSubject }
  | { type: 'motion.manage'; meeting: MeetingSubject }
  | { type: 'motion.run'; meeting: MeetingSubject }
  | { type: 'motion.tally'; meeting: MeetingSubject }
  | { type: 'ballot.cast'; meeting: MeetingSubject }
  | { type: 'audit.read'; meeting: MeetingSubject }
  | { type: 'finalisation.request'; meeting: MeetingSubject }
  | { type: 'finalisation.confirm'; meeting: MeetingSubject }
  | { type: 'comment.write'; meeting: MeetingSubject }
  | { type: 'comment.moderate'; meeting: MeetingSubject }
  | { type: 'screen.present'; meeting: MeetingSubject }
  | { type: 'projection.write' };

const MANAGERS: ReadonlySet<Role> = new Set(['chair', 'secretary']);
const WRITERS: ReadonlySet<Role> = new Set(['chair', 'secretary', 'delegate']);
/** Members with a vote: observers (khách mời) have none. */
const VOTERS: ReadonlySet<Role> = WRITERS;

/** The chair's office is given and taken by a chair or an administrator, never by the secretary it constrains. */
function managesChairs(actor: PolicyActor, role: Role | null): boolean {
  return actor.isAdmin || role === 'chair';
}

function manages(actor: PolicyActor, m: MeetingSubject): boolean {
  return actor.isAdmin || (m.role !== null && MANAGERS.has(m.role));
}

export function can(actor: PolicyActor, action: Action): boolean {
  switch (action.type) {
    case 'account.manage':
    case 'meeting.create':
      return actor.isAdmin;
    case 'user.search':
      return actor.isAdmin || action.managesAnyMeeting;
    case 'token.manage':
      return actor.isAdmin || actor.id === action.ownerId;
    case 'meeting.read':
    case 'document.read':
      // Administrators run the installation and set meetings up, so they see every meeting.
      return actor.isAdmin || action.meeting.role !== null;
    case 'meeting.update':
    case 'roster.manage':
    case 'attendance.mark':
    case 'document.create':
      return manages(actor, action.meeting);
    case 'roster.chairs':
      return managesChairs(actor, action.meeting.role);
    case 'attendance.checkIn':
      // Observers are guests: not counted for quorum, so there is nothing for them to check in to.
      return action.meeting.role !== null && WRITERS.has(action.meeting.role);
    case 'document.write':
      // Only people on the roster draft the text; an administrator outside it reads along.
      return action.meeting.role !== null && WRITERS.has(action.meeting.role);
    case 'suggestion.decide':
      // Accepting a suggestion changes the text for everyone: those who keep it, the chair and the secretary.
      return action.meeting.role === 'chair' || action.meeting.role === 'secretary';
    case 'motion.manage':
      // The chair puts motions; the secretary prepares them. An administrator sets meetings up but does not
      // run them, so motions are for the roster only.
      return action.meeting.role === 'chair' || action.meeting.role === 'secretary';
    case 'motion.run':
      // Opening and closing a vote is the chair's alone (BRIEF: "opens and closes votes, declares results").
      return action.meeting.role === 'chair';
    case 'motion.tally':
      // The secretary records a show of hands; a chair may too, for a meeting run without a secretary.
      return action.meeting.role === 'secretary' || action.meeting.role === 'chair';
    case 'ballot.cast':
      // Being checked in is the command's check: it is a state of the sitting, not a permission.
      return action.meeting.role !== null && VOTERS.has(action.meeting.role);
    case 'audit.read':
      return manages(actor, action.meeting);
    case 'finalisation.request':
      // The secretary finalises the text (BRIEF: "finalises the resolution text"); a chair confirms it. Two
      // people, so no one person both submits and approves what is filed.
      return action.meeting.role === 'secretary';
    case 'finalisation.confirm':
      return action.meeting.role === 'chair';
    case 'comment.write':
      // Comments are not edits: every member may comment, observers too when the meeting allows it; an
      // administrator outside the roster reads along, as with the text.
      if (action.meeting.role === 'observer') return action.meeting.observersComment === true;
      return action.meeting.role !== null && WRITERS.has(action.meeting.role);
    case 'comment.moderate':
      // The chair and the secretary keep the discussion in order: they may delete anyone's comment.
      return action.meeting.role === 'chair' || action.meeting.role === 'secretary';
    case 'screen.present':
      // The hall's projector is run by whoever runs the meeting from the desk; any member may still open the view
      // (it shows nothing the live state does not), so this only decides who is offered it.
      return action.meeting.role === 'chair' || action.meeting.role === 'secretary';
    case 'projection.write':
      // The meeting's live-state document is written by the server alone.
      return false;
  }
}

/** A step whose possibility depends on where the meeting stands, whoever takes it. */
export type Stage = 'attendance' | 'motion.prepare' | 'motion.open';

/** Why the meeting's stage refuses a step, with the code the API answers; null when it allows it. */
export type StageRefusal = 'not_in_session' | 'meeting_not_started' | 'meeting_closed';

/**
 * Attendance is a fact of the sitting, so it is taken only in session. Votes are prepared before and during the
 * sitting and opened only during it; once the meeting is closed no vote can be opened, so none is prepared or
 * edited either (a draft could never be put). Each refusal has its own code, so the person reads why.
 */
export function stageRefusal(status: MeetingStatus, stage: Stage): StageRefusal | null {
  switch (stage) {
    case 'attendance':
      return status === 'in_session' ? null : 'not_in_session';
    case 'motion.prepare':
      return status === 'closed' ? 'meeting_closed' : null;
    case 'motion.open':
      if (status === 'scheduled') return 'meeting_not_started';
      return status === 'closed' ? 'meeting_closed' : null;
  }
}

const allows = (meeting: MeetingSubject, stage: Stage) => stageRefusal(meeting.status, stage) === null;

/**
 * What the client is told it may do in a meeting now, so it never re-derives permissions: the role's permission
 * (`can`) and, for the steps that depend on it, the meeting's stage. The client refetches them when the status
 * changes.
 */
export function meetingPermissions(actor: PolicyActor, meeting: MeetingSubject): MeetingPermissions {
  return {
    read: can(actor, { type: 'meeting.read', meeting }),
    update: can(actor, { type: 'meeting.update', meeting }),
    manageRoster: can(actor, { type: 'roster.manage', meeting }),
    markAttendance: can(actor, { type: 'attendance.mark', meeting }) && allows(meeting, 'attendance'),
    checkIn: can(actor, { type: 'attendance.checkIn', meeting }) && allows(meeting, 'attendance'),
    createDocuments: can(actor, { type: 'document.create', meeting }),
    editDocuments: can(actor, { type: 'document.write', meeting }),
    manageMotions: can(actor, { type: 'motion.manage', meeting }) && allows(meeting, 'motion.prepare'),
    // Opening needs the sitting; closing is only ever of a vote opened in it (the meeting cannot close meanwhile).
    runVotes: can(actor, { type: 'motion.run', meeting }) && allows(meeting, 'motion.open'),
    recordTally: can(actor, { type: 'motion.tally', meeting }),
    vote: can(actor, { type: 'ballot.cast', meeting }),
    viewAudit: can(actor, { type: 'audit.read', meeting }),
    requestFinalisation: can(actor, { type: 'finalisation.request', meeting }),
    confirmFinalisation: can(actor, { type: 'finalisation.confirm', meeting }),
    manageChairs: can(actor, { type: 'roster.chairs', meeting }),
    comment: can(actor, { type: 'comment.write', meeting }),
    moderateComments: can(actor, { type: 'comment.moderate', meeting }),
    presentScreen: can(actor, { type: 'screen.present', meeting }),
    suggestOnly: suggestsOnly(meeting),
    decideSuggestions: can(actor, { type: 'suggestion.decide', meeting }),
  };
}

/** Why a change to the roster may not be made, with the code the API answers. */
export type RosterRefusal = 'own_role' | 'chair_reserved' | 'last_chair';

/**
 * The rules that keep the roles from being rewritten by the people they constrain (the two-person rule of
 * finalisation needs a secretary who cannot make herself chair): nobody changes their own role; only a chair or an
 * administrator grants, changes or takes away the chair's role; the last chair stays. `from` null: joining the
 * roster; `to` null: leaving it. Leaving it oneself is allowed, except as the last chair.
 */
export function rosterChangeRefusal(
  actor: PolicyActor,
  change: { actorRole: Role | null; targetId: string; from: Role | null; to: Role | null; chairs: number },
): RosterRefusal | null {
  if (change.from === change.to) return null;
  if (change.targetId === actor.id && change.from !== null && change.to !== null) return 'own_role';
  if ((change.from === 'chair' || change.to === 'chair') && !managesChairs(actor, change.actorRole)) {
    return 'chair_reserved';
  }
  if (change.from === 'chair' && change.chairs <= 1) return 'last_chair';
  return null;
}

/** A delegate of a meeting whose delegates only suggest: their edits must all be suggestions (the chair and the secretary always edit). */
export function suggestsOnly(meeting: MeetingSubject): boolean {
  return meeting.role === 'delegate' && meeting.delegatesSuggest === true;
}

/** `suggest`: writes, but only suggestions (checked on every update, `server/collab/suggest-gate.ts`). */
export type SocketAccess = 'refuse' | 'read' | 'suggest' | 'write';

/** The sync socket's decision at connect time, from the same rules as HTTP. */
export function documentAccess(
  actor: PolicyActor,
  target: { kind: 'projection' | 'document'; meeting: MeetingSubject },
): SocketAccess {
  if (!can(actor, { type: target.kind === 'projection' ? 'meeting.read' : 'document.read', meeting: target.meeting })) {
    return 'refuse';
  }
  const writes =
    target.kind === 'projection'
      ? can(actor, { type: 'projection.write' })
      : can(actor, { type: 'document.write', meeting: target.meeting });
  if (!writes) return 'read';
  return target.kind === 'document' && suggestsOnly(target.meeting) ? 'suggest' : 'write';
}
