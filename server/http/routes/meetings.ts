import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  addMemberRequest,
  attendanceRequest,
  createDocumentRequest,
  createMeetingRequest,
  importMembersRequest,
  updateMeetingRequest,
  updateMemberRequest,
  type MeetingSummary,
  type MeetingView,
} from '../../../shared/api.ts';
import { computeQuorum } from '../../../shared/meeting.ts';
import type { Actor } from '../../accounts/users.ts';
import {
  addMember,
  createDocument,
  createMeeting,
  markAttendance,
  removeMember,
  updateMeeting,
  updateMember,
} from '../../meetings/commands.ts';
import { importMembers } from '../../meetings/import.ts';
import { presentMeetingInfo } from '../../meetings/present.ts';
import { can, meetingPermissions } from '../../policies.ts';
import type { Services } from '../../services.ts';
import { requireActor } from '../auth.ts';
import { languageOf, parse } from '../errors.ts';
import { authorize, loadMeeting } from '../guard.ts';
import { presentMotion } from '../../motions/present.ts';

const meetingParams = z.object({ id: z.string().min(1) });
const memberParams = z.object({ id: z.string().min(1), userId: z.string().min(1) });

async function meetingView(s: Services, actor: Actor, meetingId: string): Promise<MeetingView> {
  const { meeting, subject } = await loadMeeting(s, actor, meetingId);
  const info = presentMeetingInfo(meeting);
  const members = await s.meetings.members(meetingId);
  return {
    ...info,
    createdAt: meeting.createdAt,
    updatedAt: meeting.updatedAt,
    myRole: subject.role,
    permissions: meetingPermissions(actor, subject),
    members,
    quorum: computeQuorum(members, info.quorumRule),
    documents: await s.meetings.documents(meetingId),
    motions: (await s.motions.detailsOf(meetingId)).map(presentMotion),
    comments: await s.comments.stateOfMeeting(meetingId),
  };
}

export function meetingRoutes(app: FastifyInstance, s: Services): void {
  app.get('/api/meetings', async (req): Promise<MeetingSummary[]> => {
    const actor = requireActor(req);
    return (await s.meetings.list(actor.isAdmin ? null : actor.id)).map((m) => ({ ...presentMeetingInfo(m), myRole: m.myRole, memberCount: m.memberCount }));
  });

  app.post('/api/meetings', async (req, reply) => {
    const actor = requireActor(req);
    authorize(actor, { type: 'meeting.create' });
    const { creatorRole, ...fields } = parse(createMeetingRequest, req.body);
    const row = await createMeeting(s, actor, fields, creatorRole);
    return reply.code(201).send(await meetingView(s, actor, row.id));
  });

  app.get('/api/meetings/:id', async (req) => {
    const actor = requireActor(req);
    return await meetingView(s, actor, parse(meetingParams, req.params).id);
  });

  app.patch('/api/meetings/:id', async (req) => {
    const actor = requireActor(req);
    const { id } = parse(meetingParams, req.params);
    const { subject } = await loadMeeting(s, actor, id);
    authorize(actor, { type: 'meeting.update', meeting: subject });
    await updateMeeting(s, actor, id, parse(updateMeetingRequest, req.body));
    return await meetingView(s, actor, id);
  });

  app.get('/api/meetings/:id/members', async (req) => {
    const actor = requireActor(req);
    const { meeting } = await loadMeeting(s, actor, parse(meetingParams, req.params).id);
    const members = await s.meetings.members(meeting.id);
    return { members, quorum: computeQuorum(members, meeting.quorumRule) };
  });

  app.post('/api/meetings/:id/members', async (req, reply) => {
    const actor = requireActor(req);
    const { id } = parse(meetingParams, req.params);
    const { subject } = await loadMeeting(s, actor, id);
    authorize(actor, { type: 'roster.manage', meeting: subject });
    return reply.code(201).send(await addMember(s, actor, id, parse(addMemberRequest, req.body)));
  });

  app.patch('/api/meetings/:id/members/:userId', async (req) => {
    const actor = requireActor(req);
    const { id, userId } = parse(memberParams, req.params);
    const { subject } = await loadMeeting(s, actor, id);
    authorize(actor, { type: 'roster.manage', meeting: subject });
    return updateMember(s, actor, id, userId, parse(updateMemberRequest, req.body));
  });

  app.delete('/api/meetings/:id/members/:userId', async (req, reply) => {
    const actor = requireActor(req);
    const { id, userId } = parse(memberParams, req.params);
    const { subject } = await loadMeeting(s, actor, id);
    authorize(actor, { type: 'roster.manage', meeting: subject });
    await removeMember(s, actor, id, userId);
    return reply.code(204).send();
  });

  app.post('/api/meetings/:id/members/import', async (req) => {
    const actor = requireActor(req);
    const { id } = parse(meetingParams, req.params);
    const { subject } = await loadMeeting(s, actor, id);
    authorize(actor, { type: 'roster.manage', meeting: subject });
    return importMembers(s, actor, id, parse(importMembersRequest, req.body), languageOf(req));
  });

  app.post('/api/meetings/:id/attendance', async (req) => {
    const actor = requireActor(req);
    const { id } = parse(meetingParams, req.params);
    const { subject } = await loadMeeting(s, actor, id);
    const input = parse(attendanceRequest, req.body);
    const userId = input.userId ?? actor.id;
    if (userId === actor.id && input.status === 'present' && can(actor, { type: 'attendance.checkIn', meeting: subject })) {
      // Checking oneself in; anything else (another person, absent, excused) is the secretary's or chair's.
    } else {
      authorize(actor, { type: 'attendance.mark', meeting: subject });
    }
    return markAttendance(s, actor, id, { userId, status: input.status, reason: input.reason ?? '' });
  });

  app.get('/api/meetings/:id/documents', async (req) => {
    const actor = requireActor(req);
    const { meeting } = await loadMeeting(s, actor, parse(meetingParams, req.params).id);
    return await s.meetings.documents(meeting.id);
  });

  app.post('/api/meetings/:id/documents', async (req, reply) => {
    const actor = requireActor(req);
    const { id } = parse(meetingParams, req.params);
    const { subject } = await loadMeeting(s, actor, id);
    authorize(actor, { type: 'document.create', meeting: subject });
    return reply.code(201).send(await createDocument(s, actor, id, parse(createDocumentRequest, req.body)));
  });
}
