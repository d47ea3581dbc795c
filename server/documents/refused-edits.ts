/**
 * Edits refused because the text is sealed (adopted or finalised) are kept, not lost: typically a device that was
 * offline while the document was finalised, and sends what it typed when it reconnects. They become one draft per
 * person per document, in the same meeting, made by that person and pointing back at the original, holding the
 * sealed text with their edits applied; later refused edits of the same person go into that same draft.
 *
 * What the server keeps meanwhile is the refused update bytes, no copy of the document: at most
 * `maxBytesPerPerson` for one person and document and `maxBytesTotal` for everyone, so a member opening hundreds of
 * connections to a large sealed document cannot fill the server's memory. Drafts are made one at a time.
 *
 * The same goes for a direct edit from someone who may only suggest (a delegate, once the meeting says delegates
 * suggest): typically a device that edited offline before the meeting said so. The suggest gate refuses it; it
 * joins that person's same draft (`onDirectEditRefused`), and the room closes the connection once it is stored,
 * so that the device drops its copy and goes on suggesting in the server's text.
 *
 * Edits dropped while a vote or a finalisation request only holds the text are never seen here: when the hold
 * lifts, the room asks every peer for what it lacks and they arrive by themselves; when it turns into a seal, the
 * room asks the peers it dropped edits from, and their answers come here.
 */
import * as Y from 'yjs';
import type { DocumentView } from '../../shared/api.ts';
import type { Connection } from '../collab/connection.ts';
import { integratesCompletely } from '../collab/dependencies.ts';
import type { Logger } from '../collab/peer.ts';
import type { Room } from '../collab/room.ts';
import { emit } from '../events.ts';
import { newId } from '../ids.ts';
import type { Services } from '../services.ts';
import { contentHash } from './versions.ts';

export interface RefusedEditsLimits {
  maxBytesPerPerson: number;
  maxBytesTotal: number;
  /** How long to wait for more of a burst before making the draft. */
  settleMs: number;
}

interface Pending {
  docId: string;
  userId: string;
  meetingId: string;
  updates: Uint8Array[];
  bytes: number;
  timer: NodeJS.Timeout | null;
  /** Some of the updates are direct edits refused to someone who may only suggest: kept without a seal. */
  suggestOnly: boolean;
  /** Told whether the updates were kept, once the draft is written (or could not be). */
  waiting: ((kept: boolean) => void)[];
}

export class RefusedEdits {
  private readonly pending = new Map<string, Pending>();
  private bytes = 0;
  /** Drafts are made one after another: each holds one copy of a document while it is made. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly s: Services,
    private readonly log: Logger,
    private readonly limits: RefusedEditsLimits,
  ) {}

  readonly onRefusedUpdate = (room: Room, conn: Connection, update: Uint8Array): void => {
    this.take(room, conn, update, false);
  };

  /**
   * A direct edit the suggest gate refused, or a later write of the same connection: resolves to whether it is in
   * the person's draft, or null when it is not taken (over the limits, or no person). One that changes nothing
   * (already in the document) counts as kept: the device loses nothing by dropping its copy.
   */
  readonly onDirectEditRefused = (room: Room, conn: Connection, update: Uint8Array): Promise<boolean> | null => {
    const taken = this.take(room, conn, update, true);
    if (taken === 'unchanged') return Promise.resolve(true);
    if (taken === null) return null;
    return new Promise((resolve) => taken.waiting.push(resolve));
  };

  private take(room: Room, conn: Connection, update: Uint8Array, suggestOnly: boolean): Pending | 'unchanged' | null {
    const principal = conn.principal;
    if (!principal) return null;
    // A device that has nothing the server lacks (its sync answer on reconnect) changes nothing: not kept.
    if (!addsToDocument(room.doc, update)) return 'unchanged';
    const key = `${room.id}\n${principal.userId}`;
    const held = this.pending.get(key)?.bytes ?? 0;
    if (held + update.byteLength > this.limits.maxBytesPerPerson || this.bytes + update.byteLength > this.limits.maxBytesTotal) {
      this.log.warn(
        { docId: room.id, userId: principal.userId, bytes: update.byteLength, held },
        'refused edits over the limit; not kept',
      );
      return null;
    }
    let entry = this.pending.get(key);
    if (!entry) {
      entry = {
        docId: room.id,
        userId: principal.userId,
        meetingId: principal.meetingId,
        updates: [],
        bytes: 0,
        timer: null,
        suggestOnly: false,
        waiting: [],
      };
      this.pending.set(key, entry);
    }
    entry.suggestOnly ||= suggestOnly;
    entry.updates.push(update);
    entry.bytes += update.byteLength;
    this.bytes += update.byteLength;
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = setTimeout(() => this.settle(key, entry), this.limits.settleMs);
    entry.timer.unref();
    return entry;
  }

  private settle(key: string, entry: Pending): void {
    this.pending.delete(key);
    this.queue = this.queue
      .then(() => this.keep(entry))
      .catch((err: unknown) => {
        this.log.error({ docId: entry.docId, err: String(err) }, 'could not keep refused edits');
        return false;
      })
      .then((kept) => {
        for (const tell of entry.waiting) tell(kept);
      })
      .finally(() => {
        this.bytes -= entry.bytes;
      });
  }

  /** Whether the edits are in the person's draft now (or changed nothing). */
  private async keep(entry: Pending): Promise<boolean> {
    const doc = await this.s.meetings.document(entry.docId);
    const reason = doc?.lock?.reason;
    if (!doc || (!entry.suggestOnly && reason !== 'adopted' && reason !== 'final')) return false;
    const update = Y.mergeUpdates(entry.updates);
    const existing = await this.s.meetings.refusedEditsDraft(doc.id, entry.userId);
    if (existing) return await this.addToDraft(existing, doc.id, update);
    const current = await (this.s.rooms?.snapshot(doc.id) ?? Promise.resolve(null));
    if (!current) return false;
    const copy = new Y.Doc();
    try {
      Y.applyUpdate(copy, current);
      if (!integratesCompletely(copy, update)) {
        this.log.warn({ docId: doc.id, userId: entry.userId }, 'refused edits that do not apply to the text; not kept');
        return false;
      }
      Y.applyUpdate(copy, update);
      const state = Y.encodeStateAsUpdate(copy);
      if (contentHash(state) === contentHash(current)) return true;
      const made = await this.saveDraft(doc, entry.userId, state);
      // Another process made this person's draft meanwhile (their devices on two processes): it takes the edits.
      if (made.existing) return await this.addToDraft(made.id, doc.id, update);
      return true;
    } finally {
      copy.destroy();
    }
  }

  /**
   * The person's draft of this document takes the new refused edits too. It was made from the text as it was
   * then; what the original gained since (a number written at finalisation) comes first, so the edits apply.
   */
  private async addToDraft(draftId: string, originalId: string, update: Uint8Array): Promise<boolean> {
    const rooms = this.s.rooms;
    if (!rooms) return false;
    const original = await rooms.snapshot(originalId);
    // Whatever the number of bursts, a draft holds at most `maxBytesPerPerson` more than the original: a member who
    // keeps sending refused edits (reconnecting after each close) cannot grow it without end.
    const most = original.byteLength + this.limits.maxBytesPerPerson;
    let applied = false;
    let tooLarge = false;
    await rooms.change(draftId, (draft) => {
      if (Y.encodeStateAsUpdate(draft).byteLength + update.byteLength > most) {
        tooLarge = true;
        return;
      }
      if (!integratesCompletely(draft, update)) {
        // The draft was made from the text as it was then; what the original gained since comes first.
        const catchUp = Y.diffUpdate(original, Y.encodeStateVector(draft));
        if (integratesCompletely(draft, catchUp)) Y.applyUpdate(draft, catchUp);
        if (!integratesCompletely(draft, update)) return;
      }
      Y.applyUpdate(draft, update);
      applied = true;
    });
    if (tooLarge) this.log.warn({ docId: draftId, bytes: update.byteLength }, 'refused edits would make their draft too large; not kept');
    else if (!applied) this.log.warn({ docId: draftId }, 'refused edits that do not apply to their draft; not kept');
    return applied;
  }

  /** Makes the person's draft, unless another process has just made it: then that one's id, `existing`. */
  private async saveDraft(doc: DocumentView, userId: string, state: Uint8Array): Promise<{ id: string; existing: boolean }> {
    const id = newId('d');
    const name = (await this.s.users.byId(userId))?.fullName ?? '';
    const title = `${doc.title} — bản nháp chưa được nhận${name ? ` của ${name}` : ''}`;
    // The text first, then the record: a listed document always has its text.
    await this.s.store.append(id, [state]);
    const existing = await this.s.uow.run(async (tx) => {
      // Checked again with the check-and-insert's turn taken: one draft per person and document on every process.
      const made = await tx.meetings.refusedEditsDraft(doc.id, userId, { lock: true });
      if (made) return made;
      await tx.meetings.insertDocument(id, doc.meetingId, doc.kind, title, userId, { documentId: doc.id, userId });
      await tx.audit.append({
        actorId: userId,
        meetingId: doc.meetingId,
        action: 'document.refused_edits_saved',
        payload: { documentId: id, originDocumentId: doc.id },
      });
      emit(tx, { type: 'meeting.changed', meetingId: doc.meetingId });
      return null;
    });
    if (existing) {
      // The text stored under `id` is referenced by no document: a few rows left behind by a rare race.
      this.log.info({ docId: doc.id, draft: existing, unused: id, userId }, 'another process made this draft meanwhile');
      return { id: existing, existing: true };
    }
    this.log.info({ docId: doc.id, draft: id, userId }, 'refused edits kept as a new draft');
    return { id, existing: false };
  }
}

/**
 * Whether applying `update` would change `doc`: it holds structs the document lacks, or deletes something the
 * document still has. Checked on the update alone and the document's own structs, without copying either.
 */
export function addsToDocument(doc: Y.Doc, update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(Y.diffUpdate(update, Y.encodeStateVector(doc)));
  if (structs.some((s) => !(s instanceof Y.Skip))) return true;
  for (const [client, deletions] of ds.clients) {
    const known = doc.store.clients.get(client) ?? [];
    const state = Y.getState(doc.store, client);
    for (const d of deletions) {
      if (d.clock + d.len > state) return true;
      for (let i = Y.findIndexSS(known, d.clock); i < known.length && known[i]!.id.clock < d.clock + d.len; i++) {
        if (!known[i]!.deleted) return true;
      }
    }
  }
  return false;
}
