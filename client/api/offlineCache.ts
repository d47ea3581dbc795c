/**
 * The last answer to a few GETs (the session, a meeting, a document's access), kept on the device so that a
 * page reloaded without a network still opens the editor on the text y-indexeddb kept. Never used while the
 * server answers; emptied on signing out, so that the next person on a shared device finds none of it.
 */
import { readStored, writeStored } from '../storage.ts';

const PREFIX = 'quorum:offline:';

export function remember(path: string, value: unknown): void {
  writeStored(PREFIX + path, JSON.stringify(value));
}

export function recall<T>(path: string): T | undefined {
  const stored = readStored(PREFIX + path);
  if (stored === null) return undefined;
  try {
    return JSON.parse(stored) as T;
  } catch {
    return undefined;
  }
}

export function forgetAll(): void {
  try {
    for (const key of Object.keys(localStorage)) if (key.startsWith(PREFIX)) localStorage.removeItem(key);
  } catch {
    // Storage unavailable: nothing was kept either.
  }
}
