import type { Logger } from '../collab/peer.ts';
import type { DomainEvent } from '../db/uow.ts';
import type { QuorumEvent } from '../events.ts';
import type { Bus } from './bus.ts';

/** The channel committed news travels on between processes (prefixed by the bus). */
export const EVENTS_CHANNEL = 'events';

/**
 * The events every process delivers, not only the one whose unit committed them: each process holds its own
 * sockets, its own copies of the rooms and its own timers. The rest stay with the process that committed: the
 * meeting's live state and a vote's results are written once, into documents every process relays, and what the
 * engine keeps of a secret ballot's order is forgotten once, in the one database.
 */
const SHARED: ReadonlySet<QuorumEvent['type']> = new Set(['sockets.close', 'document.lock', 'motion.timer']);

type SharedEvent = Extract<QuorumEvent, { type: 'sockets.close' | 'document.lock' | 'motion.timer' }>;

interface Message {
  from: string;
  events: SharedEvent[];
}

export interface SharedEvents {
  /** Tells the other processes of a committed unit's shared events; returns at once (the news may be late, never early). */
  publish(events: readonly DomainEvent[]): void;
  /** Runs `work` in turn with the deliveries of other processes' news, so neither overtakes the other. */
  inTurn(work: () => Promise<void>): Promise<void>;
  /** Stops hearing other processes (the server is stopping). */
  stop(): Promise<void>;
}

/**
 * Connects this process's event delivery to the other processes': what it commits is published on the bus, and
 * what another process committed is delivered here by `deliverLocal` (the same `deliverEvents` as for its own).
 *
 * Another process's news is delivered in the order it arrived, one message after the other: a relock reads the
 * lock from the database, and two relocks of one document running at once could finish in the wrong order.
 */
export async function shareEvents(bus: Bus, deliverLocal: (events: readonly QuorumEvent[]) => Promise<void>, log: Logger): Promise<SharedEvents> {
  let tail: Promise<void> = Promise.resolve();
  let stopped = false;
  const inTurn = (work: () => Promise<void>) => {
    const run = tail.then(work);
    tail = run.catch((err: unknown) => log.error({ err: String(err) }, 'could not deliver news from another process'));
    return tail;
  };
  const unsubscribe = await bus.subscribe(EVENTS_CHANNEL, (raw) => {
    if (stopped) return;
    const message = parse(raw);
    if (message === null) {
      log.error({ bytes: raw.length }, 'ignored a message on the events channel that is not one');
      return;
    }
    // This process delivered its own already, before publishing.
    if (message.from === bus.processId || message.events.length === 0) return;
    void inTurn(() => deliverLocal(message.events));
  });
  return {
    publish(events) {
      const shared = (events as readonly QuorumEvent[]).filter((e): e is SharedEvent => SHARED.has(e.type));
      if (shared.length === 0 || stopped) return;
      const message: Message = { from: bus.processId, events: shared };
      // Not awaited: the command has committed and its caller should not wait for Redis, which may be away (the
      // bus then sends it once back).
      bus.publish(EVENTS_CHANNEL, Buffer.from(JSON.stringify(message))).catch((err: unknown) => {
        log.error({ events: shared.map((e) => e.type), err: String(err) }, 'could not tell the other processes');
      });
    },
    inTurn,
    async stop() {
      stopped = true;
      await unsubscribe().catch(() => {});
    },
  };
}

/** A message from another process, with only the events this process knows to deliver; null when it is not one. */
function parse(raw: Buffer): Message | null {
  let value: unknown;
  try {
    value = JSON.parse(raw.toString('utf8'));
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { from, events } = value as { from?: unknown; events?: unknown };
  if (typeof from !== 'string' || !Array.isArray(events)) return null;
  // A newer process may share an event this one does not know: skipped, not misread.
  const known = events.filter(
    (e): e is SharedEvent => typeof e === 'object' && e !== null && SHARED.has((e as { type?: unknown }).type as QuorumEvent['type']),
  );
  return { from, events: known };
}
