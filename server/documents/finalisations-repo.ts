import type { Db } from '../db/database.ts';
import { nowIso } from '../ids.ts';

export interface FinalisationRow {
  document_id: string;
  status: 'requested' | 'final';
  requested_by: string;
  requested_at: string;
  confirmed_by: string | null;
  confirmed_at: string | null;
  series: string | null;
  seq: number | null;
  number: string | null;
  version_id: string;
  content_hash: string | null;
}

/** The series a number belongs to: one per issuing body (its symbol), document type and year. */
export function numberSeries(symbol: string, kind: string, year: number): string {
  return `${symbol.trim().toLocaleUpperCase('vi')}/${kind}/${year}`;
}

/** `01/NQ-TTCNL`: two digits at least, as Vietnamese offices write them. */
export function formatNumber(seq: number, kind: string, symbol: string): string {
  return `${String(seq).padStart(2, '0')}/${kind}-${symbol.trim()}`;
}

/** Finalisation requests and the numbers given to finalised documents. */
export class Finalisations {
  constructor(private readonly db: Db) {}

  async byDocument(documentId: string): Promise<FinalisationRow | undefined> {
    return this.db.prepare('SELECT * FROM finalisations WHERE document_id = ?').get(documentId) as FinalisationRow | undefined;
  }

  async request(documentId: string, userId: string, versionId: string): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO finalisations (document_id, status, requested_by, requested_at, version_id)
         VALUES (?, 'requested', ?, ?, ?)`,
      )
      .run(documentId, userId, nowIso(), versionId);
  }

  /** Withdrawn or declined: the row goes, so that a later request starts afresh. Never for a final one. */
  async cancel(documentId: string): Promise<boolean> {
    return this.db.prepare(`DELETE FROM finalisations WHERE document_id = ? AND status = 'requested'`).run(documentId).changes === 1;
  }

  /** The number the next finalisation in `series` will take, if nobody takes it first. */
  async peekNext(series: string): Promise<number> {
    const row = this.db.prepare('SELECT last FROM number_series WHERE series = ?').get(series) as { last: number } | undefined;
    return (row?.last ?? 0) + 1;
  }

  /**
   * Takes `seq` in `series`, only if it is still the next one: inside the transaction that makes the document
   * final, so a number is used exactly when a document is finalised with it (no gap if anything fails, no
   * duplicate if two confirmations race: the loser sees `false` and tries again with the next number).
   */
  async take(series: string, seq: number): Promise<boolean> {
    if (seq === 1) {
      return this.db.prepare('INSERT INTO number_series (series, last) VALUES (?, 1) ON CONFLICT DO NOTHING').run(series).changes === 1;
    }
    return this.db.prepare('UPDATE number_series SET last = ? WHERE series = ? AND last = ?').run(seq, series, seq - 1).changes === 1;
  }

  async markFinal(
    documentId: string,
    f: { confirmedBy: string; series: string; seq: number; number: string; versionId: string; contentHash: string },
  ): Promise<boolean> {
    return (
      this.db
        .prepare(
          `UPDATE finalisations SET status = 'final', confirmed_by = ?, confirmed_at = ?, series = ?, seq = ?, number = ?,
             version_id = ?, content_hash = ?
           WHERE document_id = ? AND status = 'requested'`,
        )
        .run(f.confirmedBy, nowIso(), f.series, f.seq, f.number, f.versionId, f.contentHash, documentId).changes === 1
    );
  }
}
