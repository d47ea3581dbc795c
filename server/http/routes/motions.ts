import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  ballotRequest,
  createAmendmentRequest,
  createMotionRequest,
  setAsideRequest,
  tallyRequest,
  updateMotionRequest,
  type AuditView,
  type CastBallotView,
  type MotionDetail,
  type MotionElectorateView,
  type MotionView,
} from '../../../shared/api.ts';
import type { Actor } from '../../accounts/users.ts';
import { castBallot, closeMotion, createMotion, openMotion, recordTally, updateMotion } from '../../motions/commands.ts';
import { applyAmendmentAgain, createAmendment, setAmendmentAside } from '../../motions/amendments.ts';
import { presentBallot, presentMotion } from '../../motions/present.ts';
import type { Motion, MotionFields } from '../../motions/repo.ts';
import { can, type MeetingSubject } from '../../policies.ts';
import type { Services } from '../../services.ts';
import { requireActor } from '../auth.ts';
import { fail } from '../../errors.ts';
import { parse } from '../errors.ts';
import { perPersonPerMinute } from '../rate-limits.ts';
import { authorize, loadMeeting } from '../guard.ts';

const idParams = z.object({ id: z.string().min(1) });

/** The motion and the caller's standing in its meeting; 404 for a motion of a meeting the caller cannot see. */
async function loadMotion(s: Services, actor: Actor, motionId: string): Promise<{ motion: Motion; subject: MeetingSubject }> {
  const motion = await s.motions.byId(motionId) ?? fail('not_found');
  const { subject } = await loadMeeting(s, actor, motion.meetingId);
  return { motion, subject };
}

async function detail(s: Services, actor: Actor, motionId: string): Promise<MotionDetail> {
  const view = presentMotion(await s.motions.detailOf(motionId) ?? fail('not_found'));
  const mine = await s.motions.ballotOf(motionId, actor.id);
  return {
    ...view,
    ballots: (await s.motions.ballots(motionId)).map(presentBallot),
    myBallot: { voted: mine !== undefined, choice: mine?.choice ?? null },
  };
}

function columns(input: Partial<z.output<typeof updateMotionRequest>>): Partial<MotionFields> {
  const out: Partial<MotionFields> = {};
  if (input.title !== undefined) out.title = input.title;
  if (input.description !== undefined) out.description = input.description;
  if (input.documentId !== undefined) out.documentId = input.documentId;
  if (input.form !== undefined) out.form = input.form;
  if (input.rule !== undefined) out.rule = input.rule;
  if (input.quorumRule !== undefined) out.quorumRule = { ...input.quorumRule };
  if (input.durationSeconds !== undefined) out.durationSeconds = input.durationSeconds;
  return out;
}

export function motionRoutes(app: FastifyInstance, s: Services, options: { auditChecksPerMinute: number }): void {
  app.get('/api/meetings/:id/motions', async (req): Promise<MotionView[]> => {
    const actor = requireActor(req);
    const { meeting } = await loadMeeting(s, actor, parse(idParams, req.params).id);
    return (await s.motions.detailsOf(meeting.id)).map(presentMotion);
  });

  app.post('/api/meetings/:id/motions', async (req, reply) => {
    const actor = requireActor(req);
    const { id } = parse(idParams, req.params);
    const { meeting, subject } = await loadMeeting(s, actor, id);
    authorize(actor, { type: 'motion.manage', meeting: subject });
    const { revoteOf, ...input } = parse(createMotionRequest, req.body);
    const fields: MotionFields = {
      title: input.title,
      description: input.description,
      documentId: input.documentId,
      form: input.form,
      rule: input.rule,
      quorumRule: {
        numerator: input.quorumRule?.numerator ?? meeting.quorumRule.numerator,
        denominator: input.quorumRule?.denominator ?? meeting.quorumRule.denominator,
      },
      durationSeconds: input.durationSeconds,
    };
    return reply.code(201).send(await createMotion(s, actor, id, fields, revoteOf ?? null));
  });

  // An amendment: suggestions of one of the meeting's documents put to the vote together (`server/motions/amendments.ts`).
  app.post('/api/meetings/:id/amendments', async (req, reply) => {
    const actor = requireActor(req);
    const { id } = parse(idParams, req.params);
    const { meeting, subject } = await loadMeeting(s, actor, id);
    authorize(actor, { type: 'motion.manage', meeting: subject });
    const { suggestionIds, ...input } = parse(createAmendmentRequest, req.body);
    const fields = {
      ...input,
      quorumRule: {
        numerator: input.quorumRule?.numerator ?? meeting.quorumRule.numerator,
        denominator: input.quorumRule?.denominator ?? meeting.quorumRule.denominator,
      },
    };
    return reply.code(201).send(await createAmendment(s, actor, id, fields, suggestionIds));
  });

  // The chair withdraws or postpones a draft amendment, or brings a postponed one back.
  app.post('/api/motions/:id/set-aside', async (req) => {
    const actor = requireActor(req);
    const { motion, subject } = await loadMotion(s, actor, parse(idParams, req.params).id);
    authorize(actor, { type: 'motion.run', meeting: subject });
    return setAmendmentAside(s, actor, motion.id, parse(setAsideRequest, req.body).action);
  });

  // The chair or the secretary asks again for a closed amendment's outcome that could not be applied to the text.
  app.post('/api/motions/:id/amendment/apply', async (req) => {
    const actor = requireActor(req);
    const { motion, subject } = await loadMotion(s, actor, parse(idParams, req.params).id);
    authorize(actor, { type: 'motion.manage', meeting: subject });
    return applyAmendmentAgain(s, actor, motion.id);
  });

  app.get('/api/motions/:id', async (req): Promise<MotionDetail> => {
    const actor = requireActor(req);
    const { motion } = await loadMotion(s, actor, parse(idParams, req.params).id);
    return await detail(s, actor, motion.id);
  });

  // For the chair about to close the vote: who of those counted present has not voted yet (the ballots are live).
  app.get('/api/motions/:id/electorate', async (req): Promise<MotionElectorateView> => {
    const actor = requireActor(req);
    const { motion, subject } = await loadMotion(s, actor, parse(idParams, req.params).id);
    authorize(actor, { type: 'motion.run', meeting: subject });
    return { present: await s.motions.presentAtOpening(motion.id) };
  });

  app.patch('/api/motions/:id', async (req) => {
    const actor = requireActor(req);
    const { motion, subject } = await loadMotion(s, actor, parse(idParams, req.params).id);
    authorize(actor, { type: 'motion.manage', meeting: subject });
    return updateMotion(s, actor, motion.id, columns(parse(updateMotionRequest, req.body)));
  });

  app.post('/api/motions/:id/open', async (req) => {
    const actor = requireActor(req);
    const { motion, subject } = await loadMotion(s, actor, parse(idParams, req.params).id);
    authorize(actor, { type: 'motion.run', meeting: subject });
    return openMotion(s, actor, motion.id);
  });

  app.post('/api/motions/:id/close', async (req) => {
    const actor = requireActor(req);
    const { motion, subject } = await loadMotion(s, actor, parse(idParams, req.params).id);
    authorize(actor, { type: 'motion.run', meeting: subject });
    return closeMotion(s, actor, motion.id);
  });

  app.post('/api/motions/:id/ballots', async (req, reply) => {
    const actor = requireActor(req);
    const { motion, subject } = await loadMotion(s, actor, parse(idParams, req.params).id);
    if (!can(actor, { type: 'ballot.cast', meeting: subject })) fail('not_eligible');
    const { choice } = parse(ballotRequest, req.body);
    const view = await castBallot(s, actor, motion.id, choice);
    // Only the caller's own ballot: the list of everyone's would make a burst of ballots quadratic.
    const answer: CastBallotView = { ...view, myBallot: { voted: true, choice: motion.form === 'secret' ? null : choice } };
    return reply.code(201).send(answer);
  });

  app.post('/api/motions/:id/tally', async (req) => {
    const actor = requireActor(req);
    const { motion, subject } = await loadMotion(s, actor, parse(idParams, req.params).id);
    authorize(actor, { type: 'motion.tally', meeting: subject });
    return recordTally(s, actor, motion.id, parse(tallyRequest, req.body));
  });

  // Each view checks the installation's whole record (every entry's hash and MAC), so it is limited per person.
  app.get('/api/meetings/:id/audit', { config: perPersonPerMinute(options.auditChecksPerMinute) }, async (req): Promise<AuditView> => {
    const actor = requireActor(req);
    const { meeting, subject } = await loadMeeting(s, actor, parse(idParams, req.params).id);
    authorize(actor, { type: 'audit.read', meeting: subject });
    return { entries: await s.audit.entries(meeting.id), verification: await s.audit.verify() };
  });
}
