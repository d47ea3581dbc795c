import { describe, expect, it } from 'vitest';
import type { Role } from '../shared/meeting.ts';
import { can, documentAccess, meetingPermissions, rosterChangeRefusal, stageRefusal, type Action, type MeetingSubject } from './policies.ts';

type Who = 'admin' | 'chair' | 'secretary' | 'delegate' | 'observer' | 'outsider';
const WHO: Who[] = ['admin', 'chair', 'secretary', 'delegate', 'observer', 'outsider'];

function actorOf(who: Who) {
  return { id: `u-${who}`, isAdmin: who === 'admin' };
}
function meetingOf(who: Who): MeetingSubject {
  const role: Role | null = who === 'admin' || who === 'outsider' ? null : who;
  return { role, status: 'in_session' };
}

/** Each row: the action, then who may do it. Everyone not listed may not. */
const MATRIX: [string, (who: Who) => Action, Who[]][] = [
  ['account.manage', () => ({ type: 'account.manage' }), ['admin']],
  ['meeting.create', () => ({ type: 'meeting.create' }), ['admin']],
  ['meeting.read', (w) => ({ type: 'meeting.read', meeting: meetingOf(w) }), ['admin', 'chair', 'secretary', 'delegate', 'observer']],
  ['meeting.update', (w) => ({ type: 'meeting.update', meeting: meetingOf(w) }), ['admin', 'chair', 'secretary']],
  ['roster.manage', (w) => ({ type: 'roster.manage', meeting: meetingOf(w) }), ['admin', 'chair', 'secretary']],
  ['roster.chairs', (w) => ({ type: 'roster.chairs', meeting: meetingOf(w) }), ['admin', 'chair']],
  ['attendance.mark', (w) => ({ type: 'attendance.mark', meeting: meetingOf(w) }), ['admin', 'chair', 'secretary']],
  ['attendance.checkIn', (w) => ({ type: 'attendance.checkIn', meeting: meetingOf(w) }), ['chair', 'secretary', 'delegate']],
  ['document.create', (w) => ({ type: 'document.create', meeting: meetingOf(w) }), ['admin', 'chair', 'secretary']],
  ['document.read', (w) => ({ type: 'document.read', meeting: meetingOf(w) }), ['admin', 'chair', 'secretary', 'delegate', 'observer']],
  ['document.write', (w) => ({ type: 'document.write', meeting: meetingOf(w) }), ['chair', 'secretary', 'delegate']],
  ['projection.write', () => ({ type: 'projection.write' }), []],
  ['motion.manage', (w) => ({ type: 'motion.manage', meeting: meetingOf(w) }), ['chair', 'secretary']],
  ['motion.run', (w) => ({ type: 'motion.run', meeting: meetingOf(w) }), ['chair']],
  ['motion.tally', (w) => ({ type: 'motion.tally', meeting: meetingOf(w) }), ['chair', 'secretary']],
  ['ballot.cast', (w) => ({ type: 'ballot.cast', meeting: meetingOf(w) }), ['chair', 'secretary', 'delegate']],
  ['audit.read', (w) => ({ type: 'audit.read', meeting: meetingOf(w) }), ['admin', 'chair', 'secretary']],
  ['finalisation.request', (w) => ({ type: 'finalisation.request', meeting: meetingOf(w) }), ['secretary']],
  ['finalisation.confirm', (w) => ({ type: 'finalisation.confirm', meeting: meetingOf(w) }), ['chair']],
  ['comment.write', (w) => ({ type: 'comment.write', meeting: meetingOf(w) }), ['chair', 'secretary', 'delegate']],
  [
    'comment.write (observers may comment)',
    (w) => ({ type: 'comment.write', meeting: { ...meetingOf(w), observersComment: true } }),
    ['chair', 'secretary', 'delegate', 'observer'],
  ],
  ['comment.moderate', (w) => ({ type: 'comment.moderate', meeting: meetingOf(w) }), ['chair', 'secretary']],
  ['screen.present', (w) => ({ type: 'screen.present', meeting: meetingOf(w) }), ['chair', 'secretary']],
  ['suggestion.decide', (w) => ({ type: 'suggestion.decide', meeting: meetingOf(w) }), ['chair', 'secretary']],
  ['token.manage (own)', (w) => ({ type: 'token.manage', ownerId: `u-${w}` }), WHO],
  ['token.manage (someone else’s)', () => ({ type: 'token.manage', ownerId: 'u-other' }), ['admin']],
  ['user.search (manages no meeting)', () => ({ type: 'user.search', managesAnyMeeting: false }), ['admin']],
  ['user.search (manages a meeting)', () => ({ type: 'user.search', managesAnyMeeting: true }), WHO],
];

describe('policies', () => {
  for (const [name, action, allowed] of MATRIX) {
    for (const who of WHO) {
      const expected = allowed.includes(who);
      it(`[P1] ${who} ${expected ? 'may' : 'may not'} ${name}`, () => {
        expect(can(actorOf(who), action(who))).toBe(expected);
      });
    }
  }

  const SOCKET: [Who, 'refuse' | 'read' | 'write', 'refuse' | 'read' | 'write'][] = [
    // who, document, meeting:<id> projection
    ['admin', 'read', 'read'],
    ['chair', 'write', 'read'],
    ['secretary', 'write', 'read'],
    ['delegate', 'write', 'read'],
    ['observer', 'read', 'read'],
    ['outsider', 'refuse', 'refuse'],
  ];
  for (const [who, doc, projection] of SOCKET) {
    it(`[P2] the sync socket gives ${who} ${doc} on a document and ${projection} on the meeting's live state`, () => {
      expect(documentAccess(actorOf(who), { kind: 'document', meeting: meetingOf(who) })).toBe(doc);
      expect(documentAccess(actorOf(who), { kind: 'projection', meeting: meetingOf(who) })).toBe(projection);
    });
  }

  it('[SG5] in a meeting whose delegates suggest, a delegate’s socket is admitted to suggest, the chair’s and the secretary’s to write', () => {
    const suggesting = (who: Who): MeetingSubject => ({ ...meetingOf(who), delegatesSuggest: true });
    const access = (who: Who) => documentAccess(actorOf(who), { kind: 'document', meeting: suggesting(who) });
    expect(WHO.map(access)).toEqual(['read', 'write', 'write', 'suggest', 'read', 'refuse']);
    expect(documentAccess(actorOf('delegate'), { kind: 'projection', meeting: suggesting('delegate') })).toBe('read');
    expect(meetingPermissions(actorOf('delegate'), suggesting('delegate'))).toMatchObject({ suggestOnly: true, decideSuggestions: false });
    expect(meetingPermissions(actorOf('secretary'), suggesting('secretary'))).toMatchObject({ suggestOnly: false, decideSuggestions: true });
  });

  it('[P1] an administrator who is also a meeting’s delegate edits its documents', () => {
    const actor = { id: 'u-a', isAdmin: true };
    expect(can(actor, { type: 'document.write', meeting: { role: 'delegate', status: 'scheduled' } })).toBe(true);
  });
});

describe('what the meeting’s stage allows', () => {
  it('[P3] each stage refuses with its own code: attendance only in session, votes opened only in session, prepared until the close', () => {
    expect(['scheduled', 'in_session', 'closed'].map((status) => stageRefusal(status as 'closed', 'attendance'))).toEqual([
      'not_in_session',
      null,
      'not_in_session',
    ]);
    expect(['scheduled', 'in_session', 'closed'].map((status) => stageRefusal(status as 'closed', 'motion.open'))).toEqual([
      'meeting_not_started',
      null,
      'meeting_closed',
    ]);
    expect(['scheduled', 'in_session', 'closed'].map((status) => stageRefusal(status as 'closed', 'motion.prepare'))).toEqual([
      null,
      null,
      'meeting_closed',
    ]);
  });

  it('[P3] the permissions the API returns fold the stage in: a closed meeting offers no check-in, marking or vote, but documents still', () => {
    const chair = { id: 'u-chair', isAdmin: false };
    const at = (status: MeetingSubject['status']) => meetingPermissions(chair, { role: 'chair', status });
    expect(at('in_session')).toMatchObject({ checkIn: true, markAttendance: true, manageMotions: true, runVotes: true });
    expect(at('scheduled')).toMatchObject({ checkIn: false, markAttendance: false, manageMotions: true, runVotes: false });
    expect(at('closed')).toMatchObject({
      checkIn: false,
      markAttendance: false,
      manageMotions: false,
      runVotes: false,
      createDocuments: true,
      editDocuments: true,
      confirmFinalisation: true,
      viewAudit: true,
    });
    // The role's own permission is unchanged: the route still answers 409 with the stage's code, not 403.
    expect(can(chair, { type: 'motion.run', meeting: { role: 'chair', status: 'closed' } })).toBe(true);
  });
});

describe('roster changes the roles they constrain may not make', () => {
  const secretary = { id: 'u-ha', isAdmin: false };
  const chair = { id: 'u-kien', isAdmin: false };
  const admin = { id: 'u-admin', isAdmin: true };
  const change = (from: Role | null, to: Role | null, extra: Partial<Parameters<typeof rosterChangeRefusal>[1]> = {}) => ({
    actorRole: 'secretary' as Role | null,
    targetId: 'u-other',
    from,
    to,
    chairs: 1,
    ...extra,
  });

  it('[RL1] nobody changes their own role, an administrator included; leaving the roster oneself is allowed', () => {
    expect(rosterChangeRefusal(secretary, change('secretary', 'chair', { targetId: 'u-ha' }))).toBe('own_role');
    expect(rosterChangeRefusal(secretary, change('secretary', 'delegate', { targetId: 'u-ha' }))).toBe('own_role');
    expect(rosterChangeRefusal(chair, change('chair', 'delegate', { targetId: 'u-kien', actorRole: 'chair', chairs: 2 }))).toBe('own_role');
    expect(rosterChangeRefusal(admin, change('delegate', 'chair', { targetId: 'u-admin', actorRole: 'delegate' }))).toBe('own_role');
    expect(rosterChangeRefusal(secretary, change('secretary', null, { targetId: 'u-ha' }))).toBeNull();
    expect(rosterChangeRefusal(secretary, change('secretary', 'secretary', { targetId: 'u-ha' }))).toBeNull();
  });

  it('[RL2] only a chair or an administrator grants, changes or takes away the chair’s role', () => {
    expect(rosterChangeRefusal(secretary, change('delegate', 'chair'))).toBe('chair_reserved');
    expect(rosterChangeRefusal(secretary, change(null, 'chair'))).toBe('chair_reserved');
    expect(rosterChangeRefusal(secretary, change('chair', 'delegate', { chairs: 2 }))).toBe('chair_reserved');
    expect(rosterChangeRefusal(secretary, change('chair', null, { chairs: 2 }))).toBe('chair_reserved');
    expect(rosterChangeRefusal(chair, change('delegate', 'chair', { actorRole: 'chair' }))).toBeNull();
    expect(rosterChangeRefusal(admin, change('delegate', 'chair', { actorRole: null }))).toBeNull();
    expect(rosterChangeRefusal(secretary, change('delegate', 'observer'))).toBeNull();
  });

  it('[RL3] the last chair stays, whoever asks', () => {
    expect(rosterChangeRefusal(admin, change('chair', 'delegate', { actorRole: null }))).toBe('last_chair');
    expect(rosterChangeRefusal(chair, change('chair', null, { targetId: 'u-kien', actorRole: 'chair' }))).toBe('last_chair');
    expect(rosterChangeRefusal(admin, change('chair', null, { actorRole: null, chairs: 2 }))).toBeNull();
  });
});
