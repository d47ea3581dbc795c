import type { WebsocketProvider } from 'y-websocket';
import { CloseCode, FATAL_CLOSE_CODES } from '../../shared/protocol.ts';

/**
 * Closes that every client of one server process gets at the same instant: the process stopping (1012, its
 * graceful stop), or gone without a word (1006, killed or crashed; 1001, going away). The stock client would bring
 * them all back 200 ms later, at once, onto the processes that remain; each waits a moment of its own instead.
 */
const SCATTERED: ReadonlySet<number> = new Set([CloseCode.ServerRestarting, 1006, 1001]);

export interface ReconnectOptions {
  /** The shortest wait after such a close. */
  minDelayMs?: number;
  /** Waits are spread evenly over this much more. */
  spreadMs?: number;
  random?: () => number;
  /** Whether the device is online: a wait that ends offline does not connect (coming online does). */
  online?: () => boolean;
}

export interface ReconnectPolicy {
  /** For `new WebsocketProvider(…, { shouldReconnect })`. */
  shouldReconnect: (event: CloseEvent, provider: WebsocketProvider) => boolean;
  /** Drops a reconnect still waiting (the provider is being destroyed). */
  cancel(): void;
}

/**
 * When a provider reconnects after the server closed its socket: never after a close that says retrying is
 * pointless (`FATAL_CLOSE_CODES`); after a process's stop or loss, at a random moment within a few seconds; after
 * any other close, as the stock client does (at once, then backing off).
 *
 * The stock client has no delay of its own to set: its retry is turned into nothing (`shouldConnect` false makes
 * it a no-op) and `connect()` is called when the moment comes.
 */
export function reconnectPolicy(options: ReconnectOptions = {}): ReconnectPolicy {
  const { minDelayMs = 300, spreadMs = 3000, random = Math.random } = options;
  const online = options.online ?? (() => typeof navigator === 'undefined' || navigator.onLine);
  let timer: ReturnType<typeof setTimeout> | null = null;
  const cancel = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  return {
    shouldReconnect(event, provider) {
      if (FATAL_CLOSE_CODES.has(event.code)) return false;
      if (!SCATTERED.has(event.code)) return true;
      cancel();
      provider.shouldConnect = false;
      timer = setTimeout(() => {
        timer = null;
        if (online()) provider.connect();
      }, minDelayMs + random() * spreadMs);
      return true;
    },
    cancel,
  };
}
