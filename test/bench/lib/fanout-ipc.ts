/** Messages between the fan-out orchestrator and its load-generator processes (IPC, advanced serialization). */

export interface ReaderInit {
  type: 'init';
  url: string;
  connections: number;
  /** Highest sequence number the writer can send. */
  maxSeq: number;
  perMessageDeflate: boolean;
}

export type ToReader =
  | ReaderInit
  | { type: 'progress'; from: number; to: number }
  | { type: 'report'; from: number; to: number }
  | { type: 'close' };

export interface ReaderReport {
  type: 'report';
  /** Delivery latency in ms of every (reader, update) pair delivered in [from, to]. */
  latencies: Float32Array;
  /** For each update in [from, to]: the latency of the last of this process's readers to get it (NaN if one missed it). */
  lastArrival: Float32Array;
  missing: number;
  duplicates: number;
  /** Sockets that closed before the end, by close code. */
  closes: Record<string, number>;
  /** Extensions the server accepted (e.g. permessage-deflate), as seen on the first socket. */
  extensions: string;
  /** Frames that were neither sync nor awareness. */
  unexpected: number;
}

export type FromReader =
  | { type: 'ready'; connected: number; failed: number; firstError: string | null; connectMs: number }
  | { type: 'progress'; missing: number; closed: number }
  | ReaderReport;

export type ToWriter =
  | { type: 'init'; url: string; perMessageDeflate: boolean }
  | { type: 'start'; rate: number; warmupSeconds: number; seconds: number }
  | { type: 'close' };

export type FromWriter =
  | { type: 'ready' }
  | { type: 'measure-start'; firstSeq: number }
  | {
      type: 'measure-end';
      firstSeq: number;
      lastSeq: number;
      /** How late the writer sent an update relative to its schedule, ms. */
      lagP50Ms: number;
      lagP99Ms: number;
      lagMaxMs: number;
      closed: boolean;
    };
