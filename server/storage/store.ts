/**
 * Where documents are kept. A document is a compacted state (one Yjs update holding everything up to
 * `stateSeq`) followed by a tail of updates appended since. Loading applies the state, then the tail; compaction
 * folds the tail into the state so that load time does not grow with the length of the editing history.
 *
 * Every backend passes the same contract suite (`contract.ts`).
 */
export interface StoredDocument {
  /** Everything up to `stateSeq`, or null when the document was never compacted. */
  state: Uint8Array | null;
  stateSeq: number;
  /** Updates after `stateSeq`, oldest first. */
  updates: Uint8Array[];
  /** Sequence number of the last update in `updates` (or `stateSeq` when there is none). */
  lastSeq: number;
}

export interface DocumentStore {
  /** An empty document (`state` null, no updates, seq 0) when nothing is stored under `docId`. */
  load(docId: string): Promise<StoredDocument>;
  /**
   * Appends updates durably, in order, in one transaction; resolves with the sequence number of the last one.
   * The caller broadcasts only after this resolves.
   */
  append(docId: string, updates: readonly Uint8Array[]): Promise<number>;
  /** Replaces every update up to and including `throughSeq` by `state`. Later updates are kept. */
  compact(docId: string, state: Uint8Array, throughSeq: number): Promise<void>;
  close(): Promise<void>;
}
