/**
 * Finalisation (ban hành): the secretary asks, which freezes the text; a chair confirms, and the server numbers the
 * document, writes the number into its header, keeps the result as the final version and locks it for good; or
 * the chair declines / the secretary withdraws, which lifts the freeze again (unless a vote adopted the text).
 */
import type { DocumentView } from '../../shared/api.ts';
import { finalisationBlock } from '../../shared/finalisation.ts';
import type { Actor } from '../accounts/users.ts';
import { fail } from '../errors.ts';
import { emit } from '../events.ts';
import { meetingFactsOf } from '../meetings/facts.ts';
import type { Repositories, Services } from '../services.ts';
import type { MeetingFactTexts } from '../../shared/meeting-facts.ts';
import { contentOfState, withNumberLine, writeContent } from './content.ts';
import { formatNumber, numberSeries } from './finalisations-repo.ts';
import { relock, storeLock } from './lock.ts';
import { fillMeetingFacts } from './meeting-facts.ts';
import { auditedPlaceholder, confirmedPlaceholders } from './placeholder-check.ts';
import { contentHash } from './versions.ts';

/** Confirmations of other documents may take the numbers this one peeks at; each try costs a text change. */
const CONFIRM_ATTEMPTS = 50;

async function documentOf(r: Repositories, documentId: string): Promise<DocumentView> {
  return (await r.meetings.document(documentId)) ?? fail('not_found');
}

/** Refused with the code for why the document may not be put forward now (`shared/finalisation.ts`). */
async function checkFinalisable(r: Repositories, doc: DocumentView): Promise<void> {
  const meeting = (await r.meetings.byId(doc.meetingId)) ?? fail('not_found');
  const block = finalisationBlock(doc, meeting.status);
  if (block === 'final') fail('already_final');
  if (block === 'requested') fail('finalisation_pending');
  if (block !== null) fail('not_finalisable');
}

/**
 * The meeting's facts to write into the text as it is submitted, or null when its words stand: an adopted text is
 * the one voted on, and even the server does not change it.
 */
async function factsToFreeze(s: Services, doc: DocumentView): Promise<MeetingFactTexts | null> {
  if (doc.lock !== null) return null;
  const meeting = await s.meetings.byId(doc.meetingId);
  return meeting ? await meetingFactsOf(s.meetings, meeting) : null;
}

/**
 * Submits the text: refused while it has a placeholder not in `confirm` (checked before the freeze, so that a
 * refusal costs the drafters nothing, and again on the frozen text, which is what counts); then its meeting facts
 * written into it for good, frozen (locked in the database in the request's unit, and the text stored at that instant
 * taken, as for a vote), kept as the `finalisation` version, and audited with the placeholders confirmed.
 */
export async function requestFinalisation(
  s: Services,
  actor: Actor,
  documentId: string,
  confirm: readonly string[] = [],
): Promise<DocumentView> {
  const rooms = s.rooms ?? fail('internal');
  const before = await documentOf(s, documentId);
  await checkFinalisable(s, before);
  const facts = await factsToFreeze(s, before);
  confirmedPlaceholders(await rooms.snapshot(documentId), facts, confirm);
  await rooms.hold(documentId);
  try {
    // The facts become the text's own words in a change stored before the freeze: the version, and the final text
    // made from it, hold them and their hash covers them.
    if (facts) await rooms.change(documentId, (ydoc) => fillMeetingFacts(ydoc, facts));
    await s.uow.run(async (tx) => {
      const doc = await documentOf(tx, documentId);
      await checkFinalisable(tx, doc);
      const state = await tx.heads.freeze(documentId, 'hold');
      const hash = contentHash(state);
      const placeholders = confirmedPlaceholders(state, null, confirm);
      const version = await tx.versions.insert({
        documentId,
        kind: 'finalisation',
        label: 'Đề nghị ban hành',
        motionId: null,
        state,
        hash,
        createdBy: actor.id,
      });
      await tx.finalisations.request(documentId, actor.id, version.id);
      await tx.audit.append({
        actorId: actor.id,
        meetingId: doc.meetingId,
        action: 'finalisation.requested',
        payload: {
          documentId,
          versionId: version.id,
          contentHash: hash,
          confirmedPlaceholders: placeholders.map(auditedPlaceholder),
        },
      });
      emit(tx, { type: 'document.lock', documentId });
      emit(tx, { type: 'meeting.changed', meetingId: doc.meetingId });
    });
  } catch (err) {
    // The request did not commit: the room held for it takes the lock the database still gives it.
    await relock(s, documentId);
    throw err;
  }
  return documentOf(s, documentId);
}

/** Withdrawn by the secretary or declined by a chair: the request goes and the text is editable again. */
export async function cancelFinalisation(
  s: Services,
  actor: Actor,
  documentId: string,
  why: 'withdrawn' | 'declined',
): Promise<DocumentView> {
  const doc = await documentOf(s, documentId);
  await s.uow.run(async (tx) => {
    const current = await tx.finalisations.byDocument(documentId);
    if (current?.status === 'final') fail('already_final');
    if (!(await tx.finalisations.cancel(documentId))) fail('no_finalisation_request');
    // Open again, or sealed still if a vote adopted it.
    await storeLock(tx, documentId);
    await tx.audit.append({ actorId: actor.id, meetingId: doc.meetingId, action: `finalisation.${why}`, payload: { documentId } });
    emit(tx, { type: 'document.lock', documentId });
    emit(tx, { type: 'meeting.changed', meetingId: doc.meetingId });
  });
  return documentOf(s, documentId);
}

/**
 * Each confirmation peeks at the series' next number, writes it into the text and takes it in the transaction that
 * makes the document final. The database decides: `take` refuses a number another confirmation (in this process or
 * another) took meanwhile, and the loop tries the next one, so numbers are never given twice and never skipped.
 * Nothing in memory orders confirmations; a burst only costs retries.
 */
export async function confirmFinalisation(s: Services, actor: Actor, documentId: string): Promise<DocumentView> {
  const rooms = s.rooms ?? fail('internal');
  const doc = await documentOf(s, documentId);
  const meeting = (await s.meetings.byId(doc.meetingId)) ?? fail('not_found');
  const series = numberSeries(meeting.symbol, doc.kind, Number(meeting.startsAt.slice(0, 4)));
  for (let attempt = 0; attempt < CONFIRM_ATTEMPTS; attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, Math.random() * 5 * attempt));
    const request = await s.finalisations.byDocument(documentId);
    if (request?.status === 'final') fail('already_final');
    if (!request) fail('no_finalisation_request');
    // Two people, whatever roles they hold by now: whoever asked never also approves what is filed.
    if (request.requestedBy === actor.id) fail('confirm_own_request');
    const seq = await s.finalisations.peekNext(series);
    const number = formatNumber(seq, doc.kind, meeting.symbol);
    // The text the secretary submitted, with its number: nothing else can have changed it, it is frozen. The
    // server's one change to a locked text; this process's room stores what it has first, so that the change goes
    // alone (an edit that reached the room before it learnt of the lock is refused by the lock, the number is not).
    const submitted = contentOfState((await s.versions.state(request.versionId)) ?? fail('internal'));
    await rooms.hold(documentId);
    await rooms.change(documentId, (ydoc) => writeContent(ydoc, withNumberLine(submitted, `Số: ${number}`)), { evenIfLocked: true });
    const done = await s.uow.run(async (tx) => {
      const current = await tx.finalisations.byDocument(documentId);
      if (current?.status !== 'requested') fail('no_finalisation_request');
      if (current.requestedBy === actor.id) fail('confirm_own_request');
      if (!(await tx.finalisations.take(series, seq))) return false;
      // Sealed from here on; the final version is the text stored under the seal.
      const finalState = await tx.heads.freeze(documentId, 'seal');
      const hash = contentHash(finalState);
      const version = await tx.versions.insert({
        documentId,
        kind: 'final',
        label: `Số: ${number}`,
        motionId: null,
        state: finalState,
        hash,
        createdBy: actor.id,
      });
      await tx.finalisations.markFinal(documentId, { confirmedBy: actor.id, series, seq, number, versionId: version.id, contentHash: hash });
      await tx.audit.append({
        actorId: actor.id,
        meetingId: doc.meetingId,
        action: 'document.finalised',
        payload: { documentId, number, versionId: version.id, contentHash: hash },
      });
      emit(tx, { type: 'document.lock', documentId });
      emit(tx, { type: 'meeting.changed', meetingId: doc.meetingId });
      return true;
    });
    if (done) return documentOf(s, documentId);
  }
  return fail('internal');
}
