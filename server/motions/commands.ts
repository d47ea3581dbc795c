import type { MotionView } from '../../shared/api.ts';
import { computeQuorum } from '../../shared/meeting.ts';
import { decide, type Choice, type Tally } from '../../shared/motions.ts';
import type { Actor } from '../accounts/users.ts';
import { relock, storeLock } from '../documents/lock.ts';
import { contentHash } from '../documents/versions.ts';
import { AppError, fail } from '../errors.ts';
import { emit } from '../events.ts';
import { nowIso } from '../ids.ts';
import { stageRefusal, type Stage } from '../policies.ts';
import type { Repositories, Services } from '../services.ts';
import { electorateAtOpening } from '../../shared/electorate.ts';
import { checkAmendmentOpens, settleAmendment } from './amendments.ts';
import { presentMotion } from './present.ts';
import { motionColumns, type Motion, type MotionFields } from './repo.ts';

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
  return motionColumns(f);
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
      // An amendment is voted again as a new amendment of the suggestions still in the text, never as a vote on the
      // whole document.
      if (await tx.amendments.byMotion(revoteOf)) fail('amendment_no_revote', 'revoteOf');
    }
    const row = await tx.motions.insert(meetingId, fields, revoteOf, actor.id);
    await tx.audit.append({
      actorId: actor.id,
      meetingId,
      action: 'motion.created',
      payload: { motionId: row.id, number: row.number, ...auditedFields(fields), revoteOf },
    });
    emit(tx, { type: 'meeting.changed', meetingId });
    return row;
  });
  return view(s, row.id);
}

export async function updateMotion(s: Services, actor: Actor, motionId: string, changes: Partial<MotionFields>): Promise<MotionView> {
  const row = await motionOf(s, motionId);
  if (changes.documentId !== undefined) await checkDocument(s, row.meetingId, changes.documentId);
  // An amendment stays bound to the document its suggestions are in.
  if (changes.documentId !== undefined && changes.documentId !== row.documentId && (await s.amendments.byMotion(motionId))) {
    fail('amendment_document', 'documentId');
  }
  await s.uow.run(async (tx) => {
    if ((await motionOf(tx, motionId, true)).status !== 'draft') fail('motion_not_draft');
    await checkStage(tx, row.meetingId, 'motion.prepare');
    await tx.motions.update(motionId, changes);
    await tx.audit.append({ actorId: actor.id, meetingId: row.meetingId, action: 'motion.updated', payload: { motionId, ...auditedFields(changes) } });
    emit(tx, { type: 'meeting.changed', meetingId: row.meetingId });
  });
  return view(s, motionId);
}

/**
 * Opens the vote. A motion bound to a document freezes it in the opening's unit: the document is locked in the
 * database (which waits for appends in flight on any process, and refuses every append after the commit) and the
 * text stored at that instant is the version voted on (its Yjs state and content hash). This process's room stops
 * taking edits first, and stores what it has, so that its own clients' last edits make it into the version; if the
 * opening fails, the room takes the lock the database still gives it. An amendment freezes only its suggestions, in
 * every process's room, and takes the version the same way without locking the document (`amendments.ts`).
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
    // The final vote on a text waits for its amendments (`amendments.ts`); an amendment set aside meanwhile stays so.
    if (row.documentId !== null && frozen === null && (await r.amendments.anyPending(row.documentId))) fail('amendments_pending');
    if (frozen !== null && lock && (await r.amendments.byMotion(motionId))?.setAside) fail('amendment_set_aside');
    return { quorum, members };
  };
  // An amendment: its suggestions, which its vote freezes (the rest of the text stays open); null otherwise.
  let frozen: ReadonlySet<string> | null = null;
  if (row.documentId !== null && (await s.amendments.byMotion(motionId))) frozen = new Set();
  await check(s, false);
  if (frozen) frozen = await checkAmendmentOpens(s, motionId);
  const docId = row.documentId;
  if (docId !== null) {
    if (frozen) await s.rooms?.freeze(docId, frozen);
    else await s.rooms?.hold(docId);
  }
  const openedAt = nowIso();
  const closesAt = row.durationSeconds === null ? null : new Date(Date.parse(openedAt) + row.durationSeconds * 1000).toISOString();
  try {
    await s.uow.run(async (tx) => {
      const { quorum, members } = await check(tx, true);
      let versionId: string | null = null;
      if (docId !== null) {
        let state: Uint8Array;
        if (frozen) {
          await tx.heads.hold(docId);
          state = await tx.heads.storedState(docId);
        } else {
          state = await tx.heads.freeze(docId, 'hold');
        }
        const hash = contentHash(state);
        const version = await tx.versions.insert({
          documentId: docId,
          kind: 'vote',
          label: `Biểu quyết số ${row.number}: ${row.title}`,
          motionId,
          state,
          hash,
          createdBy: actor.id,
        });
        versionId = version.id;
        if (!frozen) {
          await tx.audit.append({ actorId: actor.id, meetingId: row.meetingId, action: 'document.frozen', payload: { documentId: docId, motionId } });
        }
        await tx.audit.append({
          actorId: actor.id,
          meetingId: row.meetingId,
          action: 'version.taken',
          payload: { versionId, documentId: docId, motionId, contentHash: hash },
        });
        // Every process's room takes the hold, or the amendment's frozen suggestions (this one has it already).
        emit(tx, { type: 'document.lock', documentId: docId });
      }
      if (!(await tx.motions.markOpen(motionId, versionId, openedAt, closesAt))) fail('motion_not_draft');
      await tx.motions.fixElectorate(motionId, electorateAtOpening(members));
      await tx.audit.append({
        actorId: actor.id,
        meetingId: row.meetingId,
        action: 'motion.opened',
        payload: { motionId, number: row.number, form: row.form, rule: row.rule, present: quorum.present, members: quorum.total, closesAt },
      });
      if (closesAt !== null) emit(tx, { type: 'motion.timer', motionId, closesAt });
      emit(tx, { type: 'meeting.changed', meetingId: row.meetingId });
    });
  } catch (err) {
    // The opening did not commit: the room held for it takes the lock the database still gives it.
    if (docId !== null) await relock(s, docId);
    throw err;
  }
  return view(s, motionId);
}

/**
 * Records one ballot. Refused unless the vote is open (and its closing time not passed), the form is
 * electronic, and the voter is checked in; a second ballot is refused by the database's key.
 *
 * Ballots on one motion are committed in groups: the first goes at once, and those that arrive while a group is
 * being written go together in the next one, one transaction for all (on PostgreSQL the motion's row and the audit
 * chain are held for each commit, so one commit per ballot would queue a burst behind hundreds of them). Each ballot
 * is checked and written on its own inside the group; one refused (not present, voted already) refuses only itself,
 * before it writes anything.
 */
export function castBallot(s: Services, actor: Actor, motionId: string, choice: Choice): Promise<MotionView> {
  let groups = ballotGroups.get(s);
  if (!groups) ballotGroups.set(s, (groups = new Map()));
  let group = groups.get(motionId);
  if (!group) groups.set(motionId, (group = { waiting: [], writing: false }));
  const ballot = new Promise<MotionView>((resolve, reject) => group.waiting.push({ actor, choice, resolve, reject }));
  if (!group.writing) void writeGroups(s, motionId, group, groups);
  return ballot;
}

interface PendingBallot {
  actor: Actor;
  choice: Choice;
  resolve(view: MotionView): void;
  reject(err: unknown): void;
}

interface BallotGroup {
  waiting: PendingBallot[];
  writing: boolean;
}

/** Per running server (tests run several in one process), per motion: the ballots waiting for the next commit. */
const ballotGroups = new WeakMap<Services, Map<string, BallotGroup>>();

async function writeGroups(s: Services, motionId: string, group: BallotGroup, groups: Map<string, BallotGroup>): Promise<void> {
  group.writing = true;
  try {
    while (group.waiting.length > 0) {
      const batch = group.waiting.splice(0);
      // The motion's view after the group, read once for the watchers (the events) and every answer alike.
      let after: Promise<MotionView> | null = null;
      const motion = () => (after ??= view(s, motionId));
      const refused = new Map<PendingBallot, unknown>();
      try {
        await s.uow.run(async (tx) => {
          refused.clear();
          const current = await motionOf(tx, motionId, true);
          const { meetingId } = current;
          const secret = current.form === 'secret';
          for (const b of batch) {
            try {
              if (current.status !== 'open' || (current.closesAt !== null && Date.parse(current.closesAt) <= Date.now())) {
                fail('motion_not_open');
              }
              if (current.form === 'hands') fail('wrong_form');
              if ((await tx.meetings.member(meetingId, b.actor.id))?.attendance !== 'present') fail('not_present');
              if ((await tx.motions.insertBallot(motionId, b.actor.id, b.choice, secret)) === 'duplicate') fail('already_voted');
            } catch (err) {
              // Refused before writing anything: the others in the group go on.
              if (!(err instanceof AppError)) throw err;
              refused.set(b, err);
              continue;
            }
            await tx.audit.append({
              actorId: b.actor.id,
              meetingId,
              action: 'ballot.recorded',
              // A secret ballot's entry says who voted, never what.
              payload: secret ? { motionId, userId: b.actor.id } : { motionId, userId: b.actor.id, choice: b.choice },
            });
            emit(tx, { type: 'ballot.cast', meetingId, motionId, userId: b.actor.id, ballot: secret ? 'voted' : b.choice, motion });
          }
        });
      } catch (err) {
        // Nothing of the group was committed: every ballot in it gets the failure (motion not found, storage).
        for (const b of batch) b.reject(err);
        continue;
      }
      const recorded = batch.filter((b) => !refused.has(b));
      if (recorded.length > 0) {
        try {
          const answer = await motion();
          for (const b of recorded) b.resolve(answer);
        } catch (err) {
          for (const b of recorded) b.reject(err);
        }
      }
      for (const [b, err] of refused) b.reject(err);
    }
  } finally {
    group.writing = false;
    if (groups.get(motionId) === group && group.waiting.length === 0) groups.delete(motionId);
  }
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
    emit(tx, { type: 'meeting.changed', meetingId: row.meetingId });
  });
  return view(s, motionId);
}

/**
 * Closes the vote and decides it. The electorate is frozen into the motion; an adopted document stays locked as
 * the adopted text, a rejected or void one is unfrozen. `actor` null: the closing time was reached.
 */
export async function closeMotion(s: Services, actor: Actor | null, motionId: string): Promise<MotionView> {
  const row = await motionOf(s, motionId);
  const amendmentRow = row.documentId === null ? undefined : await s.amendments.byMotion(motionId);
  const amendment = amendmentRow !== undefined;
  if (row.status === 'closed' && amendmentRow?.settledAt === null) {
    // An amendment closed whose outcome did not make it into the text (that step failed): closing again applies it.
    await settleAmendment(s, actor, motionId);
    return view(s, motionId);
  }
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
    if (current.documentId !== null && amendment) {
      // Its suggestions stay frozen until its outcome is in the text (`settleAmendment`, below).
      emit(tx, { type: 'document.lock', documentId: current.documentId });
    } else if (current.documentId !== null) {
      // Sealed if adopted, open again otherwise, for every append from the commit on.
      await storeLock(tx, current.documentId);
      await tx.audit.append({
        actorId,
        meetingId: row.meetingId,
        action: decision.outcome === 'adopted' ? 'document.adopted' : 'document.unfrozen',
        payload: { documentId: current.documentId, motionId, versionId: current.versionId },
      });
      emit(tx, { type: 'document.lock', documentId: current.documentId });
    }
    emit(tx, { type: 'motion.timer', motionId, closesAt: null });
    // A secret vote's traces of its ballots' order in the engine's own files go (SQLite's write-ahead log).
    emit(tx, { type: 'motion.closed', motionId, secret: current.form === 'secret' });
    emit(tx, { type: 'meeting.changed', meetingId: row.meetingId });
  });
  // An amendment's outcome goes into the text now. Should this fail, the vote is closed all the same: the answer
  // shows it not applied yet, and the server tries again by itself (`settle-retry.ts`; also at the next start).
  if (amendment) {
    try {
      await settleAmendment(s, actor, motionId);
    } catch (err) {
      if (!s.settleRetry) throw err;
      s.settleRetry.failed(motionId, err);
    }
  }
  return view(s, motionId);
}
