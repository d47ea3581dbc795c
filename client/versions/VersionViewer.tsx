import type { VersionContent } from '../../shared/api.ts';
import { apiPath } from '../api/http.ts';
import { useApiQuery } from '../api/useApiQuery.ts';
import { ExportAnchors } from '../finalisation/ExportAnchors.tsx';
import { useI18n } from '../i18n.tsx';
import { ErrorText } from '../ui/ErrorText.tsx';
import { Loading } from '../ui/Loading.tsx';
import { ReadOnlyDocument } from './ReadOnlyDocument.tsx';
import { VersionHash, VersionKindBadge } from './VersionMeta.tsx';
import { authorName, formatInstant } from './versionText.ts';

interface Props {
  versionId: string;
  onClose(): void;
}

/** One version, read only, in place of the editor (which stays connected underneath, hidden). */
export function VersionViewer({ versionId, onClose }: Props) {
  const { t, lang } = useI18n();
  const version = useApiQuery<VersionContent>(apiPath`/api/versions/${versionId}`);
  const data = version.data?.id === versionId ? version.data : undefined;
  return (
    <section className="version-stage" data-testid="version-viewer" data-version-id={versionId} aria-label={data?.label}>
      <header className="version-stage-head">
        <div className="version-stage-title">
          <h3 data-testid="version-viewer-title">
            {data
              ? t('viewer.title', {
                  label: data.label,
                  time: formatInstant(data.createdAt, lang),
                  author: authorName(data.createdBy, t('versions.system')),
                })
              : t('common.loading')}
          </h3>
          {data && (
            <p className="version-meta small">
              <VersionKindBadge version={data} />
              <VersionHash hash={data.contentHash} />
            </p>
          )}
        </div>
        <div className="version-stage-actions">
          {data && (
            <>
              <ExportAnchors
                documentId={data.documentId}
                versionId={data.id}
                className="secondary-button"
                testIdPrefix="version-viewer"
                labels={{ docx: 'export.docx', print: 'export.print' }}
              />
            </>
          )}
          <button type="button" className="secondary-button" data-testid="version-viewer-close" onClick={onClose}>
            {t('viewer.close')}
          </button>
        </div>
      </header>
      <ErrorText error={version.error} testId="version-viewer-error" />
      {data ? <ReadOnlyDocument content={data.content} /> : !version.error && <Loading />}
    </section>
  );
}
