/**
 * Where documents are kept. A document is a compacted state (one Yjs update) plus the rows of updates appended and
 * not yet folded into it. Loading applies the state, then every remaining row; compaction folds rows into the state
 * so that load time does not grow with the length of the editing history.
 *
 * Each document numbers its rows itself (`doc_seq`: 1, 2, 3 …), under a lock on its head row, so numbers are
 * gap-free and commit in order: whoever holds every row up to n holds everything stored up to n. Several server
 * processes keep a document's copies in step by these numbers (docs/architecture.md, "Several processes"). The
 * head row also holds the document's lock: an append to a locked document stores nothing and says so, unless it is
 * the server's own change made to a locked text on purpose (the number written at finalisation).
 *
 * Compaction names the rows it folded, as ranges of numbers, and deletes exactly those: a row the compacting copy
 * does not hold (another process's, not yet relayed to it) stays. A compaction whose copy did not start from the
 * stored state (someone else compacted in between) merges its state with the stored one instead of replacing it,
 * so what either covered stays covered.
 *
 * Every backend passes the same contract suite (`contract.ts`).
 */
export interface StoredDocument {
  /** The compacted state, or null when the document was never compacted (or, from `since`, not needed). */
  state: Uint8Array | null;
  /** Changes each time the state is replaced; 0 when there is none. Passed back to `compact` as `baseVersion`. */
  stateVersion: number;
  /** Every update not yet folded into the state (from `since`: after the number asked), in order. */
  updates: Uint8Array[];
  /** The number (`doc_seq`) of each of `updates`, in the same order. */
  seqs: number[];
  /** The document's last number when it was read: the state and the updates hold every row up to it. */
  head: number;
}

/** Why a document takes no edits: `hold` for now (a vote, a finalisation request), `seal` for good. */
export type StoredLock = 'hold' | 'seal';

export type AppendResult =
  /** Stored as rows `from` … `to`, one per update, in order. */
  | { stored: true; from: number; to: number }
  /** The document is locked: nothing was stored. */
  | { stored: false; lock: StoredLock };

export interface AppendOptions {
  /**
   * The server's own change to a text it locked (the number written into a finalised document): stored even while
   * the document is locked. Every other append, the server's included, is refused by a lock.
   */
  server?: boolean;
}

/** Rows `[from, to]`, both included. */
export type SeqRange = readonly [from: number, to: number];

export interface Compaction {
  /** A Yjs update holding at least the stored state it started from and every row in `merged`. */
  state: Uint8Array;
  /** The rows `state` holds, as ranges of numbers: exactly these are deleted. */
  merged: readonly SeqRange[];
  /** The `stateVersion` the compacting copy was loaded with (or last compacted to). */
  baseVersion: number;
}

export interface DocumentStore {
  /** An empty document (`state` null, version 0, no updates, head 0) when nothing is stored under `docId`. */
  load(docId: string): Promise<StoredDocument>;
  /**
   * What a copy holding every row up to `after` lacks: the rows after it, and the state too when some of those
   * were folded into it (applying a state again changes nothing). Read in one snapshot.
   */
  since(docId: string, after: number): Promise<StoredDocument>;
  /**
   * Appends updates durably, in order, in one transaction, numbered after the document's last row; or, when the
   * document is locked, stores nothing. The caller sends them out only after this resolves.
   */
  append(docId: string, updates: readonly Uint8Array[], options?: AppendOptions): Promise<AppendResult>;
  /**
   * Stores `state` and deletes the rows in `merged`, in one transaction, one compaction of a document at a time;
   * resolves with the new `stateVersion`. If the stored state is no longer the one at `baseVersion`, the two
   * states are merged.
   */
  compact(docId: string, compaction: Compaction): Promise<number>;
  close(): Promise<void>;
}

/** The highest number in `ranges`, 0 when there are none. */
export function highestOf(ranges: readonly SeqRange[]): number {
  let high = 0;
  for (const [, to] of ranges) if (to > high) high = to;
  return high;
}
