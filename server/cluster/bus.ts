/**
 * How server processes tell each other what happened, when several serve one installation (PostgreSQL + Redis,
 * `REDIS_URL`). One process alone uses `LocalBus`, which delivers to its own subscribers only; several use the
 * Redis bus (pub/sub), which also delivers to every other process's.
 *
 * A bus carries news, never the record: whatever it carries is already committed to the database, and a process
 * that missed a message (Redis restarted, a network blip) catches up from the database, told by `onReconnect`.
 */
export interface Bus {
  /** This process's id, unique among the processes on the bus; messages carry it so a sender can skip its own. */
  readonly processId: string;
  /** Sends `message` to every subscriber of `channel` on every process, this one included. */
  publish(channel: string, message: Buffer): Promise<void>;
  /** Calls `handler` for each message on `channel`; resolves once subscribed. The returned function unsubscribes. */
  subscribe(channel: string, handler: (message: Buffer) => void): Promise<() => Promise<void>>;
  /** Called after the connection to the bus came back: messages sent meanwhile may have been lost. */
  onReconnect(handler: () => void): void;
  /** Whether the bus is connected now (for `/healthz`). */
  healthy(): boolean;
  close(): Promise<void>;
}
