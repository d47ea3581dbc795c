import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import { localCopyName } from './localCopies.ts';
import { COLLAB_PATH, CloseCode } from '../../shared/protocol.ts';
import { reconnectPolicy } from '../live/reconnect.ts';
import { notifyUnauthenticated } from '../api/http.ts';
import type { Identity } from '../identity.ts';
import { closeNoticeFor, type CloseNotice } from './closeNotice.ts';
import { useOnline } from './useOnline.ts';
import { reportConnection, reportSave } from '../live/liveState.ts';
import { saveStateOf, type ConnectionState, type SaveState } from '../live/saveState.ts';
import { SaveTracker, type SaveCounts } from '../live/saveTracker.ts';

export type { ConnectionState } from '../live/saveState.ts';
type ProviderStatus = 'connected' | 'connecting' | 'disconnected';

export interface CollabSession {
  ydoc: Y.Doc;
  provider: WebsocketProvider;
  tracker: SaveTracker;
}

export interface CollabDocument {
  session: CollabSession | null;
  connection: ConnectionState;
  /** y-indexeddb has loaded this device's copy; from now on every change is also written to it. */
  savedLocally: boolean;
  /** What the save state says (SV1): on the server, being sent, unsent, or on this device only. */
  save: SaveState;
  notice: CloseNotice | null;
  dismissNotice(): void;
  /** The server refused the document id; retrying cannot help. */
  refused: boolean;
}

export function collabUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${COLLAB_PATH}`;
}

export function useCollabDocument(
  documentId: string,
  identity: Identity,
  /**
   * The server kept this device's direct edits as the person's draft (4423, SG13): the device's copy must be dropped
   * and the document opened afresh, which only the owner of the editor can do.
   */
  onDirectEditsKept?: () => void,
): CollabDocument {
  const online = useOnline();
  // Read when the socket closes, so that a new callback does not open a new connection.
  const keptRef = useRef(onDirectEditsKept);
  useEffect(() => {
    keptRef.current = onDirectEditsKept;
  });
  const [session, setSession] = useState<CollabSession | null>(null);
  const [status, setStatus] = useState<ProviderStatus>('connecting');
  const [synced, setSynced] = useState(false);
  const [savedLocally, setSavedLocally] = useState(false);
  const [notice, setNotice] = useState<CloseNotice | null>(null);
  const [refused, setRefused] = useState(false);
  // The server said retrying is pointless; coming back online must not retry anyway.
  const [stoppedByServer, setStoppedByServer] = useState(false);

  // Created here and not in useMemo: StrictMode mounts twice, and a memoised provider would be the one
  // destroyed by the first cleanup.
  useEffect(() => {
    const { ydoc, persistence } = takeEarly(documentId) ?? openLocalCopy(documentId);
    // Loading the device's copy is not a change made here; whether the server lacks it is learnt on connecting.
    const tracker = new SaveTracker(ydoc, (origin) => origin === persistence);
    // The stock rule treats all of 4400–4499 as permanent; the protocol says which codes really are. After a
    // server process stops, its clients come back each at a moment of its own.
    const reconnect = reconnectPolicy();
    const provider = new WebsocketProvider(collabUrl(), documentId, ydoc, {
      connect: navigator.onLine,
      WebSocketPolyfill: tracker.socketClass(WebSocket),
      shouldReconnect: reconnect.shouldReconnect,
    });
    setStoppedByServer(false);
    setStatus(navigator.onLine ? 'connecting' : 'disconnected');
    setSynced(false);
    setSavedLocally(false);
    setNotice(null);
    setRefused(false);

    const onStatus = ({ status }: { status: ProviderStatus }) => setStatus(status);
    const onSync = (isSynced: boolean) => {
      setSynced(isSynced);
      if (isSynced) setNotice((current) => (current?.clearsOnReconnect ? null : current));
    };
    const onClose = (event: CloseEvent | null) => {
      // null: we closed it ourselves (going offline, leaving the page).
      if (!event) return;
      const next = closeNoticeFor(event.code);
      if (next) setNotice(next);
    };
    const onTerminalClose = ({ code }: { code: number }) => {
      setStoppedByServer(true);
      if (code === CloseCode.NotFound) setRefused(true);
      if (code === CloseCode.DirectEditsKept) keptRef.current?.();
      // The session ended (expired, signed out elsewhere, account disabled): sign in again, as HTTP's 401 does.
      if (code === CloseCode.Unauthenticated) notifyUnauthenticated();
    };
    tracker.attach(provider);
    provider.on('status', onStatus);
    provider.on('sync', onSync);
    provider.on('connection-close', onClose);
    provider.on('closed', onTerminalClose);
    persistence.on('synced', () => setSavedLocally(true));
    if (persistence.synced) setSavedLocally(true);

    setSession({ ydoc, provider, tracker });
    return () => {
      reconnect.cancel();
      setSession(null);
      tracker.destroy();
      provider.destroy();
      void persistence.destroy();
      ydoc.destroy();
    };
  }, [documentId]);

  // A socket whose network is gone can look open until y-websocket's 30 s watchdog fires; the browser
  // already knows better, so follow it both ways.
  useEffect(() => {
    if (!session) return;
    const { provider } = session;
    if (!online) provider.disconnect();
    else if (!provider.shouldConnect && !stoppedByServer) provider.connect();
  }, [online, session, stoppedByServer]);

  useEffect(() => {
    session?.provider.awareness.setLocalStateField('user', { name: identity.name, color: identity.color });
  }, [session, identity.name, identity.color]);

  const dismissNotice = useCallback(() => setNotice(null), []);

  // Between attempts y-websocket reports 'disconnected' for up to its 2.5 s backoff; while it will retry
  // that is still "connecting", not "offline", or the status would flicker while the server restarts.
  let connection: ConnectionState;
  if (!online || stoppedByServer) connection = 'offline';
  else if (status === 'connected' && synced) connection = 'connected';
  else connection = 'connecting';

  const counts = useSyncExternalStore(session?.tracker.subscribe ?? noSubscription, () => session?.tracker.current ?? NO_COUNTS);
  const save = saveStateOf({ connection, ...counts, savedLocally });

  // The room's one live state (the header's indicator reads it too). A refused document says so in its place.
  useEffect(() => {
    reportConnection('document', refused ? null : connection);
  }, [connection, refused]);
  useEffect(() => () => reportConnection('document', null), []);

  return { session, connection, savedLocally, save, notice, dismissNotice, refused };
}

interface LocalCopy {
  ydoc: Y.Doc;
  persistence: IndexeddbPersistence;
}

function openLocalCopy(documentId: string): LocalCopy {
  const ydoc = new Y.Doc();
  return { ydoc, persistence: new IndexeddbPersistence(localCopyName(documentId), ydoc) };
}

/** Opened before the editor's code has arrived, for the document's page to take (`openEarly`). */
let early: (LocalCopy & { documentId: string; expires: ReturnType<typeof setTimeout> }) | null = null;
const EARLY_FOR_MS = 10_000;

/**
 * Starts reading the device's copy of a document while the editor's code is still arriving and starting, so that the
 * editor opens with the text instead of waiting for the read after it mounts (benchmark 4: a reload on a phone). The
 * document's page takes it; one it never takes (the person went elsewhere) is closed after a few seconds.
 */
export function openEarly(documentId: string): void {
  if (early?.documentId === documentId) return;
  dropEarly();
  const copy = openLocalCopy(documentId);
  early = { ...copy, documentId, expires: setTimeout(dropEarly, EARLY_FOR_MS) };
}

function takeEarly(documentId: string): LocalCopy | null {
  if (early?.documentId !== documentId) return null;
  const { ydoc, persistence, expires } = early;
  clearTimeout(expires);
  early = null;
  return { ydoc, persistence };
}

function dropEarly(): void {
  if (!early) return;
  clearTimeout(early.expires);
  void early.persistence.destroy();
  early.ydoc.destroy();
  early = null;
}

const NO_COUNTS: SaveCounts = { unsent: 0, serverHasAll: false, savingPaused: false };
const noSubscription = () => () => {};

/** Reports the save state of the document being edited to the room's live state, while `active`. */
export function useReportSave(save: SaveState, active: boolean): void {
  const { kind, unsent } = save;
  useEffect(() => {
    reportSave(active ? { kind, unsent } : null);
  }, [kind, unsent, active]);
  useEffect(() => () => reportSave(null), []);
}
