import { useI18n } from '../i18n.tsx';

/**
 * "Bình luận" with the number of open threads: opens the comments as a sheet where the page leaves no room for
 * the margin (phones, narrow windows); on a wide screen the margin is always there and the button is not shown.
 */
export function CommentsToggle({ open, count, onToggle }: { open: boolean; count: number; onToggle(): void }) {
  const { t } = useI18n();
  return (
    <button
      type="button"
      className="secondary-button comments-toggle"
      data-testid="comments-toggle"
      aria-expanded={open}
      aria-pressed={open}
      title={t('comments.toggleHint')}
      onClick={onToggle}
    >
      <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
        <path d="M4 5h16v11H9l-5 4z" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
      </svg>
      <span className="comments-toggle-label">{t('comments.toggle')}</span>
      {count > 0 && (
        <span className="comments-badge" aria-label={t('comments.openCount', { count })}>
          {count}
        </span>
      )}
    </button>
  );
}
