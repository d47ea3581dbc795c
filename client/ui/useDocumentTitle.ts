import { useEffect } from 'react';
import { useI18n } from '../i18n.tsx';

/** "<page> · Quorum" in the tab, so that several open meetings can be told apart. */
export function useDocumentTitle(page: string | null): void {
  const { t } = useI18n();
  const title = page ? `${page} · ${t('app.name')}` : t('app.name');
  useEffect(() => {
    document.title = title;
  }, [title]);
}
