/**
 * Where documents are kept. A document is a compacted state (one Yjs update) plus the rows of updates appended and
 * not yet folded into it. Loading applies the state, then every remaining row; compaction folds rows into the state
 * so that load time does not grow with the length of the editing history.
 *
 * Compaction names the rows it folded, by sequence number, and deletes exactly those: never "everything up to a
 * number", which would take rows another writer committed late (a lower number committed after a higher one, as
 * PostgreSQL sequences allow) or that the compacting copy never saw. A compaction whose copy did not start from the
 * stored state (someone else compacted in between) merges its state with the stored one instead of replacing it,
 * so what either covered stays covered.
 *
 * Every backend passes the same contract suite (`contract.ts`).
 */
export interface StoredDocument {
  /** The compacted state, or null when the document was never compacted. */
  state: Uint8Array | null;
  /** Changes each time the state is replaced; 0 when there is none. Passed back to `compact` as `baseVersion`. */
  stateVersion: number;
  /** Every update not yet folded into the state, in append order. */
  updates: Uint8Array[];
  /** The sequence number of each of `updates`, in the same order. */
  seqs: number[];
}

export interface Compaction {
  /** A Yjs update holding at least the stored state it started from and every row in `merged`. */
  state: Uint8Array;
  /** The rows `state` holds, by sequence number: exactly these are deleted. */
  merged: readonly number[];
  /** The `stateVersion` the compacting copy was loaded with (or last compacted to). */
  baseVersion: number;
}

export interface DocumentStore {
  /** An empty document (`state` null, version 0, no updates) when nothing is stored under `docId`. */
  load(docId: string): Promise<StoredDocument>;
  /**
   * Appends updates durably, in order, in one transaction; resolves with their sequence numbers.
   * The caller broadcasts only after this resolves.
   */
  append(docId: string, updates: readonly Uint8Array[]): Promise<number[]>;
  /**
   * Stores `state` and deletes the rows in `merged`, in one transaction; resolves with the new `stateVersion`.
   * If the stored state is no longer the one at `baseVersion`, the two states are merged.
   */
  compact(docId: string, compaction: Compaction): Promise<number>;
  close(): Promise<void>;
}
