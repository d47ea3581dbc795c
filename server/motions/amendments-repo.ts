import type { Kysely } from 'kysely';
import { parseAmendmentRecord, type AmendmentRecord, type SetAside } from '../../shared/amendments.ts';
import type { Schema } from '../db/schema.ts';
import { nowIso } from '../ids.ts';

/** A motion's amendment: what it changes in its document, and where it stands apart from the vote itself. */
export interface Amendment {
  motionId: string;
  documentId: string;
  record: AmendmentRecord;
  suggestionIds: string[];
  setAside: SetAside | null;
  setAsideAt: string | null;
  /** When its outcome was applied to the text (adopted: the suggestions accepted; rejected: rejected). */
  settledAt: string | null;
  /** The version taken after an adopted amendment was applied ("Sau sửa đổi: …"). */
  resultVersionId: string | null;
}

type Row = Schema['amendments'];

/**
 * Amendments (migration step 10). Pending: the motion is a draft or open, or closed with its outcome not yet applied,
 * and it is not set aside. A pending amendment's suggestions are taken: none may join another pending amendment.
 */
export class Amendments {
  constructor(private readonly db: Kysely<Schema>) {}

  async insert(motionId: string, documentId: string, record: AmendmentRecord, suggestionIds: readonly string[]): Promise<void> {
    await this.db.insertInto('amendments').values({ motion_id: motionId, document_id: documentId, record: JSON.stringify(record) }).execute();
    if (suggestionIds.length > 0) {
      await this.db
        .insertInto('amendment_suggestions')
        .values(suggestionIds.map((id) => ({ motion_id: motionId, suggestion_id: id })))
        .execute();
    }
  }

  async byMotion(motionId: string): Promise<Amendment | undefined> {
    return (await this.byMotions([motionId])).get(motionId);
  }

  /** The amendments of these motions (those that are amendments), by motion id. */
  async byMotions(motionIds: readonly string[]): Promise<Map<string, Amendment>> {
    const out = new Map<string, Amendment>();
    if (motionIds.length === 0) return out;
    const rows = await this.db.selectFrom('amendments').selectAll().where('motion_id', 'in', motionIds).execute();
    if (rows.length === 0) return out;
    const ids = await this.db
      .selectFrom('amendment_suggestions')
      .select(['motion_id', 'suggestion_id'])
      .where('motion_id', 'in', rows.map((r) => r.motion_id))
      .execute();
    for (const r of rows) out.set(r.motion_id, amendmentOf(r, []));
    for (const { motion_id, suggestion_id } of ids) out.get(motion_id)?.suggestionIds.push(suggestion_id);
    return out;
  }

  /**
   * The suggestions of `documentId` taken by a pending amendment other than `except`, among `ids`: the ones a new
   * amendment may not take.
   */
  async taken(documentId: string, ids: readonly string[], except: string | null = null): Promise<string[]> {
    if (ids.length === 0) return [];
    let query = this.pending()
      .innerJoin('amendment_suggestions as s', 's.motion_id', 'a.motion_id')
      .select('s.suggestion_id')
      .where('a.document_id', '=', documentId)
      .where('s.suggestion_id', 'in', ids);
    if (except !== null) query = query.where('a.motion_id', '<>', except);
    return (await query.execute()).map((r) => r.suggestion_id);
  }

  /** Every suggestion of the document in a pending amendment (at most a few hundred: 50 per amendment). */
  async pendingSuggestions(documentId: string): Promise<string[]> {
    const rows = await this.pending()
      .innerJoin('amendment_suggestions as s', 's.motion_id', 'a.motion_id')
      .select('s.suggestion_id')
      .where('a.document_id', '=', documentId)
      .execute();
    return rows.map((r) => r.suggestion_id);
  }

  /** Whether the document has a pending amendment (the final vote waits for it). */
  async anyPending(documentId: string): Promise<boolean> {
    const row = await this.pending().select('a.motion_id').where('a.document_id', '=', documentId).limit(1).executeTakeFirst();
    return row !== undefined;
  }

  /**
   * The suggestions frozen in the document now: those of its amendments being voted on, and of those closed whose
   * outcome is not yet applied to the text.
   */
  async frozen(documentId: string): Promise<Set<string>> {
    const rows = await this.db
      .selectFrom('amendments as a')
      .innerJoin('motions as m', 'm.id', 'a.motion_id')
      .innerJoin('amendment_suggestions as s', 's.motion_id', 'a.motion_id')
      .select('s.suggestion_id')
      .where('a.document_id', '=', documentId)
      .where((eb) => eb.or([eb('m.status', '=', 'open'), eb.and([eb('m.status', '=', 'closed'), eb('a.settled_at', 'is', null)])]))
      .execute();
    return new Set(rows.map((r) => r.suggestion_id));
  }

  /** Closed amendments whose outcome is not applied yet (a process stopped in between): applied at start. */
  async unsettled(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('amendments as a')
      .innerJoin('motions as m', 'm.id', 'a.motion_id')
      .select('a.motion_id')
      .where('m.status', '=', 'closed')
      .where('a.settled_at', 'is', null)
      .execute();
    return rows.map((r) => r.motion_id);
  }

  async setAside(motionId: string, setAside: SetAside | null): Promise<void> {
    await this.db
      .updateTable('amendments')
      .set({ set_aside: setAside, set_aside_at: setAside === null ? null : nowIso() })
      .where('motion_id', '=', motionId)
      .execute();
  }

  /** Marks the outcome applied; false when it already was (another process, an earlier try). */
  async markSettled(motionId: string, resultVersionId: string | null): Promise<boolean> {
    const result = await this.db
      .updateTable('amendments')
      .set({ settled_at: nowIso(), result_version_id: resultVersionId })
      .where('motion_id', '=', motionId)
      .where('settled_at', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  async markResult(motionId: string, versionId: string): Promise<void> {
    await this.db.updateTable('amendments').set({ result_version_id: versionId }).where('motion_id', '=', motionId).execute();
  }

  private pending() {
    return this.db
      .selectFrom('amendments as a')
      .innerJoin('motions as m', 'm.id', 'a.motion_id')
      .where('a.set_aside', 'is', null)
      .where((eb) =>
        eb.or([eb('m.status', '=', 'draft'), eb('m.status', '=', 'open'), eb.and([eb('m.status', '=', 'closed'), eb('a.settled_at', 'is', null)])]),
      );
  }
}

function amendmentOf(r: Row, suggestionIds: string[]): Amendment {
  return {
    motionId: r.motion_id,
    documentId: r.document_id,
    record: parseAmendmentRecord(r.record),
    suggestionIds,
    setAside: r.set_aside === 'withdrawn' || r.set_aside === 'postponed' ? r.set_aside : null,
    setAsideAt: r.set_aside_at,
    settledAt: r.settled_at,
    resultVersionId: r.result_version_id,
  };
}
