import { describe, expect, it } from 'vitest';
import { announcedSave, roomConnection, saveStateOf } from './saveState.ts';
import { saveWords } from './saveWords.ts';
import { t } from '../../shared/i18n.ts';

describe('save state and the room’s connection', () => {
  it('[SV1] says "on the server" only when the server acknowledged everything, "N unsent" offline, "on this device" only for what is local', () => {
    const facts = { connection: 'connected' as const, unsent: 0, serverHasAll: true, savedLocally: true };
    expect(saveStateOf(facts)).toEqual({ kind: 'server', unsent: 0 });
    expect(saveStateOf({ ...facts, connection: 'offline' })).toEqual({ kind: 'server', unsent: 0 });
    expect(saveStateOf({ ...facts, unsent: 2, serverHasAll: false })).toEqual({ kind: 'sending', unsent: 2 });
    expect(saveStateOf({ ...facts, connection: 'offline', unsent: 3, serverHasAll: false })).toEqual({ kind: 'unsent', unsent: 3 });
    expect(saveStateOf({ ...facts, connection: 'connecting', unsent: 1, serverHasAll: false })).toEqual({ kind: 'unsent', unsent: 1 });
    expect(saveStateOf({ ...facts, connection: 'offline', serverHasAll: false })).toEqual({ kind: 'local', unsent: 0 });
    expect(saveStateOf({ ...facts, serverHasAll: false, savedLocally: false })).toEqual({ kind: 'none', unsent: 0 });
    expect(saveWords({ kind: 'unsent', unsent: 3 })).toEqual({ key: 'save.unsent', params: { count: 3 } });
    expect(saveWords({ kind: 'unsent', unsent: 1 })?.key).toBe('save.unsentOne');
    expect(saveWords({ kind: 'local', unsent: 0 })?.key).toBe('status.savedLocally');
    expect(saveWords({ kind: 'none', unsent: 0 })).toBeNull();
  });

  it('[SV4] saving paused by the server is said as such, before anything else the counts would say, until the socket closes', () => {
    const facts = { connection: 'connected' as const, unsent: 0, serverHasAll: true, savedLocally: true, savingPaused: true };
    expect(saveStateOf(facts)).toEqual({ kind: 'paused', unsent: 0 });
    expect(saveStateOf({ ...facts, unsent: 3, serverHasAll: false })).toEqual({ kind: 'paused', unsent: 3 });
    expect(saveStateOf({ ...facts, connection: 'connecting', unsent: 1, serverHasAll: false })).toEqual({ kind: 'paused', unsent: 1 });
    expect(saveStateOf({ ...facts, connection: 'offline', unsent: 2, serverHasAll: false })).toEqual({ kind: 'unsent', unsent: 2 });
    expect(saveStateOf({ ...facts, savingPaused: false })).toEqual({ kind: 'server', unsent: 0 });
    expect(saveWords({ kind: 'paused', unsent: 2 })).toEqual({ key: 'save.paused' });
    // Announced once, as a settled state, not dropped like "saving…".
    expect(announcedSave({ kind: 'paused', unsent: 2 }, 'server')).toBe('paused');
    expect(t('vi', 'save.paused')).toBe('Tạm dừng lưu — thay đổi vẫn được giữ trên máy này');
    expect(t('en', 'save.paused')).toBe('Saving paused — changes kept on this device');
    expect(t('vi', 'save.pausedHint')).toContain('cơ sở dữ liệu');
  });

  it('[SV2] the room’s one connection state is the worst of its parts; nothing reported yet is connecting', () => {
    expect(roomConnection([])).toBe('connecting');
    expect(roomConnection(['connected', 'connected'])).toBe('connected');
    expect(roomConnection(['connected', 'connecting'])).toBe('connecting');
    expect(roomConnection(['connecting', 'offline'])).toBe('offline');
    expect(roomConnection(['offline', 'connected'])).toBe('offline');
  });

  it('[SV3] screen readers are not told "saving" at each keystroke: it keeps the last settled state', () => {
    expect(announcedSave({ kind: 'sending', unsent: 1 }, 'server')).toBe('server');
    expect(announcedSave({ kind: 'unsent', unsent: 4 }, 'server')).toBe('unsent');
    expect(announcedSave({ kind: 'server', unsent: 0 }, 'unsent')).toBe('server');
  });
});
