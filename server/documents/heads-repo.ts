import type { Kysely } from 'kysely';
import * as Y from 'yjs';
import type { Schema } from '../db/schema.ts';
import type { StoredLock } from '../storage/store.ts';

/**
 * A document's head row (`doc_head`) inside a unit of work: the lock every append checks in its own transaction
 * (`server/storage/store.ts`), and the text stored under it. What makes a freeze hold on every process at once:
 * setting the lock takes the head row, so it waits for appends in flight (which hold it until they commit) and every
 * append after the unit commits finds the document locked; the stored text read after it, in the same unit, is then
 * exactly the text the lock keeps.
 */
export class DocumentHeads {
  constructor(private readonly db: Kysely<Schema>) {}

  /** Sets the document's lock, or lifts it (null), holding its head row until the unit commits. */
  async setLock(documentId: string, lock: StoredLock | null): Promise<void> {
    await this.db
      .insertInto('doc_head')
      .values({ doc_id: documentId, seq: 0, lock })
      .onConflict((oc) => oc.column('doc_id').doUpdateSet({ lock }))
      .execute();
  }

  /**
   * Takes the document's head row until the unit commits, its lock unchanged: what an amendment vote does before it
   * reads the stored text (`storedState`), which it freezes only in part (`server/motions/amendments.ts`).
   */
  async hold(documentId: string): Promise<void> {
    await this.db
      .insertInto('doc_head')
      .values({ doc_id: documentId, seq: 0, lock: null })
      .onConflict((oc) => oc.column('doc_id').doUpdateSet((eb) => ({ seq: eb.ref('doc_head.seq') })))
      .execute();
  }

  /** Locks the document and returns its stored text at that instant, as one Yjs state: the version a lock keeps. */
  async freeze(documentId: string, lock: StoredLock): Promise<Uint8Array> {
    await this.setLock(documentId, lock);
    return this.storedState(documentId);
  }

  /**
   * The stored text (the compacted state and every row after it) as one Yjs state. Read under the head row, which a
   * compaction also takes, so the state and the rows are read as of one moment.
   */
  async storedState(documentId: string): Promise<Uint8Array> {
    const state = await this.db.selectFrom('doc_state').select('state').where('doc_id', '=', documentId).executeTakeFirst();
    const rows = await this.db.selectFrom('doc_update').select('data').where('doc_id', '=', documentId).orderBy('doc_seq').execute();
    const doc = new Y.Doc();
    try {
      Y.transact(doc, () => {
        if (state) Y.applyUpdate(doc, state.state);
        for (const row of rows) Y.applyUpdate(doc, row.data);
      });
      return Y.encodeStateAsUpdate(doc);
    } finally {
      doc.destroy();
    }
  }
}
