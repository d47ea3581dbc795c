/**
 * The sync socket's wire protocol, defined once for server and client.
 *
 * Message types are those of the y-websocket protocol, so the stock `WebsocketProvider` speaks to the server
 * unchanged. Close codes are Quorum's own (4000–4999 is the application range of RFC 6455) except where a
 * standard code says exactly the same thing; the client maps each code to what the person sees.
 */

/** First varint of every message on `/collab/<documentId>`. */
export const MessageType = {
  Sync: 0,
  Awareness: 1,
  Auth: 2,
  QueryAwareness: 3,
} as const;
export type MessageType = (typeof MessageType)[keyof typeof MessageType];

/**
 * Second varint of an `Auth` message. y-protocols defines 0 (permission denied) and the stock client ignores any
 * other, so Quorum's acknowledgement rides here: `Stored` is followed by a count n, meaning "every sync step 2
 * and update you sent on this socket, through your n-th, is stored, and nothing of yours was dropped since your
 * last sync answer". A client that counts what it sends knows from it when the server has everything.
 *
 * `SavingPaused` (nothing follows): the server cannot reach its database, so it holds the room's new edits, neither
 * storing nor relaying them, and tries again; sent to every connection of the room when saving pauses, and to each
 * one that joins while it is paused. `SavingResumed` (nothing follows): what it held is stored and sent; the
 * acknowledgements of the writes it held follow. Both concern this socket only.
 */
export const AuthKind = {
  PermissionDenied: 0,
  Stored: 1,
  SavingPaused: 2,
  SavingResumed: 3,
} as const;

/** Second varint of a `Sync` message (y-protocols/sync). */
export const SyncStep = {
  Step1: 0,
  Step2: 1,
  Update: 2,
} as const;

/**
 * The stock y-websocket client (3.x) gives up for good on 4400–4499 and retries on anything else, so codes that
 * mean "try again" live outside that range (4008, 4009, 4029, 4500) and codes that mean "stop" inside it.
 */
export const CloseCode = {
  /** Normal closure (the peer left). */
  Normal: 1000,
  /** A frame above the configured size limit (RFC 6455 "message too big"). */
  MessageTooLarge: 1009,
  /** The server is shutting down or restarting; reconnect later. */
  ServerRestarting: 1012,
  /** A message that does not decode: bad varint, unknown type, undecodable update. */
  ProtocolError: 4400,
  /**
   * The person may only suggest changes in this document (a delegate, when the meeting says so) and sent an update
   * that changes the text directly: nothing of it was applied. The client stops and says so; retrying would send
   * the same update again.
   */
  SuggestionsOnly: 4422,
  /**
   * The person may only suggest changes in this document and sent an update that changes the text directly (an
   * offline device's edits from before the meeting said so): nothing of it was applied to the document, but it is
   * stored in that person's private draft of refused edits (one per person and document), and so is everything
   * the socket sent until this close. The device drops its own copy of the document and opens it afresh from the
   * server; there it can go on suggesting. In the "stop" range on purpose: the stock client, which cannot drop its
   * copy, would otherwise send the same update again on every reconnect. 4422 still means the edit was not kept
   * (over the limits of refused edits, or the draft could not be written): the device must keep its copy.
   */
  DirectEditsKept: 4423,
  /**
   * The update writes a suggestion in another person's name (a new suggestion id with someone else's account as its
   * author): nothing of it was applied. An honest client never sends one, and retrying would send it again.
   */
  SuggestionNotYours: 4424,
  /** No valid session cookie or token: the person has to sign in. */
  Unauthenticated: 4401,
  /** The upgrade request came from another site's page (its Origin is not ours). */
  ForbiddenOrigin: 4403,
  /**
   * Not a valid document id, no such document, or a document of a meeting the caller is not in: the same code
   * for all three, so the socket tells an outsider no more than HTTP's 404 does.
   */
  NotFound: 4404,
  /** The person's role or membership changed: reconnect, and the server decides their access again. */
  AccessChanged: 4009,
  /**
   * The document was locked on another server process (a vote opened, finalisation asked) while this one still
   * took edits: its copy is dropped and loaded again from storage. Reconnect at once; edits the lock kept out are
   * sent again and handled as any edit to a locked text (held until the lock lifts, or kept as refused edits).
   */
  DocumentReloaded: 4010,
  /** The connection did not answer pings in time. */
  DeadPeer: 4008,
  /** The connection reads too slowly: its send buffer passed the limit. */
  SlowReader: 4029,
  /**
   * The person already holds as many sync sockets as one person may (MAX_SOCKETS_PER_PERSON, every tab and device
   * together): the client stops and says so, rather than retrying into the same refusal.
   */
  TooManyConnections: 4429,
  /** The server could not load or persist the document. */
  StorageError: 4500,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** Path prefix of the sync socket; the room name (document id) follows it. */
export const COLLAB_PATH = '/collab';

/**
 * Document ids: letters, digits and `_ - . :` (a colon namespaces server-owned documents such as
 * `meeting:<id>`), 1–128 characters.
 */
export const DOCUMENT_ID_PATTERN = /^[A-Za-z0-9_.:-]{1,128}$/;

export function isValidDocumentId(id: string): boolean {
  return DOCUMENT_ID_PATTERN.test(id);
}

/** Close codes after which a client should not retry by itself. */
export const FATAL_CLOSE_CODES: ReadonlySet<number> = new Set([
  CloseCode.Unauthenticated,
  CloseCode.ForbiddenOrigin,
  CloseCode.NotFound,
  CloseCode.SuggestionsOnly,
  CloseCode.SuggestionNotYours,
  CloseCode.DirectEditsKept,
]);
