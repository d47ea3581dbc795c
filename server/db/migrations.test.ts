import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { disposeEngines, testEngines } from '../../test/helpers/engines.ts';
import type { Engine } from './engine.ts';

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
