/**
 * Messages between the vote benchmark's orchestrator (votes.ts) and its load-generator processes: watchers,
 * the voter, and the relay writer of the baseline. Times are µs of CLOCK_MONOTONIC (`monoMicros`), which every
 * process on the machine shares; NaN means "never".
 */

export interface WatcherInit {
  type: 'init';
  /** One URL per socket; on the project's server each carries its own delegate's token. */
  urls: string[];
  /** How many of the sockets are stock y-websocket clients (WebsocketProvider + Y.Doc); the rest scan bytes. */
  stock: number;
  motionId: string;
  /** The voters' user ids in ballot order: ballot i is the entry `${motionId}/${userIds[i]}`. */
  userIds: string[];
}

export type ToWatcher = WatcherInit | { type: 'progress' } | { type: 'report' } | { type: 'close' };

export interface WatcherReport {
  type: 'report';
  /** sockets × ballots, row-major: when each socket first held each ballot's entry. */
  seen: Float64Array;
  sockets: number;
  /** For each stock client: the motion's `voted` count and the size of its `ballots` map at the end. */
  stockVoted: number[];
  stockBallots: number[];
  /** For each stock client: when its motion's `voted` reached the number of ballots. */
  stockAllVotedAt: number[];
  duplicates: number;
  /** Ballot keys of this motion whose user is not a voter. */
  unexpectedKeys: number;
  closes: Record<string, number>;
}

export type FromWatcher =
  | { type: 'ready'; connected: number; failed: number; firstError: string | null }
  | { type: 'progress'; missing: number; closed: number }
  | WatcherReport;

export interface BurstDone {
  type: 'done';
  /** Per ballot: when the request was written (or the update sent), and when its answer's headers arrived. */
  sent: Float64Array;
  answered: Float64Array;
  /** HTTP status per ballot (0: the request failed; 201 for every update of the relay writer). */
  status: Int16Array;
  firstError: string | null;
  /** How late the sends were relative to their schedule, ms. */
  lagP99Ms: number;
  lagMaxMs: number;
}

export type ToVoter =
  | { type: 'init'; httpOrigin: string; motionId: string; tokens: string[] }
  | { type: 'start'; seconds: number }
  | { type: 'close' };

export type FromVoter = { type: 'ready'; warmMs: number; failed: number; firstError: string | null } | BurstDone;

export type ToRelayWriter =
  | { type: 'init'; url: string; motionId: string; userIds: string[]; motion: Record<string, unknown> }
  | { type: 'start'; seconds: number }
  | { type: 'close' };

export type FromRelayWriter = { type: 'ready' } | BurstDone;
