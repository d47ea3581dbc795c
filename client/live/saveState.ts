/**
 * What the save state and the live indicator say, as pure rules over what the sync connections report (SV1–SV3).
 * The words are in `shared/i18n.ts` (`save.*`, `status.*`).
 */

export type ConnectionState = 'connected' | 'connecting' | 'offline';

/**
 * paused: the server said it cannot save for now (its database is out of reach) and holds what it gets, unsent to
 * anyone, until it can ("Tạm dừng lưu"); the changes made here stay on this device meanwhile, whatever their count.
 * server: the server has acknowledged every change made here ("Đã lưu lên máy chủ"); sending: connected, with
 * changes not yet acknowledged ("Đang lưu…"); unsent: offline or reconnecting with changes the server has not
 * got ("N thay đổi chưa gửi"); local: nothing typed since, and the server's copy not confirmed, but this device
 * has the text ("Đã lưu trên thiết bị này"); none: nothing can be said yet (loading).
 */
export type SaveKind = 'paused' | 'server' | 'sending' | 'unsent' | 'local' | 'none';

export interface SaveState {
  kind: SaveKind;
  /** Changes made on this device since the server last had everything. */
  unsent: number;
}

export interface SaveFacts {
  connection: ConnectionState;
  /** Local changes since the server last acknowledged everything this device sent. */
  unsent: number;
  /** The server has acknowledged everything this device had (since the document was opened here). */
  serverHasAll: boolean;
  /** The device's own copy (IndexedDB) is loaded, and takes every change from now on. */
  savedLocally: boolean;
  /** The server said on the open socket that saving is paused, and nothing since (`SaveTracker`). */
  savingPaused?: boolean;
}

export function saveStateOf({ connection, unsent, serverHasAll, savedLocally, savingPaused = false }: SaveFacts): SaveState {
  if (savingPaused && connection !== 'offline') return { kind: 'paused', unsent };
  if (unsent > 0) return { kind: connection === 'connected' ? 'sending' : 'unsent', unsent };
  if (serverHasAll) return { kind: 'server', unsent: 0 };
  if (savedLocally) return { kind: 'local', unsent: 0 };
  return { kind: 'none', unsent: 0 };
}

/**
 * The room's one connection state, the worst of its parts (the meeting's live feed, the open document's socket):
 * the header and the editor show this same value, so they never disagree. Nothing reported yet is "connecting".
 */
export function roomConnection(parts: Iterable<ConnectionState>): ConnectionState {
  let seen = false;
  let connecting = false;
  for (const part of parts) {
    seen = true;
    if (part === 'offline') return 'offline';
    if (part === 'connecting') connecting = true;
  }
  return !seen || connecting ? 'connecting' : 'connected';
}

/**
 * What screen readers are told: the save state without "sending", which comes and goes with every keystroke
 * while connected. A change is announced when this value changes, never on each keystroke.
 */
export function announcedSave(state: SaveState, previous: SaveKind): SaveKind {
  return state.kind === 'sending' ? previous : state.kind;
}
