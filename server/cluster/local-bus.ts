import { randomBytes } from 'node:crypto';
import { silentLogger, type Logger } from '../collab/peer.ts';
import type { Bus } from './bus.ts';

type Handler = (message: Buffer) => void;

/**
 * The bus of a process that is alone (SQLite, or PostgreSQL without `REDIS_URL`): it delivers to this process's
 * own subscribers only, and never loses its connection, so `onReconnect` never fires.
 *
 * Delivery is on the microtask queue, not inside `publish`: a subscriber then runs as it would with Redis, after
 * the publisher's current step, so code written against one bus does not depend on the other's timing.
 */
export class LocalBus implements Bus {
  readonly processId = randomBytes(8).toString('hex');
  private readonly handlers = new Map<string, Set<Handler>>();
  private closed = false;

  constructor(private readonly log: Logger = silentLogger) {}

  publish(channel: string, message: Buffer): Promise<void> {
    if (this.closed) return Promise.reject(new Error('bus closed'));
    const handlers = this.handlers.get(channel);
    if (!handlers) return Promise.resolve();
    // A copy, as Redis would hand each process its own: the publisher may reuse its buffer.
    const copy = Buffer.from(message);
    for (const handler of handlers) {
      queueMicrotask(() => {
        // A subscriber removed meanwhile no longer hears the channel, as after UNSUBSCRIBE.
        if (this.closed || !this.handlers.get(channel)?.has(handler)) return;
        try {
          handler(copy);
        } catch (err) {
          this.log.error({ channel, err: String(err) }, 'a bus subscriber failed');
        }
      });
    }
    return Promise.resolve();
  }

  subscribe(channel: string, handler: Handler): Promise<() => Promise<void>> {
    if (this.closed) return Promise.reject(new Error('bus closed'));
    let handlers = this.handlers.get(channel);
    if (!handlers) this.handlers.set(channel, (handlers = new Set()));
    // Each subscription is its own, even for the same function: unsubscribing one leaves the other.
    const own: Handler = (message) => handler(message);
    handlers.add(own);
    return Promise.resolve(async () => {
      handlers.delete(own);
      if (handlers.size === 0 && this.handlers.get(channel) === handlers) this.handlers.delete(channel);
    });
  }

  onReconnect(): void {
    // Nothing to lose between processes, so nothing to catch up on.
  }

  healthy(): boolean {
    return !this.closed;
  }

  close(): Promise<void> {
    this.closed = true;
    this.handlers.clear();
    return Promise.resolve();
  }
}
