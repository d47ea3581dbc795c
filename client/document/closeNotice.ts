import { CloseCode } from '../../shared/protocol.ts';
import type { MessageKey } from '../../shared/i18n.ts';

export interface CloseNotice {
  code: number;
  key: MessageKey;
  /** Cleared by the next successful sync; the others stay until dismissed, since reconnecting does not fix them. */
  clearsOnReconnect: boolean;
}

const NOTICES: Record<number, Omit<CloseNotice, 'code'>> = {
  [CloseCode.MessageTooLarge]: { key: 'close.messageTooLarge', clearsOnReconnect: false },
  [CloseCode.ServerRestarting]: { key: 'close.serverRestarting', clearsOnReconnect: true },
  [CloseCode.ProtocolError]: { key: 'close.protocolError', clearsOnReconnect: true },
  [CloseCode.Unauthenticated]: { key: 'close.unauthenticated', clearsOnReconnect: false },
  [CloseCode.ForbiddenOrigin]: { key: 'close.forbiddenOrigin', clearsOnReconnect: false },
  [CloseCode.NotFound]: { key: 'close.invalidDocumentId', clearsOnReconnect: false },
  [CloseCode.AccessChanged]: { key: 'close.accessChanged', clearsOnReconnect: true },
  [CloseCode.DeadPeer]: { key: 'close.deadPeer', clearsOnReconnect: true },
  [CloseCode.SlowReader]: { key: 'close.slowReader', clearsOnReconnect: true },
  [CloseCode.TooManyConnections]: { key: 'close.tooManyConnections', clearsOnReconnect: false },
  [CloseCode.SuggestionsOnly]: { key: 'close.suggestionsOnly', clearsOnReconnect: false },
  [CloseCode.SuggestionNotYours]: { key: 'close.suggestionNotYours', clearsOnReconnect: false },
  // Brief: the room drops this device's copy and opens the document afresh, and its own notice links the draft.
  [CloseCode.DirectEditsKept]: { key: 'close.directEditsKept', clearsOnReconnect: true },
  [CloseCode.StorageError]: { key: 'close.storageError', clearsOnReconnect: false },
};

/**
 * Codes the browser itself reports when the network drops or the page leaves (1001 going away, 1005 no
 * status, 1006 abnormal): the connection status already says "offline/connecting", a notice would repeat it.
 * A document reloaded after a lock taken elsewhere (4010) is back at once, and the lock's own bar says why.
 */
const SILENT_CODES = new Set<number>([CloseCode.Normal, 1001, 1005, 1006, CloseCode.DocumentReloaded]);

export function closeNoticeFor(code: number): CloseNotice | null {
  if (SILENT_CODES.has(code)) return null;
  const known = NOTICES[code];
  return known ? { code, ...known } : { code, key: 'close.unknown', clearsOnReconnect: true };
}
