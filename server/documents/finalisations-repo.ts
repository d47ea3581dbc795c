import type { Kysely, Selectable } from 'kysely';
import type { FinalisationsTable, Schema } from '../db/schema.ts';
import { nowIso } from '../ids.ts';

/** A document's finalisation: asked for by a secretary, then confirmed (numbered) by a chair. */
export interface Finalisation {
  documentId: string;
  status: 'requested' | 'final';
  requestedBy: string;
  requestedAt: string;
  confirmedBy: string | null;
  confirmedAt: string | null;
  series: string | null;
  seq: number | null;
  number: string | null;
  /** The submitted version while requested; the final version once confirmed. */
  versionId: string;
  contentHash: string | null;
}

/** The series a number belongs to: one per issuing body (its symbol), document type and year. */
export function numberSeries(symbol: string, kind: string, year: number): string {
  return `${symbol.trim().toLocaleUpperCase('vi')}/${kind}/${year}`;
}

/** `01/NQ-TTCNL`: two digits at least, as Vietnamese offices write them. */
export function formatNumber(seq: number, kind: string, symbol: string): string {
  return `${String(seq).padStart(2, '0')}/${kind}-${symbol.trim()}`;
}

function finalisationOf(r: Selectable<FinalisationsTable>): Finalisation {
  return {
    documentId: r.document_id,
    status: r.status as Finalisation['status'],
    requestedBy: r.requested_by,
    requestedAt: r.requested_at,
    confirmedBy: r.confirmed_by,
    confirmedAt: r.confirmed_at,
    series: r.series,
    seq: r.seq,
    number: r.number,
    versionId: r.version_id,
    contentHash: r.content_hash,
  };
}

/** Finalisation requests and the numbers given to finalised documents. */
export class Finalisations {
  constructor(private readonly db: Kysely<Schema>) {}

  async byDocument(documentId: string): Promise<Finalisation | undefined> {
    const row = await this.db.selectFrom('finalisations').selectAll().where('document_id', '=', documentId).executeTakeFirst();
    return row && finalisationOf(row);
  }

  async request(documentId: string, userId: string, versionId: string): Promise<void> {
    await this.db
      .insertInto('finalisations')
      .values({ document_id: documentId, status: 'requested', requested_by: userId, requested_at: nowIso(), version_id: versionId })
      .execute();
  }

  /** Withdrawn or declined: the row goes, so that a later request starts afresh. Never for a final one. */
  async cancel(documentId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('finalisations')
      .where('document_id', '=', documentId)
      .where('status', '=', 'requested')
      .executeTakeFirst();
    return result.numDeletedRows === 1n;
  }

  /** The number the next finalisation in `series` will take, if nobody takes it first. */
  async peekNext(series: string): Promise<number> {
    const row = await this.db.selectFrom('number_series').select('last').where('series', '=', series).executeTakeFirst();
    return (row?.last ?? 0) + 1;
  }

  /**
   * Takes `seq` in `series`, only if it is still the next one: inside the transaction that makes the document
   * final, so a number is used exactly when a document is finalised with it (no gap if anything fails, no
   * duplicate if two confirmations race: the loser sees `false` and tries again with the next number).
   * The database decides on both engines: on PostgreSQL a concurrent taker of the same number waits on the row
   * (or the key, for the first number) and, once the first commits, finds `last` moved on (or the key taken) and
   * changes nothing; if the first rolls back, it takes the number itself.
   */
  async take(series: string, seq: number): Promise<boolean> {
    if (seq === 1) {
      const result = await this.db
        .insertInto('number_series')
        .values({ series, last: 1 })
        .onConflict((oc) => oc.column('series').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
    }
    const result = await this.db
      .updateTable('number_series')
      .set({ last: seq })
      .where('series', '=', series)
      .where('last', '=', seq - 1)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  async markFinal(
    documentId: string,
    f: { confirmedBy: string; series: string; seq: number; number: string; versionId: string; contentHash: string },
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('finalisations')
      .set({
        status: 'final',
        confirmed_by: f.confirmedBy,
        confirmed_at: nowIso(),
        series: f.series,
        seq: f.seq,
        number: f.number,
        version_id: f.versionId,
        content_hash: f.contentHash,
      })
      .where('document_id', '=', documentId)
      .where('status', '=', 'requested')
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }
}
