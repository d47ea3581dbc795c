/**
 * Edits refused because the text was locked for good (adopted or finalised) are kept, not lost: typically a device
 * that was offline while the document was finalised, and sends what it typed when it reconnects. The server
 * replays them on a copy of the document and, if the copy's text differs, saves it as a new draft in the same
 * meeting, made by that person and pointing back at the original, for them to copy from.
 *
 * Edits refused while a vote or a finalisation request holds the text are kept only until that ends: if the text
 * is unlocked again, the room asks every peer for what it lacks and those edits arrive by themselves.
 */
import * as Y from 'yjs';
import type { DocumentView } from '../../shared/api.ts';
import type { Connection } from '../collab/connection.ts';
import type { Logger } from '../collab/peer.ts';
import type { Room } from '../collab/room.ts';
import { newId } from '../ids.ts';
import type { Services } from '../services.ts';
import { contentHash } from './versions.ts';

interface Pending {
  docId: string;
  userId: string;
  meetingId: string;
  /** The document as the server has it, with the refused updates applied. */
  copy: Y.Doc;
  timer: NodeJS.Timeout | null;
  /** Once saved, later refused updates from the same connection go into the same draft. */
  draftId: string | null;
}

export class RefusedEdits {
  private readonly pending = new WeakMap<Connection, Pending>();

  constructor(
    private readonly s: Services,
    private readonly log: Logger,
    /** How long to wait for more of a burst before deciding. */
    private readonly settleMs = 300,
  ) {}

  readonly onRefusedUpdate = (room: Room, conn: Connection, update: Uint8Array): void => {
    const principal = conn.principal;
    // An empty update (a peer that has nothing new answering the sync) is two zero bytes.
    if (!principal || update.length <= 2) return;
    let entry = this.pending.get(conn);
    if (entry?.draftId) {
      const draftId = entry.draftId;
      void this.s.rooms?.change(draftId, (doc) => Y.applyUpdate(doc, update)).catch((err: unknown) => {
        this.log.error({ docId: draftId, err: String(err) }, 'could not add refused edits to their draft');
      });
      return;
    }
    if (!entry) {
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(room.doc));
      entry = { docId: room.id, userId: principal.userId, meetingId: principal.meetingId, copy, timer: null, draftId: null };
      this.pending.set(conn, entry);
    }
    Y.applyUpdate(entry.copy, update);
    this.schedule(conn, entry, this.settleMs);
  };

  private schedule(conn: Connection, entry: Pending, delayMs: number): void {
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = setTimeout(() => {
      entry.timer = null;
      this.settle(conn, entry).catch((err: unknown) => {
        this.log.error({ docId: entry.docId, err: String(err) }, 'could not keep refused edits');
      });
    }, delayMs);
    entry.timer.unref();
  }

  private async settle(conn: Connection, entry: Pending): Promise<void> {
    const doc = this.s.meetings.document(entry.docId);
    const reason = doc?.lock?.reason;
    if (!doc || reason === undefined) {
      // Unlocked again: the peer was asked for its edits, and they were applied to the document itself.
      this.forget(conn, entry);
      return;
    }
    if (reason === 'vote' || reason === 'finalising') {
      if (!conn.closed) this.schedule(conn, entry, 2000);
      else this.forget(conn, entry);
      return;
    }
    const copyState = Y.encodeStateAsUpdate(entry.copy);
    const current = await (this.s.rooms?.snapshot(entry.docId) ?? Promise.resolve(null));
    if (current && contentHash(copyState) === contentHash(current)) {
      this.forget(conn, entry);
      return;
    }
    // A device that reconnects again sends the same refused edits again: a draft of this person's from this
    // document that already holds all of them is that draft, not a reason for another.
    entry.draftId = (await this.draftHolding(doc, entry.userId, entry.copy)) ?? (await this.saveDraft(doc, entry.userId, copyState));
    entry.copy.destroy();
  }

  private async draftHolding(doc: DocumentView, userId: string, copy: Y.Doc): Promise<string | null> {
    const wanted = Y.decodeStateVector(Y.encodeStateVector(copy));
    const drafts = this.s.meetings
      .documents(doc.meetingId)
      .filter((d) => d.origin?.documentId === doc.id && d.origin.userId === userId);
    for (const draft of drafts) {
      const state = await this.s.rooms?.snapshot(draft.id);
      if (!state) continue;
      const has = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(state));
      if ([...wanted].every(([client, clock]) => (has.get(client) ?? 0) >= clock)) return draft.id;
    }
    return null;
  }

  private forget(conn: Connection, entry: Pending): void {
    entry.copy.destroy();
    this.pending.delete(conn);
  }

  private async saveDraft(
    doc: DocumentView,
    userId: string,
    state: Uint8Array,
  ): Promise<string> {
    const id = newId('d');
    const name = this.s.users.byId(userId)?.full_name ?? '';
    const title = `${doc.title} — bản nháp chưa được nhận${name ? ` của ${name}` : ''}`;
    // The text first, then the record: a listed document always has its text.
    await this.s.store.append(id, [state]);
    this.s.db.transaction(() => {
      this.s.meetings.insertDocument(id, doc.meetingId, doc.kind, title, userId, { documentId: doc.id, userId });
      this.s.audit.append({
        actorId: userId,
        meetingId: doc.meetingId,
        action: 'document.refused_edits_saved',
        payload: { documentId: id, originDocumentId: doc.id },
      });
    })();
    await this.s.projection?.publish(doc.meetingId);
    this.log.info({ docId: doc.id, draft: id, userId }, 'refused edits kept as a new draft');
    return id;
  }
}
