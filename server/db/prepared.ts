import { CompiledQuery, type Compilable, type Kysely } from 'kysely';
import type { Dialect } from './engine.ts';
import type { Schema } from './schema.ts';

/** Where an argument goes while a statement is built once: replaced by the call's value each time it runs. */
class Slot {
  constructor(readonly index: number) {}
}

/**
 * A statement built and compiled by the query layer once per dialect, then run with each call's arguments.
 * Building and compiling a query costs more than running it on SQLite (a one-row read: about 17 µs to build,
 * 7 µs to run), and repositories are made afresh for every unit of work, so the compiled text is kept here, per
 * statement, not per repository. `build` receives placeholders for the arguments; it must use each only as a
 * value (a parameter of the statement), never to choose what to build.
 */
export function prepared<A extends unknown[], R>(
  build: (db: Kysely<Schema>, dialect: Dialect, ...args: A) => Compilable<R>,
): (db: Kysely<Schema>, dialect: Dialect, ...args: A) => Promise<R[]> {
  const compiled = new Map<Dialect, { query: CompiledQuery<R>; parameters: readonly unknown[] }>();
  return async (db, dialect, ...args) => {
    let entry = compiled.get(dialect);
    if (!entry) {
      const query = build(db, dialect, ...(args.map((_, i) => new Slot(i)) as A)).compile();
      entry = { query, parameters: query.parameters };
      compiled.set(dialect, entry);
    }
    const parameters = entry.parameters.map((p) => (p instanceof Slot ? args[p.index] : p));
    const result = await db.executeQuery<R>({ ...entry.query, parameters });
    return result.rows;
  };
}
