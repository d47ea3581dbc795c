import { useI18n } from '../i18n.tsx';

/** "Phiên bản": shows or hides the versions panel beside the document. */
export function VersionsToggle({ open, onToggle }: { open: boolean; onToggle(): void }) {
  const { t } = useI18n();
  return (
    <button
      type="button"
      className="secondary-button versions-toggle"
      data-testid="versions-toggle"
      aria-expanded={open}
      aria-pressed={open}
      title={t('versions.toggleHint')}
      onClick={onToggle}
    >
      <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
        <circle cx="12" cy="12" r="8.5" fill="none" stroke="currentColor" strokeWidth="2" />
        <path d="M12 7.5V12l3 2" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      </svg>
      {/* Only the clock on a phone (SC3): the words stay for screen readers. */}
      <span className="versions-toggle-label">{t('versions.toggle')}</span>
    </button>
  );
}
