import { useI18n } from '../i18n.tsx';
import type { ConnectionState } from './useCollabDocument.ts';

interface Props {
  connection: ConnectionState;
  savedLocally: boolean;
  readOnly?: boolean;
}

export function ConnectionStatus({ connection, savedLocally, readOnly = false }: Props) {
  const { t } = useI18n();
  return (
    <div className="status-area">
      <span
        className="connection-status"
        data-testid="connection-status"
        data-state={connection}
        role="status"
        title={connection === 'offline' ? t('status.offlineHint') : undefined}
      >
        <span className="connection-dot" aria-hidden="true" />
        {t(`status.${connection}`)}
      </span>
      {readOnly && (
        <span className="read-only-badge" data-testid="read-only" title={t('doc.readOnlyHint')}>
          {t('doc.readOnly')}
        </span>
      )}
      {savedLocally && (
        <span className="saved-locally" data-testid="saved-locally">
          {t('status.savedLocally')}
        </span>
      )}
    </div>
  );
}
