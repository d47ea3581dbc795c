import { AsyncLocalStorage } from 'node:async_hooks';
import type { Kysely } from 'kysely';
import type { Db } from './database.ts';
import type { Schema } from './schema.ts';

/**
 * One unit of work: everything a command reads to decide and writes, committed together or not at all, and the
 * side effects it asks for (events) delivered only after the commit. Commands never open transactions themselves;
 * routes never do.
 *
 * A unit's body awaits only its repositories: no sockets, documents or timers inside (those are events). On SQLite
 * that keeps a unit from interleaving with anything else on the one connection; on PostgreSQL it keeps row locks
 * short.
 */
export interface UnitOfWork<R> {
  run<T>(work: (tx: Tx<R>) => Promise<T>): Promise<T>;
}

/** The repositories bound to the unit's transaction, and the events to deliver after its commit. */
export type Tx<R> = R & {
  emit(event: DomainEvent): void;
};

/** A side effect a command asks for; `server/events.ts` says which exist and who delivers them. */
export interface DomainEvent {
  type: string;
}

export type Deliver = (events: readonly DomainEvent[]) => Promise<void>;

/** A statement PostgreSQL refused because another transaction got there first; the whole unit is run again. */
function retryable(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '40001' || code === '40P01';
}

const RETRIES = 5;

/**
 * Marks the code running inside a unit: a unit started there would wait for the one it is in (SQLite) or commit
 * apart from it (PostgreSQL), so it is refused at once instead. Pass the enclosing `tx` down.
 */
const inside = new AsyncLocalStorage<true>();

function refuseNesting(): void {
  if (inside.getStore()) throw new Error('A unit of work was started inside another; pass its tx down instead');
}

/**
 * SQLite: one connection, one writer. A unit is `BEGIN IMMEDIATE … COMMIT` on the connection; units take turns
 * (a unit whose body awaits something slow would otherwise let another unit's statements into its transaction).
 */
export class SqliteUnitOfWork<R> implements UnitOfWork<R> {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly repositories: (executor: Kysely<Schema>) => R,
    private readonly executor: Kysely<Schema>,
    private readonly deliver: Deliver,
  ) {}

  run<T>(work: (tx: Tx<R>) => Promise<T>): Promise<T> {
    refuseNesting();
    const turn = this.tail.then(() => inside.run(true, () => this.once(work)));
    this.tail = turn.catch(() => {});
    return turn;
  }

  private async once<T>(work: (tx: Tx<R>) => Promise<T>): Promise<T> {
    if (this.db.inTransaction) throw new Error('A unit of work started inside an open transaction');
    const events: DomainEvent[] = [];
    const tx = { ...this.repositories(this.executor), emit: (e: DomainEvent) => void events.push(e) } as Tx<R>;
    this.db.exec('BEGIN IMMEDIATE');
    let result: T;
    try {
      result = await work(tx);
      this.db.exec('COMMIT');
    } catch (err) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw err;
    }
    // Delivered outside the unit: a subscriber may start units of its own.
    await inside.exit(() => this.deliver(events));
    return result;
  }
}

/**
 * PostgreSQL: a transaction on a pooled connection at READ COMMITTED. Where a check and the write that depends on
 * it must not interleave with another process, the repositories lock the rows (`SELECT … FOR UPDATE`) or take an
 * advisory lock. A unit chosen as a deadlock victim or refused for serialization is run again from the start.
 */
export class PostgresUnitOfWork<R> implements UnitOfWork<R> {
  constructor(
    private readonly db: Kysely<Schema>,
    private readonly repositories: (executor: Kysely<Schema>) => R,
    private readonly deliver: Deliver,
  ) {}

  async run<T>(work: (tx: Tx<R>) => Promise<T>): Promise<T> {
    refuseNesting();
    for (let attempt = 1; ; attempt++) {
      const events: DomainEvent[] = [];
      try {
        const result = await this.db
          .transaction()
          .setIsolationLevel('read committed')
          .execute(async (trx) => {
            const tx = { ...this.repositories(trx), emit: (e: DomainEvent) => void events.push(e) } as Tx<R>;
            return inside.run(true, () => work(tx));
          });
        await this.deliver(events);
        return result;
      } catch (err) {
        if (attempt >= RETRIES || !retryable(err)) throw err;
      }
    }
  }
}
