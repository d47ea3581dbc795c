import type { ReactNode } from 'react';
import type { MessageKey } from '../../shared/i18n.ts';
import { useI18n } from '../i18n.tsx';

interface ToolButtonProps {
  label: MessageKey;
  /** Shown on hover instead of the label: why the button is disabled. */
  title?: string;
  active?: boolean;
  disabled?: boolean;
  onPress(): void;
  children: ReactNode;
}

export function ToolButton({ label, title, active, disabled, onPress, children }: ToolButtonProps) {
  const { t } = useI18n();
  const text = t(label);
  return (
    <button
      type="button"
      className="toolbar-button"
      aria-label={text}
      title={title ?? text}
      // Only toggles have a pressed state; undo/redo are plain actions.
      aria-pressed={active === undefined ? undefined : active}
      disabled={disabled}
      data-testid={label.replace('.', '-')}
      // Keep the editor's selection: a button that takes focus would collapse it before the command runs.
      onMouseDown={(event) => event.preventDefault()}
      onClick={onPress}
    >
      {children}
    </button>
  );
}
