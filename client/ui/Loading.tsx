import { useI18n } from '../i18n.tsx';

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="muted centered-text loading" role="status">
      {t('common.loading')}
    </p>
  );
}
