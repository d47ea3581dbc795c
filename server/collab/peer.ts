/**
 * What the room core needs from a transport. The `ws` adapter implements it over a WebSocket; tests implement it
 * in memory. Nothing in server/collab/ except the adapter imports `ws`.
 */
export interface PeerSocket {
  send(data: Uint8Array): void;
  close(code: number, reason: string): void;
  /** Bytes handed to `send` that the transport has not yet written out. */
  readonly bufferedAmount: number;
  /** Asks the peer for a sign of life; the transport calls `Connection.markAlive()` when it answers. */
  ping(): void;
}

/** The part of Fastify's (pino) logger the core uses, so that the core does not depend on Fastify. */
export interface Logger {
  debug(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
