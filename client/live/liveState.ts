import { useSyncExternalStore } from 'react';
import { roomConnection, type ConnectionState, type SaveState } from './saveState.ts';

/**
 * The one source of the room's live state: the meeting's live feed and the open document report their
 * connection here, the document its save state, and the header's indicator and the editor's status both read it.
 */
export interface LiveState {
  connection: ConnectionState;
  /** The open document's save state; null when no document is open (or it is read-only). */
  save: SaveState | null;
}

export type LiveSource = 'feed' | 'document';

const parts = new Map<LiveSource, ConnectionState>();
let save: SaveState | null = null;
let snapshot: LiveState = { connection: 'connecting', save: null };
const listeners = new Set<() => void>();

function changed(): void {
  const next: LiveState = { connection: roomConnection(parts.values()), save };
  if (next.connection === snapshot.connection && sameSave(next.save, snapshot.save)) return;
  snapshot = next;
  for (const listener of listeners) listener();
}

function sameSave(a: SaveState | null, b: SaveState | null): boolean {
  return a === b || (a !== null && b !== null && a.kind === b.kind && a.unsent === b.unsent);
}

/** A source's connection now; null when it goes away (the document closed, the room left). */
export function reportConnection(source: LiveSource, state: ConnectionState | null): void {
  if (state === null) parts.delete(source);
  else parts.set(source, state);
  changed();
}

export function reportSave(state: SaveState | null): void {
  save = state;
  changed();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useLiveState(): LiveState {
  return useSyncExternalStore(subscribe, () => snapshot);
}
