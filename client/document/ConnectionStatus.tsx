import { useState } from 'react';
import type { MessageKey } from '../../shared/i18n.ts';
import { useI18n } from '../i18n.tsx';
import { useLiveState } from '../live/liveState.ts';
import { announcedSave, type SaveKind, type SaveState } from '../live/saveState.ts';
import { saveWords } from '../live/saveWords.ts';

/** What a save state's words mean, said in full where there is room (a tooltip, the screen reader). */
const HINTS: Partial<Record<SaveKind, MessageKey>> = { unsent: 'save.unsentHint', local: 'save.localHint', paused: 'save.pausedHint' };

interface Props {
  /** This document's save state; not shown to someone who cannot write (nothing of theirs to save). */
  save: SaveState;
  /** y-indexeddb has this device's copy (a mark for tests and tools; the words say it only when it matters). */
  savedLocally: boolean;
  readOnly?: boolean;
  showSave?: boolean;
}

/**
 * The editor's status: the room's one connection state (the header's indicator shows the same, SV2) and what is
 * saved where (SV1). Screen readers hear changes through one polite status region, without "Đang lưu…", which
 * would otherwise be read out at every keystroke.
 */
export function ConnectionStatus({ save, savedLocally, readOnly = false, showSave = true }: Props) {
  const { t } = useI18n();
  const { connection } = useLiveState();
  // Derived during render (React's pattern for state that follows props): "sending" keeps the previous value.
  const [settled, setSettled] = useState<SaveKind>('none');
  const next = announcedSave(save, settled);
  if (next !== settled) setSettled(next);
  const words = showSave ? saveWords(save) : null;
  // Unsent changes are announced once, without their count, which changes at every keystroke offline.
  // Saving paused is announced with what it means for the person's changes.
  const announced =
    !showSave || next === 'none'
      ? null
      : next === 'unsent' || next === 'paused'
        ? t(HINTS[next]!)
        : t(saveWords({ kind: next, unsent: 0 })!.key);
  return (
    <div className="status-area" data-local-copy={savedLocally}>
      <span
        className="connection-status"
        data-testid="connection-status"
        data-state={connection}
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
      {words && (
        <span
          className="save-state"
          data-testid="save-state"
          data-state={save.kind}
          data-unsent={save.unsent}
          aria-hidden="true"
          title={HINTS[save.kind] ? t(HINTS[save.kind]!) : undefined}
        >
          {t(words.key, words.params)}
        </span>
      )}
      <span className="visually-hidden" role="status" aria-live="polite" data-testid="save-announcement">
        {t(`status.${connection}`)}
        {announced && `. ${announced}`}
      </span>
    </div>
  );
}
