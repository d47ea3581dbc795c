import type { MotionView } from '../../shared/api.ts';
import { computeQuorum } from '../../shared/meeting.ts';
import { decide, type Choice, type Tally } from '../../shared/motions.ts';
import type { Actor } from '../accounts/users.ts';
import { relock } from '../documents/lock.ts';
import { contentHash } from '../documents/versions.ts';
import { fail } from '../errors.ts';
import { nowIso } from '../ids.ts';
import { stageRefusal, type Stage } from '../policies.ts';
import type { Repositories, Services } from '../services.ts';
import { electorateAtOpening } from '../../shared/electorate.ts';
import { presentMotion } from './present.ts';
import type { Motion, MotionFields } from './repo.ts';

/**
 * The commands of a vote. Each checks the motion's state first (a ballot before the opening or after the close
 * is refused whatever the caller's role), changes it in one transaction with its audit entries, then publishes.
 * Who may call which is decided before, by the route, through the policies.
 */

/** `lock`: inside a unit, the motion's row is held until the commit (the state checked stays the state written on). */
async function motionOf(r: Repositories, motionId: string, lock = false): Promise<Motion> {
  return (await r.motions.byId(motionId, { lock })) ?? fail('not_found');
}

async function view(r: Repositories, motionId: string): Promise<MotionView> {
  const details = (await r.motions.detailOf(motionId)) ?? fail('not_found');
  return presentMotion(details);
}

/** Refused with the code of why the meeting's stage does not allow the step (`stageRefusal`). */
async function checkStage(r: Repositories, meetingId: string, stage: Stage): Promise<void> {
  const meeting = (await r.meetings.byId(meetingId)) ?? fail('not_found');
  const refusal = stageRefusal(meeting.status, stage);
  if (refusal) fail(refusal);
}

/** The document must belong to the meeting. */
async function checkDocument(r: Repositories, meetingId: string, documentId: string | null): Promise<void> {
  if (documentId !== null && (await r.meetings.document(documentId))?.meetingId !== meetingId) fail('not_found', 'documentId');
}

/**
 * A motion's fields as the audit record keeps them: by their column names (`document_id`), which the record's
 * readers (`shared/audit-actions.ts`) know.
 */
function auditedFields(f: Partial<MotionFields>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (f.title !== undefined) out.title = f.title;
  if (f.description !== undefined) out.description = f.description;
  if (f.documentId !== undefined) out.document_id = f.documentId;
  if (f.form !== undefined) out.form = f.form;
  if (f.rule !== undefined) out.rule = f.rule;
  if (f.quorumRule !== undefined) {
    out.quorum_num = f.quorumRule.numerator;
    out.quorum_den = f.quorumRule.denominator;
  }
  if (f.durationSeconds !== undefined) out.duration_seconds = f.durationSeconds;
  return out;
}

export async function createMotion(
  s: Services,
  actor: Actor,
  meetingId: string,
  fields: MotionFields,
  revoteOf: string | null,
): Promise<MotionView> {
  await checkDocument(s, meetingId, fields.documentId);
  const row = await s.uow.run(async (tx) => {
    await checkStage(tx, meetingId, 'motion.prepare');
    if (revoteOf !== null) {
      const original = await tx.motions.byId(revoteOf);
      if (original?.meetingId !== meetingId) fail('not_found', 'revoteOf');
      if (original.status !== 'closed') fail('revote_not_closed', 'revoteOf');
      if ((await tx.motions.revoteOf(revoteOf)) !== null) fail('already_revoted', 'revoteOf');
    }
    const row = await tx.motions.insert(meetingId, fields, revoteOf, actor.id);
    await tx.audit.append({
      actorId: actor.id,
      meetingId,
      action: 'motion.created',
      payload: { motionId: row.id, number: row.number, ...auditedFields(fields), revoteOf },
    });
    return row;
  });
  await s.projection?.publish(meetingId);
  return view(s, row.id);
}

export async function updateMotion(s: Services, actor: Actor, motionId: string, changes: Partial<MotionFields>): Promise<MotionView> {
  const row = await motionOf(s, motionId);
  if (changes.documentId !== undefined) await checkDocument(s, row.meetingId, changes.documentId);
  await s.uow.run(async (tx) => {
    if ((await motionOf(tx, motionId, true)).status !== 'draft') fail('motion_not_draft');
    await checkStage(tx, row.meetingId, 'motion.prepare');
    await tx.motions.update(motionId, changes);
    await tx.audit.append({ actorId: actor.id, meetingId: row.meetingId, action: 'motion.updated', payload: { motionId, ...auditedFields(changes) } });
  });
  await s.projection?.publish(row.meetingId);
  return view(s, motionId);
}

/**
 * Opens the vote. A motion bound to a document first freezes it, taking the text at that instant as the version
 * voted on (its Yjs state and content hash); if the opening then fails, the document is unfrozen again.
 */
export async function openMotion(s: Services, actor: Actor, motionId: string): Promise<MotionView> {
  const row = await motionOf(s, motionId);
  const check = async (r: Repositories, lock: boolean) => {
    const current = await motionOf(r, motionId, lock);
    if (current.status !== 'draft') fail('motion_not_draft');
    // Its own code: "attendance only in session" (not_in_session) is the wrong reason to give for a vote.
    await checkStage(r, row.meetingId, 'motion.open');
    const members = await r.meetings.members(row.meetingId);
    const quorum = computeQuorum(members, row.quorumRule);
    if (!quorum.met) fail('quorum_not_met');
    if (row.documentId !== null && (await r.meetings.document(row.documentId))?.lock) fail('document_locked');
    return { quorum, members };
  };
  await check(s, false);
  const docId = row.documentId;
  let frozen: { state: Uint8Array; hash: string } | null = null;
  if (docId !== null) {
    const rooms = s.rooms ?? fail('internal');
    const state = await rooms.freeze(docId);
    frozen = { state, hash: contentHash(state) };
  }
  const openedAt = nowIso();
  const closesAt = row.durationSeconds === null ? null : new Date(Date.parse(openedAt) + row.durationSeconds * 1000).toISOString();
  try {
    await s.uow.run(async (tx) => {
      const { quorum, members } = await check(tx, true);
      let versionId: string | null = null;
      if (docId !== null && frozen) {
        const version = await tx.versions.insert({
          documentId: docId,
          kind: 'vote',
          label: `Biểu quyết số ${row.number}: ${row.title}`,
          motionId,
          state: frozen.state,
          hash: frozen.hash,
          createdBy: actor.id,
        });
        versionId = version.id;
        await tx.audit.append({ actorId: actor.id, meetingId: row.meetingId, action: 'document.frozen', payload: { documentId: docId, motionId } });
        await tx.audit.append({
          actorId: actor.id,
          meetingId: row.meetingId,
          action: 'version.taken',
          payload: { versionId, documentId: docId, motionId, contentHash: frozen.hash },
        });
      }
      if (!(await tx.motions.markOpen(motionId, versionId, openedAt, closesAt))) fail('motion_not_draft');
      await tx.motions.fixElectorate(motionId, electorateAtOpening(members));
      await tx.audit.append({
        actorId: actor.id,
        meetingId: row.meetingId,
        action: 'motion.opened',
        payload: { motionId, number: row.number, form: row.form, rule: row.rule, present: quorum.present, members: quorum.total, closesAt },
      });
    });
  } catch (err) {
    if (docId !== null) await relock(s, docId);
    throw err;
  }
  if (closesAt !== null) s.motionTimers?.schedule(motionId, closesAt);
  await s.projection?.publish(row.meetingId);
  return view(s, motionId);
}

/**
 * Records one ballot. Refused unless the vote is open (and its closing time not passed), the form is
 * electronic, and the voter is checked in; a second ballot is refused by the database's key.
 */
export async function castBallot(s: Services, actor: Actor, motionId: string, choice: Choice): Promise<MotionView> {
  // Read once, inside the unit: a burst of ballots runs this hundreds of times.
  const { meetingId, secret } = await s.uow.run(async (tx) => {
    const current = await motionOf(tx, motionId, true);
    const { meetingId } = current;
    const secret = current.form === 'secret';
    if (current.status !== 'open' || (current.closesAt !== null && Date.parse(current.closesAt) <= Date.now())) {
      fail('motion_not_open');
    }
    if (current.form === 'hands') fail('wrong_form');
    if ((await tx.meetings.member(meetingId, actor.id))?.attendance !== 'present') fail('not_present');
    if ((await tx.motions.insertBallot(motionId, actor.id, choice, secret)) === 'duplicate') fail('already_voted');
    await tx.audit.append({
      actorId: actor.id,
      meetingId,
      action: 'ballot.recorded',
      // A secret ballot's entry says who voted, never what.
      payload: secret ? { motionId, userId: actor.id } : { motionId, userId: actor.id, choice },
    });
    return { meetingId, secret };
  });
  const motion = await view(s, motionId);
  await s.projection?.publishBallot(meetingId, motion, actor.id, secret ? 'voted' : choice);
  return motion;
}

/** Show of hands: the secretary's counts, which may be corrected until the chair closes the vote. */
export async function recordTally(s: Services, actor: Actor, motionId: string, tally: Tally): Promise<MotionView> {
  const row = await motionOf(s, motionId);
  await s.uow.run(async (tx) => {
    const current = await motionOf(tx, motionId, true);
    if (current.status !== 'open') fail('motion_not_open');
    if (current.form !== 'hands') fail('wrong_form');
    const { present } = await tx.motions.electorate(motionId);
    if (tally.for + tally.against + tally.abstain > present) fail('tally_too_high');
    await tx.motions.setTally(motionId, tally);
    await tx.audit.append({ actorId: actor.id, meetingId: row.meetingId, action: 'tally.recorded', payload: { motionId, ...tally, present } });
  });
  await s.projection?.publish(row.meetingId);
  return view(s, motionId);
}

/**
 * Closes the vote and decides it. The electorate is frozen into the motion; an adopted document stays locked as
 * the adopted text, a rejected or void one is unfrozen. `actor` null: the closing time was reached.
 */
export async function closeMotion(s: Services, actor: Actor | null, motionId: string): Promise<MotionView> {
  const row = await motionOf(s, motionId);
  await s.uow.run(async (tx) => {
    const current = await motionOf(tx, motionId, true);
    if (current.status !== 'open') fail('motion_not_open');
    const tally = current.tally ?? fail('tally_missing');
    const electorate = await tx.motions.electorate(motionId);
    const decision = decide(current.rule, current.quorumRule, tally, electorate);
    await tx.motions.markClosed(motionId, decision.outcome, electorate, nowIso());
    if (current.form === 'secret') await tx.motions.forgetBallotOrder(motionId);
    const actorId = actor?.id ?? null;
    await tx.audit.append({
      actorId,
      meetingId: row.meetingId,
      action: 'motion.closed',
      payload: { motionId, number: current.number, outcome: decision.outcome, tally, ...electorate, byTimer: actor === null },
    });
    if (current.documentId !== null) {
      await tx.audit.append({
        actorId,
        meetingId: row.meetingId,
        action: decision.outcome === 'adopted' ? 'document.adopted' : 'document.unfrozen',
        payload: { documentId: current.documentId, motionId, versionId: current.versionId },
      });
    }
  });
  s.motionTimers?.cancel(motionId);
  // The write-ahead log holds each ballot's transaction as frames, the ballot row beside the count it moved; for a
  // secret vote that history would link them. Folding the log into the database and emptying it removes it.
  if (row.form === 'secret') await s.forgetBallotOrder();
  if (row.documentId !== null) await relock(s, row.documentId);
  await s.projection?.publish(row.meetingId);
  const closed = await view(s, motionId);
  await s.voteResults?.(closed);
  return closed;
}
