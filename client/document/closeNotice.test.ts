import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/protocol.ts';
import { closeNoticeFor } from './closeNotice.ts';

describe('close code notices', () => {
  it('says nothing for closes the connection status already explains', () => {
    for (const code of [CloseCode.Normal, 1001, 1005, 1006]) expect(closeNoticeFor(code)).toBeNull();
  });

  it('says nothing when the document was reloaded after a lock taken on another process: the client is back at once', () => {
    expect(closeNoticeFor(CloseCode.DocumentReloaded)).toBeNull();
  });

  it('has a message for every code the server sends except a normal close and a reload', () => {
    for (const code of Object.values(CloseCode)) {
      if (code === CloseCode.Normal || code === CloseCode.DocumentReloaded) continue;
      expect(closeNoticeFor(code)?.key, String(code)).not.toBe('close.unknown');
    }
  });

  it('keeps the notices that reconnecting does not fix', () => {
    expect(closeNoticeFor(CloseCode.StorageError)?.clearsOnReconnect).toBe(false);
    expect(closeNoticeFor(CloseCode.MessageTooLarge)?.clearsOnReconnect).toBe(false);
    expect(closeNoticeFor(CloseCode.TooManyConnections)?.clearsOnReconnect).toBe(false);
    expect(closeNoticeFor(CloseCode.ServerRestarting)?.clearsOnReconnect).toBe(true);
  });

  it('[SG4] explains a direct edit refused from someone who may only suggest, and keeps saying it', () => {
    expect(closeNoticeFor(CloseCode.SuggestionsOnly)).toEqual({ code: 4422, key: 'close.suggestionsOnly', clearsOnReconnect: false });
  });

  it('[SG13] explains direct edits kept as a draft until the document is open afresh', () => {
    expect(closeNoticeFor(CloseCode.DirectEditsKept)).toEqual({ code: 4423, key: 'close.directEditsKept', clearsOnReconnect: true });
  });

  it('shows an unknown code with its number', () => {
    expect(closeNoticeFor(4999)).toEqual({ code: 4999, key: 'close.unknown', clearsOnReconnect: true });
  });
});
