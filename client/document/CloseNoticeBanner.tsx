import { useI18n } from '../i18n.tsx';
import type { CloseNotice } from './closeNotice.ts';
import { DismissButton } from '../ui/DismissButton.tsx';

export function CloseNoticeBanner({ notice, onDismiss }: { notice: CloseNotice; onDismiss(): void }) {
  const { t } = useI18n();
  return (
    <div className="notice" role="alert" data-testid="close-notice" data-code={notice.code}>
      <span>{t(notice.key, { code: notice.code })}</span>
      <DismissButton label={t('close.dismiss')} onClick={onDismiss} />
    </div>
  );
}
