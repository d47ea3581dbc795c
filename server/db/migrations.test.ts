import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { disposeEngines, testEngines } from '../../test/helpers/engines.ts';
import { createTestDatabase } from '../../test/helpers/postgres.ts';
import type { Engine } from './engine.ts';
import { postgresPool } from './kysely.ts';
import { migratePostgres } from './migrations-postgres.ts';
import { migrate } from './migrations.ts';

/** Every table and its columns, as the engine describes them (names only: the types are each engine's own words). */
async function columns(engine: Engine): Promise<Record<string, string[]>> {
  const rows =
    engine.dialect === 'sqlite'
      ? (
          await sql<{ t: string; c: string }>`
            SELECT m.name AS t, p.name AS c FROM sqlite_master m, pragma_table_info(m.name) p
            WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'`.execute(engine.db)
        ).rows
      : (
          await sql<{ t: string; c: string }>`
            SELECT table_name AS t, column_name AS c FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name <> 'schema_version'`.execute(engine.db)
        ).rows;
  const out: Record<string, string[]> = {};
  for (const { t, c } of rows) (out[t] ??= []).push(c);
  for (const t of Object.keys(out)) out[t]!.sort();
  return out;
}

const kinds = await testEngines('the schema migrations');
afterAll(disposeEngines);

describe('schema migrations', () => {
  it('[D1] both engines reach the same tables and columns (SQLite keeps doc_state.state_seq, no longer read)', async () => {
    const seen: Record<string, Record<string, string[]>> = {};
    for (const kind of kinds) {
      const engine = await kind.open();
      try {
        seen[kind.name] = await columns(engine);
      } finally {
        await engine.close();
      }
    }
    const sqlite = seen.SQLite!;
    sqlite.doc_state = sqlite.doc_state!.filter((c) => c !== 'state_seq');
    expect(Object.keys(sqlite)).toContain('motion_electorate');
    if (seen.PostgreSQL) expect(seen.PostgreSQL).toEqual(sqlite);
  });

  it('[D1] migrating again changes nothing, and two starts at once on PostgreSQL both succeed', async () => {
    for (const kind of kinds) {
      const opened = await Promise.all([kind.open(), kind.open()]);
      const again = await kind.open();
      try {
        expect(await columns(again)).toEqual(await columns(opened[0]!));
      } finally {
        await Promise.all([...opened, again].map((e) => e.close()));
      }
    }
  });
});

/**
 * A database as step 7 left it: rows of three documents appended in turns, a fourth only compacted; a vote open on
 * one, another finalised, another adopted. The same statements on both engines, but for how bytes are written and
 * SQLite's old state_seq column.
 */
function beforeStep8(engine: 'sqlite' | 'postgres'): string[] {
  const bytes = (hex: string) => (engine === 'sqlite' ? `X'${hex}'` : `decode('${hex}', 'hex')`);
  const stateSeq = engine === 'sqlite' ? ['state_seq, ', '0, '] : ['', ''];
  return [
    `INSERT INTO users (id, username, full_name, password_hash, created_at) VALUES ('u', 'u', 'U', 'x', '2024-01-01')`,
    `INSERT INTO meetings (id, title, kind, starts_at, place, locality, issuing_body, parent_body, symbol, status,
       quorum_num, quorum_den, agenda, created_at, updated_at)
     VALUES ('m', 'M', 'k', '2024-01-01', 'p', 'l', 'i', 'pb', 'S', 'in_session', 2, 3, '[]', '2024-01-01', '2024-01-01')`,
    ...['d-open', 'd-final', 'd-state', 'd-adopted', 'd-none'].map(
      (id) => `INSERT INTO documents (id, meeting_id, kind, title, created_at) VALUES ('${id}', 'm', 'NQ', 'T', '2024-01-01')`,
    ),
    `INSERT INTO document_versions (id, document_id, state, content_hash, created_at) VALUES ('v', 'd-final', ${bytes('00')}, 'h', '2024-01-01')`,
    `INSERT INTO finalisations (document_id, status, requested_by, requested_at, version_id) VALUES ('d-final', 'final', 'u', '2024-01-01', 'v')`,
    `INSERT INTO motions (id, meeting_id, number, title, description, document_id, form, rule, quorum_num, quorum_den, status, outcome, created_at)
     VALUES ('mo1', 'm', 1, 'T', '', 'd-open', 'electronic', 'majority', 2, 3, 'open', NULL, '2024-01-01'),
            ('mo2', 'm', 2, 'T', '', 'd-adopted', 'electronic', 'majority', 2, 3, 'closed', 'adopted', '2024-01-01'),
            ('mo3', 'm', 3, 'T', '', 'd-none', 'electronic', 'majority', 2, 3, 'closed', 'rejected', '2024-01-01')`,
    ...['d-open', 'd-final', 'd-open', 'd-none', 'd-final', 'd-open'].map(
      (id, i) => `INSERT INTO doc_update (doc_id, data) VALUES ('${id}', ${bytes(`0${i}`)})`,
    ),
    ...['d-state', 'd-adopted'].map(
      (id) =>
        `INSERT INTO doc_state (doc_id, state, ${stateSeq[0]}version, updated_at) VALUES ('${id}', ${bytes('00')}, ${stateSeq[1]}1, 0)`,
    ),
  ];
}

describe('schema migrations: step 8 on existing data', () => {
  const check = async (query: (text: string) => Promise<Record<string, unknown>[]>) => {
    const rows = await query('SELECT doc_id, seq, doc_seq FROM doc_update ORDER BY seq');
    expect(rows.map((r) => [r.doc_id, Number(r.doc_seq)])).toEqual([
      ['d-open', 1],
      ['d-final', 1],
      ['d-open', 2],
      ['d-none', 1],
      ['d-final', 2],
      ['d-open', 3],
    ]);
    const heads = await query('SELECT doc_id, seq, lock FROM doc_head ORDER BY doc_id');
    expect(heads.map((h) => [h.doc_id, Number(h.seq), h.lock])).toEqual([
      ['d-adopted', 0, 'seal'],
      ['d-final', 2, 'seal'],
      ['d-none', 1, null],
      ['d-open', 3, 'hold'],
      ['d-state', 0, null],
    ]);
  };

  it('[D1] numbers every document’s rows in the order they were appended, makes their heads and carries over their locks (SQLite)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-migrate-'));
    const db = new Database(path.join(dir, 'old.sqlite'));
    try {
      migrate(db, 7);
      for (const statement of beforeStep8('sqlite')) db.exec(statement);
      migrate(db);
      await check(async (text) => db.prepare(text).all() as Record<string, unknown>[]);
    } finally {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it.runIf(kinds.some((k) => k.dialect === 'postgres'))('[D1] the same on PostgreSQL', async () => {
    const database = await createTestDatabase();
    const pool = postgresPool(database.url);
    try {
      await migratePostgres(pool, 7);
      for (const statement of beforeStep8('postgres')) await pool.query(statement);
      await migratePostgres(pool);
      await check(async (text) => (await pool.query(text)).rows as Record<string, unknown>[]);
    } finally {
      await pool.end();
      await database.drop();
    }
  });
});
