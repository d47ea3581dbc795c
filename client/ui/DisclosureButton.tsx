import { useI18n } from '../i18n.tsx';

interface Props {
  expanded: boolean;
  onToggle(): void;
  /** The id of the region it shows and hides. */
  controls: string;
  /** What it opens, for a screen reader ("Ban hành", "Biểu quyết số 2"). */
  label: string;
  testId: string;
  /** Something there waits for this person (their ballot, their confirmation): the button draws the eye. */
  attention?: boolean;
}

/**
 * The "▾ Chi tiết" at the end of a one-line bar (finalisation, an open vote, a lock): a real button, reached by
 * Tab, that says whether the rest is shown (aria-expanded) and which region it shows (aria-controls).
 */
export function DisclosureButton({ expanded, onToggle, controls, label, testId, attention = false }: Props) {
  const { t } = useI18n();
  return (
    <button
      type="button"
      className="disclosure-button"
      data-testid={testId}
      data-attention={attention}
      aria-expanded={expanded}
      aria-controls={controls}
      aria-label={`${label}: ${t(expanded ? 'disclosure.less' : 'disclosure.more')}`}
      onClick={onToggle}
    >
      <span aria-hidden="true">{t(expanded ? 'disclosure.less' : 'disclosure.more')}</span>
      <svg className="disclosure-chevron" viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
        <path d="M3.5 6l4.5 4.5L12.5 6" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      </svg>
    </button>
  );
}
