/**
 * Amendments voted clause by clause. The chair or the secretary groups suggestions of a document into an amendment:
 * a motion bound to the document and to those suggestions (`amendments`, `amendment_suggestions`), with their old and
 * new text taken as they read then. It is voted like any motion (`commands.ts`: forms, rules, quorum, tallies,
 * timers, audit), except that
 *
 * - opening it freezes only its suggestions and the text they touch (`Room.setFrozen`, `freeze-gate.ts`), never the
 *   document, and takes the version voted on as a vote does;
 * - closing it applies the outcome to the text (`settleAmendment`): adopted, its suggestions are accepted in one
 *   change of the server's and a version is taken ("Sau sửa đổi: …"); rejected, they are rejected (the text reads as
 *   before; what they proposed stays in the amendment's record); void, they stay as they are. The suggestions stay
 *   frozen until the outcome is applied, so that nobody's edit slips in between;
 * - while a document has pending amendments (draft, open, or closed and not applied), the final vote on it is refused
 *   (`amendments_pending`), unless the chair withdraws or postpones them.
 */
import * as Y from 'yjs';
import type { MotionView } from '../../shared/api.ts';
import { amendmentOf, defaultAmendmentTitle } from '../../shared/amendments.ts';
import { decideSuggestions, listSuggestions, type Decision } from '../../shared/suggestions.ts';
import type { Actor } from '../accounts/users.ts';
import { contentHash } from '../documents/versions.ts';
import { fail } from '../errors.ts';
import { emit } from '../events.ts';
import { stageRefusal } from '../policies.ts';
import type { Services } from '../services.ts';
import { presentMotion } from './present.ts';
import { motionColumns, type MotionFields } from './repo.ts';

export type AmendmentFields = Omit<MotionFields, 'title' | 'documentId'> & { title?: string | undefined; documentId: string };

/** The suggestions the document has now, read from its live copy. */
async function currentSuggestions(s: Services, documentId: string): Promise<Y.Doc> {
  const rooms = s.rooms ?? fail('internal');
  const doc = new Y.Doc();
  Y.applyUpdate(doc, await rooms.snapshot(documentId));
  return doc;
}

async function view(s: Services, motionId: string): Promise<MotionView> {
  return presentMotion((await s.motions.detailOf(motionId)) ?? fail('not_found'));
}

/**
 * Makes an amendment of the suggestions `suggestionIds` of a document of the meeting. Refused when one of them is not
 * in the text (`suggestion_not_found`: unknown, or accepted, rejected or withdrawn since) or already belongs to a
 * pending amendment (`suggestion_in_amendment`), or when the document is locked.
 */
export async function createAmendment(s: Services, actor: Actor, meetingId: string, fields: AmendmentFields, suggestionIds: readonly string[]): Promise<MotionView> {
  const document = await s.meetings.document(fields.documentId);
  if (document?.meetingId !== meetingId) fail('not_found', 'documentId');
  if (document.lock) fail('document_locked');
  const ids = new Set(suggestionIds);
  const ydoc = await currentSuggestions(s, document.id);
  let record;
  try {
    record = amendmentOf(ydoc, ids);
  } finally {
    ydoc.destroy();
  }
  if (record.suggestions.length !== ids.size) fail('suggestion_not_found', 'suggestionIds');
  const motionFields: MotionFields = { ...fields, title: fields.title ?? defaultAmendmentTitle(record, document.title) };
  const row = await s.uow.run(async (tx) => {
    const meeting = (await tx.meetings.byId(meetingId)) ?? fail('not_found');
    const refusal = stageRefusal(meeting.status, 'motion.prepare');
    if (refusal) fail(refusal);
    // The motion's number is taken under the meeting's lock (PostgreSQL), so two amendments made at once over one
    // suggestion check one after the other, each seeing the other's rows.
    const row = await tx.motions.insert(meetingId, motionFields, null, actor.id);
    if ((await tx.amendments.taken(document.id, [...ids], row.id)).length > 0) fail('suggestion_in_amendment', 'suggestionIds');
    await tx.amendments.insert(row.id, document.id, record, [...ids]);
    await tx.audit.append({
      actorId: actor.id,
      meetingId,
      action: 'motion.created',
      payload: { motionId: row.id, number: row.number, ...motionColumns(motionFields), revoteOf: null },
    });
    await tx.audit.append({
      actorId: actor.id,
      meetingId,
      action: 'amendment.created',
      payload: {
        motionId: row.id,
        number: row.number,
        documentId: document.id,
        title: motionFields.title,
        suggestionIds: [...ids],
        authorIds: [...new Set(record.suggestions.map((x) => x.by))],
      },
    });
    emit(tx, { type: 'meeting.changed', meetingId });
    return row;
  });
  return view(s, row.id);
}

export type SetAsideAction = 'withdraw' | 'postpone' | 'resume';

/**
 * The chair withdraws a draft amendment (for good) or postpones it (it may be resumed, if its suggestions have not
 * joined another pending amendment meanwhile). Neither a withdrawn nor a postponed amendment holds back the final vote.
 */
export async function setAmendmentAside(s: Services, actor: Actor, motionId: string, action: SetAsideAction): Promise<MotionView> {
  await s.uow.run(async (tx) => {
    const motion = (await tx.motions.byId(motionId, { lock: true })) ?? fail('not_found');
    const amendment = (await tx.amendments.byMotion(motionId)) ?? fail('not_an_amendment');
    if (motion.status !== 'draft') fail('motion_not_draft');
    if (action === 'resume') {
      if (amendment.setAside !== 'postponed') fail('amendment_not_set_aside');
      if ((await tx.amendments.taken(amendment.documentId, amendment.suggestionIds, motionId)).length > 0) fail('suggestion_in_amendment');
      await tx.amendments.setAside(motionId, null);
    } else {
      if (amendment.setAside === 'withdrawn') fail('amendment_set_aside');
      await tx.amendments.setAside(motionId, action === 'withdraw' ? 'withdrawn' : 'postponed');
    }
    const audit = action === 'withdraw' ? 'amendment.withdrawn' : action === 'postpone' ? 'amendment.postponed' : 'amendment.resumed';
    await tx.audit.append({ actorId: actor.id, meetingId: motion.meetingId, action: audit, payload: { motionId, documentId: amendment.documentId } });
    emit(tx, { type: 'meeting.changed', meetingId: motion.meetingId });
  });
  return view(s, motionId);
}

/**
 * Before an amendment's vote opens: it is not set aside, and every one of its suggestions is still in the text (an
 * edit may have removed one while it was a draft). Returns its suggestion ids.
 */
export async function checkAmendmentOpens(s: Services, motionId: string): Promise<ReadonlySet<string> | null> {
  const amendment = await s.amendments.byMotion(motionId);
  if (!amendment) return null;
  if (amendment.setAside !== null) fail('amendment_set_aside');
  const ydoc = await currentSuggestions(s, amendment.documentId);
  try {
    const present = new Set(listSuggestions(ydoc).map((x) => x.id));
    if (!amendment.suggestionIds.every((id) => present.has(id))) fail('amendment_suggestions_gone');
  } finally {
    ydoc.destroy();
  }
  return new Set(amendment.suggestionIds);
}

/**
 * The chair or the secretary asks that a closed amendment's outcome be applied now: a try that failed (storage
 * refused or out of reach) left it frozen, and the server's own retries (`settle-retry.ts`) are waiting. Recorded
 * before the try, so that a try that fails is on the record too; a failure answers `amendment_not_applied` and the
 * retries go on.
 */
export async function applyAmendmentAgain(s: Services, actor: Actor, motionId: string): Promise<MotionView> {
  const motion = (await s.motions.byId(motionId)) ?? fail('not_found');
  const amendment = (await s.amendments.byMotion(motionId)) ?? fail('not_an_amendment');
  if (motion.status !== 'closed' || amendment.settledAt !== null) fail('amendment_settled');
  await s.uow.run(async (tx) => {
    await tx.audit.append({
      actorId: actor.id,
      meetingId: motion.meetingId,
      action: 'amendment.apply_requested',
      payload: { motionId, documentId: amendment.documentId },
    });
  });
  try {
    await settleAmendment(s, actor, motionId);
  } catch (err) {
    s.settleRetry?.failed(motionId, err);
    fail('amendment_not_applied');
  }
  return view(s, motionId);
}

/**
 * Applies a closed amendment's outcome to the text, once: adopted, its suggestions are accepted (one change of the
 * server's, stored and sent to everyone like any edit) and the text stored then is kept as a version; rejected, they
 * are rejected; void, left as they are. Then its suggestions are no longer frozen. Idempotent: a second call (another
 * process, the start after a stop in between) finds it settled, or finds the suggestions already decided.
 */
export async function settleAmendment(s: Services, actor: Actor | null, motionId: string): Promise<void> {
  const motion = await s.motions.byId(motionId);
  const amendment = await s.amendments.byMotion(motionId);
  if (!motion || !amendment || motion.status !== 'closed' || amendment.settledAt !== null) return;
  const ids = new Set(amendment.suggestionIds);
  const verdict: Decision | null = motion.outcome === 'adopted' ? 'accept' : motion.outcome === 'rejected' ? 'reject' : null;
  const rooms = s.rooms ?? fail('internal');
  if (verdict !== null) await rooms.change(amendment.documentId, (ydoc) => void decideSuggestions(ydoc, ids, verdict));
  await s.uow.run(async (tx) => {
    if (!(await tx.amendments.markSettled(motionId, null))) return;
    const actorId = actor?.id ?? null;
    if (verdict === 'accept') {
      // Under the head row, as a vote's version: the text stored now, the amendment in it.
      await tx.heads.hold(amendment.documentId);
      const state = await tx.heads.storedState(amendment.documentId);
      const hash = contentHash(state);
      const version = await tx.versions.insert({
        documentId: amendment.documentId,
        kind: 'amendment',
        label: `Sau sửa đổi: ${motion.title}`.slice(0, 120),
        motionId,
        state,
        hash,
        createdBy: actorId,
      });
      await tx.amendments.markResult(motionId, version.id);
      await tx.audit.append({
        actorId,
        meetingId: motion.meetingId,
        action: 'amendment.adopted',
        payload: { motionId, documentId: amendment.documentId, suggestionIds: [...ids], versionId: version.id, contentHash: hash },
      });
    } else {
      await tx.audit.append({
        actorId,
        meetingId: motion.meetingId,
        action: 'amendment.rejected',
        payload: { motionId, documentId: amendment.documentId, suggestionIds: [...ids], outcome: motion.outcome },
      });
    }
    // Every process's room lifts the freeze; the peers it held back are asked for their edits.
    emit(tx, { type: 'document.lock', documentId: amendment.documentId });
    emit(tx, { type: 'meeting.changed', meetingId: motion.meetingId });
  });
}
