import { useI18n } from '../i18n.tsx';
import type { CloseNotice } from './closeNotice.ts';

export function CloseNoticeBanner({ notice, onDismiss }: { notice: CloseNotice; onDismiss(): void }) {
  const { t } = useI18n();
  return (
    <div className="notice" role="alert" data-testid="close-notice" data-code={notice.code}>
      <span>{t(notice.key, { code: notice.code })}</span>
      <button type="button" className="notice-dismiss" aria-label={t('close.dismiss')} onClick={onDismiss}>
        <span aria-hidden="true">×</span>
      </button>
    </div>
  );
}
