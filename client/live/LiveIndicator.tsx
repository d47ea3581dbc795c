import { useI18n } from '../i18n.tsx';
import { useLiveState } from './liveState.ts';
import { saveWords } from './saveWords.ts';

const WORDS = { connected: 'room.live', connecting: 'room.notLive', offline: 'room.offline' } as const;

/**
 * The header's live indicator: the room's one connection state, the same value the editor's status shows
 * (SV2), and the unsent changes of the open document while they wait for the network.
 */
export function LiveIndicator() {
  const { t } = useI18n();
  const { connection, save } = useLiveState();
  // What the person must know wherever they are in the room: changes waiting for the network, or for the server.
  const unsent = save?.kind === 'unsent' ? saveWords(save) : save?.kind === 'paused' ? { key: 'save.pausedShort' as const } : null;
  return (
    <span
      className="live-indicator"
      data-testid="live-indicator"
      data-live={connection === 'connected'}
      data-state={connection}
      title={connection === 'offline' ? t('status.offlineHint') : t('room.liveHint')}
    >
      <span className="connection-dot" aria-hidden="true" />
      {t(WORDS[connection])}
      {unsent && (
        <span data-testid="live-unsent" data-state={save?.kind}>
          {' · '}
          {t(unsent.key, 'params' in unsent ? unsent.params : undefined)}
        </span>
      )}
    </span>
  );
}
