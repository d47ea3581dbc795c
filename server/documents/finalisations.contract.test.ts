import type { Kysely } from 'kysely';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../db/engine.ts';
import type { Schema } from '../db/schema.ts';
import type { UnitOfWork } from '../db/uow.ts';
import { disposeEngines, testEngines } from '../../test/helpers/engines.ts';
import { Finalisations, formatNumber, numberSeries } from './finalisations-repo.ts';
import { Versions } from './versions-repo.ts';

/** Finalisation requests and document numbers on each engine; on PostgreSQL, confirmations from several connections. */
const kinds = await testEngines('the finalisations repository contract');
afterAll(disposeEngines);

interface Repos {
  finalisations: Finalisations;
  versions: Versions;
}

const NOW = '2026-01-01T00:00:00.000Z';
const SERIES = 'TTCNL/NQ/2023';

async function seed(db: Kysely<Schema>, documents: number): Promise<void> {
  for (const id of ['sec', 'chair']) {
    await db
      .insertInto('users')
      .values({ id, username: id, full_name: id, password_hash: 'x', is_admin: 0, is_demo: 0, disabled: 0, created_at: NOW })
      .execute();
  }
  await db
    .insertInto('meetings')
    .values({
      id: 'm1', title: 'Hội nghị', kind: 'regular', starts_at: NOW, place: '', locality: '', issuing_body: '', parent_body: '',
      symbol: 'TTCNL', status: 'ended', quorum_num: 1, quorum_den: 2, agenda: '[]', created_by: null, created_at: NOW, updated_at: NOW,
    })
    .execute();
  for (let i = 1; i <= documents; i++) {
    await db
      .insertInto('documents')
      .values({ id: `doc${i}`, meeting_id: 'm1', kind: 'NQ', title: `Văn bản ${i}`, created_by: null, created_at: NOW, origin_document_id: null, origin_user_id: null })
      .execute();
  }
}

describe('document numbers', () => {
  it('[FN4] are written 01/NQ-TTCNL, two digits at least, in a series per body symbol, type and year', () => {
    expect(formatNumber(1, 'NQ', 'TTCNL')).toBe('01/NQ-TTCNL');
    expect(formatNumber(12, 'BB', 'TTCNL')).toBe('12/BB-TTCNL');
    expect(formatNumber(105, 'KH', 'VUDCN')).toBe('105/KH-VUDCN');
    expect(numberSeries(' ttcnl ', 'NQ', 2023)).toBe('TTCNL/NQ/2023');
    expect(numberSeries('TTCNL', 'NQ', 2023)).not.toBe(numberSeries('TTCNL', 'BB', 2023));
    expect(numberSeries('TTCNL', 'NQ', 2023)).not.toBe(numberSeries('TTCNL', 'NQ', 2024));
  });
});

describe.each(kinds)('$name', (kind) => {
  let engine: Engine;
  let repos: Repos;
  let uow: UnitOfWork<Repos>;

  beforeEach(async () => {
    engine = await kind.open();
    const make = (db: Kysely<Schema>): Repos => ({ finalisations: new Finalisations(db), versions: new Versions(db) });
    repos = make(engine.db);
    uow = engine.unitOfWork(make, async () => {});
    await seed(engine.db, 8);
  });
  afterEach(async () => engine.close());

  async function requested(documentId: string): Promise<string> {
    const version = await repos.versions.insert({ documentId, kind: 'finalisation', label: 'Đề nghị ban hành', motionId: null, state: new Uint8Array([1]), hash: 'h', createdBy: 'sec' });
    await repos.finalisations.request(documentId, 'sec', version.id);
    return version.id;
  }

  it('[FN4] a number is taken only while it is the next one: two confirmations that peeked the same number cannot both have it', async () => {
    const numbers = repos.finalisations;
    const first = await numbers.peekNext(SERIES);
    const second = await numbers.peekNext(SERIES);
    expect([first, second]).toEqual([1, 1]);
    expect(await numbers.take(SERIES, first)).toBe(true);
    expect(await numbers.take(SERIES, second)).toBe(false);
    const retry = await numbers.peekNext(SERIES);
    expect(retry).toBe(2);
    expect(await numbers.take(SERIES, retry)).toBe(true);
    // No skipping ahead either: 4 is not the next number while 3 is free.
    expect(await numbers.take(SERIES, 4)).toBe(false);
    expect(await numbers.peekNext(SERIES)).toBe(3);
    expect(await numbers.peekNext('TTCNL/BB/2023')).toBe(1);
  });

  it('[FN4] a number taken in a transaction that fails is given again, not lost', async () => {
    await expect(
      uow.run(async (tx) => {
        expect(await tx.finalisations.take(SERIES, 1)).toBe(true);
        throw new Error('the finalisation fails after taking its number');
      }),
    ).rejects.toThrow('fails');
    expect(await repos.finalisations.peekNext(SERIES)).toBe(1);
  });

  it('[D37] a request is kept and read back as its domain type; cancelled only while requested; made final once', async () => {
    const versionId = await requested('doc1');
    expect(await repos.finalisations.byDocument('doc1')).toEqual({
      documentId: 'doc1', status: 'requested', requestedBy: 'sec', requestedAt: expect.any(String) as string, confirmedBy: null,
      confirmedAt: null, series: null, seq: null, number: null, versionId, contentHash: null,
    });
    expect(await repos.finalisations.cancel('doc1')).toBe(true);
    expect(await repos.finalisations.cancel('doc1')).toBe(false);
    expect(await repos.finalisations.byDocument('doc1')).toBeUndefined();
    await requested('doc1');
    const final = { confirmedBy: 'chair', series: SERIES, seq: 1, number: '01/NQ-TTCNL', versionId, contentHash: 'hf' };
    expect(await repos.finalisations.markFinal('doc1', final)).toBe(true);
    expect(await repos.finalisations.markFinal('doc1', final)).toBe(false);
    expect(await repos.finalisations.cancel('doc1')).toBe(false);
    expect(await repos.finalisations.byDocument('doc1')).toMatchObject({ status: 'final', confirmedBy: 'chair', seq: 1, number: '01/NQ-TTCNL', contentHash: 'hf' });
  });

  it('[D38] 8 confirmations at once from different connections number the 8 documents 01–08, no gap, no number twice', async () => {
    for (let i = 1; i <= 8; i++) await requested(`doc${i}`);
    // As `confirmFinalisation` does: peek outside the unit, take inside it with the document made final; a number
    // taken meanwhile by another confirmation sends this one round again with the next.
    const confirm = async (documentId: string): Promise<number> => {
      for (let attempt = 0; attempt < 100; attempt++) {
        const seq = await repos.finalisations.peekNext(SERIES);
        const done = await uow.run(async (tx) => {
          if ((await tx.finalisations.byDocument(documentId))?.status !== 'requested') throw new Error('not requested');
          if (!(await tx.finalisations.take(SERIES, seq))) return false;
          const version = await tx.versions.insert({ documentId, kind: 'final', label: `Số: ${seq}`, motionId: null, state: new Uint8Array([2]), hash: 'hf', createdBy: 'chair' });
          const number = formatNumber(seq, 'NQ', 'TTCNL');
          expect(await tx.finalisations.markFinal(documentId, { confirmedBy: 'chair', series: SERIES, seq, number, versionId: version.id, contentHash: 'hf' })).toBe(true);
          return true;
        });
        if (done) return seq;
      }
      throw new Error('no number');
    };
    const taken = await Promise.all(Array.from({ length: 8 }, (_, i) => confirm(`doc${i + 1}`)));
    expect([...taken].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const numbers = await engine.db.selectFrom('finalisations').select(['document_id', 'number']).where('status', '=', 'final').execute();
    expect(numbers.map((r) => r.number).sort()).toEqual(['01', '02', '03', '04', '05', '06', '07', '08'].map((n) => `${n}/NQ-TTCNL`));
    expect(await repos.finalisations.peekNext(SERIES)).toBe(9);
  });
});
