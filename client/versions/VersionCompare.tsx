import { useMemo, useState } from 'react';
import type { VersionContent } from '../../shared/api.ts';
import type { ApiRequestError } from '../api/http.ts';
import { apiPath } from '../api/http.ts';
import { useApiQuery } from '../api/useApiQuery.ts';
import { useI18n } from '../i18n.tsx';
import { ErrorText } from '../ui/ErrorText.tsx';
import { Loading } from '../ui/Loading.tsx';
import { countChanges, diffDocuments } from './diff.ts';
import { DiffView, type DiffMode } from './DiffView.tsx';
import { VersionHash } from './VersionMeta.tsx';
import { formatInstant } from './versionText.ts';

interface Props {
  before: string;
  after: string;
  onClose(): void;
}

function useVersion(id: string) {
  const query = useApiQuery<VersionContent>(apiPath`/api/versions/${id}`);
  return { data: query.data?.id === id ? query.data : undefined, error: query.error };
}

/** Two versions compared, older to newer: side by side (a column each) or inline (one text, marked). */
export function VersionCompare({ before, after, onClose }: Props) {
  const { t, lang } = useI18n();
  const [mode, setMode] = useState<DiffMode>('side');
  const older = useVersion(before);
  const newer = useVersion(after);
  const changes = useMemo(
    () => (older.data && newer.data ? diffDocuments(older.data.content, newer.data.content) : null),
    [older.data, newer.data],
  );
  const error: ApiRequestError | null = older.error ?? newer.error;
  const counts = changes && countChanges(changes);
  const identical = counts !== null && counts.changed + counts.inserted + counts.deleted === 0;

  const side = (version: VersionContent | undefined, key: 'compare.before' | 'compare.after') => (
    <div className="diff-heading-side">
      <span className="small muted">{t(key)}</span>
      {version && (
        <>
          <strong>{version.label}</strong>
          <span className="small muted">{formatInstant(version.createdAt, lang)}</span>
          <VersionHash hash={version.contentHash} />
        </>
      )}
    </div>
  );

  return (
    <section className="version-stage" data-testid="version-compare-view" data-before={before} data-after={after} aria-label={t('compare.title')}>
      <header className="version-stage-head">
        <h3>{t('compare.title')}</h3>
        <div className="version-stage-actions">
          <div className="segmented" role="group" aria-label={t('compare.modes')}>
            {(['side', 'inline'] as const).map((each) => (
              <button key={each} type="button" className="segment" data-testid={`diff-mode-${each}`} aria-pressed={mode === each} onClick={() => setMode(each)}>
                {t(`compare.${each}`)}
              </button>
            ))}
          </div>
          <button type="button" className="secondary-button" data-testid="version-compare-close" onClick={onClose}>
            {t('compare.close')}
          </button>
        </div>
      </header>
      <div className="diff-heading" data-mode={mode}>
        {side(older.data, 'compare.before')}
        {side(newer.data, 'compare.after')}
      </div>
      <ErrorText error={error} testId="version-compare-error" />
      {counts && (
        <>
          <p className="diff-summary" role="status" data-testid="diff-summary" data-identical={identical}>
            {identical ? t('compare.identical') : t('compare.summary', { ...counts })}
          </p>
          <p className="diff-note small muted">
            <span className="diff-legend">
              <ins>{t('compare.legendIns')}</ins> <del>{t('compare.legendDel')}</del>
            </span>{' '}
            {t('compare.textOnly')}
          </p>
        </>
      )}
      {changes ? <DiffView changes={changes} mode={mode} /> : !error && <Loading />}
    </section>
  );
}
