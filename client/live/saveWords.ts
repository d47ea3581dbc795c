import type { MessageKey } from '../../shared/i18n.ts';
import type { SaveKind, SaveState } from './saveState.ts';

/** The words of a save state, as a message key and its parameters; null when there is nothing to say. */
export function saveWords(save: { kind: SaveKind; unsent: number }): { key: MessageKey; params?: { count: number } } | null {
  switch (save.kind) {
    case 'paused':
      return { key: 'save.paused' };
    case 'server':
      return { key: 'save.server' };
    case 'sending':
      return { key: 'save.sending' };
    case 'unsent':
      return { key: save.unsent === 1 ? 'save.unsentOne' : 'save.unsent', params: { count: save.unsent } };
    case 'local':
      return { key: 'status.savedLocally' };
    case 'none':
      return null;
  }
}

export type { SaveState };
