import { sql, type Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { disposeEngines, testEngines } from '../../test/helpers/engines.ts';
import type { Schema } from './schema.ts';
import type { DomainEvent } from './uow.ts';

const kinds = await testEngines('the unit of work');
afterAll(disposeEngines);

/** A tiny repository: the unit's query layer, as the real ones get it. */
const repositories = (db: Kysely<Schema>) => ({
  async addUser(id: string): Promise<void> {
    await db
      .insertInto('users')
      .values({ id, username: id, full_name: id, password_hash: '!', is_admin: 0, is_demo: 0, disabled: 0, created_at: '2023-12-19' })
      .execute();
  },
  async count(): Promise<number> {
    return Number((await db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  },
});

describe.each(kinds)('units of work on $name', (kind) => {
  it('[D2] a unit that fails leaves nothing written and delivers none of its events; one that commits delivers them once, after', async () => {
    const engine = await kind.open();
    try {
      const delivered: { events: DomainEvent[]; committed: number }[] = [];
      const uow = engine.unitOfWork(repositories, async (events) => {
        // What a subscriber reads when told: the commit is already visible outside the unit.
        delivered.push({ events: [...events], committed: await repositories(engine.db).count() });
      });
      await expect(
        uow.run(async (tx) => {
          await tx.addUser('u1');
          tx.emit({ type: 'meeting.changed' });
          throw new Error('refused after writing');
        }),
      ).rejects.toThrow('refused after writing');
      expect(await repositories(engine.db).count()).toBe(0);
      expect(delivered).toEqual([]);

      const answer = await uow.run(async (tx) => {
        await tx.addUser('u2');
        tx.emit({ type: 'meeting.changed' });
        tx.emit({ type: 'ballot.cast' });
        return 'done';
      });
      expect(answer).toBe('done');
      expect(delivered).toEqual([{ events: [{ type: 'meeting.changed' }, { type: 'ballot.cast' }], committed: 1 }]);
    } finally {
      await engine.close();
    }
  });

  it('[D2] a unit started inside another is refused at once (it would wait for the one it is in, or commit apart from it)', async () => {
    const engine = await kind.open();
    try {
      const uow = engine.unitOfWork(repositories, async () => {});
      await expect(uow.run(async () => uow.run((tx) => tx.addUser('inner')))).rejects.toThrow(/inside another/);
      expect(await repositories(engine.db).count()).toBe(0);
      // Events are delivered outside the unit: a subscriber may start its own.
      const chained = engine.unitOfWork(repositories, async () => void (await uow.run((tx) => tx.addUser('after'))));
      await chained.run(async (tx) => tx.emit({ type: 'x' }));
      expect(await repositories(engine.db).count()).toBe(1);
    } finally {
      await engine.close();
    }
  });

  it('[D2] units that run at once each see the other whole or not at all (a read-then-write is never interleaved on SQLite; on PostgreSQL the row lock orders them)', async () => {
    const engine = await kind.open();
    try {
      const uow = engine.unitOfWork((db) => ({ db, ...repositories(db) }), async () => {});
      await uow.run((tx) => tx.addUser('counter'));
      // Each unit reads a value, waits (as a slow body would), and writes it back plus one.
      const bump = () =>
        uow.run(async (tx) => {
          const read = tx.db.selectFrom('users').select('full_name').where('id', '=', 'counter');
          const row = await (kind.dialect === 'postgres' ? read.forUpdate() : read).executeTakeFirstOrThrow();
          await new Promise((r) => setTimeout(r, 5));
          const next = String(Number(row.full_name === 'counter' ? 0 : row.full_name) + 1);
          await tx.db.updateTable('users').set({ full_name: next }).where('id', '=', 'counter').execute();
        });
      await Promise.all(Array.from({ length: 10 }, bump));
      const final = await engine.db.selectFrom('users').select('full_name').where('id', '=', 'counter').executeTakeFirstOrThrow();
      expect(final.full_name).toBe('10');
    } finally {
      await engine.close();
    }
  });
});

describe.runIf(kinds.some((k) => k.dialect === 'postgres'))('units of work on PostgreSQL', () => {
  it('[D2] a unit chosen as a deadlock victim is run again from the start, and both units commit', async () => {
    const kind = kinds.find((k) => k.dialect === 'postgres')!;
    const engine = await kind.open();
    try {
      const uow = engine.unitOfWork((db) => ({ db, ...repositories(db) }), async () => {});
      await uow.run(async (tx) => {
        await tx.addUser('a');
        await tx.addUser('b');
      });
      let attempts = 0;
      // Two units lock the same two rows in opposite orders: PostgreSQL breaks the deadlock by failing one.
      const lockBoth = (first: string, second: string) =>
        uow.run(async (tx) => {
          attempts++;
          await sql`SELECT id FROM users WHERE id = ${first} FOR UPDATE`.execute(tx.db);
          await new Promise((r) => setTimeout(r, 200));
          await sql`SELECT id FROM users WHERE id = ${second} FOR UPDATE`.execute(tx.db);
          await tx.db.updateTable('users').set({ full_name: `${first}${second}` }).where('id', '=', first).execute();
        });
      await Promise.all([lockBoth('a', 'b'), lockBoth('b', 'a')]);
      expect(attempts).toBe(3);
      const names = await engine.db.selectFrom('users').select(['id', 'full_name']).orderBy('id').execute();
      expect(names).toEqual([
        { id: 'a', full_name: 'ab' },
        { id: 'b', full_name: 'ba' },
      ]);
    } finally {
      await engine.close();
    }
  });
});
