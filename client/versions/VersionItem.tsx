import { useState } from 'react';
import type { RestoreView, VersionView } from '../../shared/api.ts';
import { api, apiPath } from '../api/http.ts';
import { useCommand } from '../api/useCommand.ts';
import { ExportAnchors } from '../finalisation/ExportAnchors.tsx';
import { useI18n } from '../i18n.tsx';
import { ConfirmBox } from '../ui/ConfirmBox.tsx';
import { VersionKindBadge, VersionMeta } from './VersionMeta.tsx';

interface Props {
  version: VersionView;
  /** Open in the viewer. */
  viewing: boolean;
  /** Open in the viewer, or one side of the comparison shown now. */
  shown: boolean;
  /** Picked as the first of two versions to compare. */
  picked: boolean;
  canRestore: boolean;
  onView(): void;
  onCompare(): void;
  onRestored(result: RestoreView): void;
}

/** One version in the list: what it is, and what can be done with it. */
export function VersionItem({ version, viewing, shown, picked, canRestore, onView, onCompare, onRestored }: Props) {
  const { t } = useI18n();
  const command = useCommand();
  const [confirming, setConfirming] = useState(false);

  const restore = async () => {
    const result = await command.run(() => api.post<RestoreView>(apiPath`/api/versions/${version.id}/restore`));
    if (!result) return;
    setConfirming(false);
    onRestored(result);
  };

  return (
    <li
      className="version-item"
      data-testid="version-item"
      data-kind={version.kind}
      data-version-id={version.id}
      data-shown={shown || undefined}
      data-picked={picked || undefined}
    >
      <div className="version-line">
        <span className="version-label" data-testid="version-label">
          {version.label}
        </span>
        <VersionKindBadge version={version} />
      </div>
      <VersionMeta version={version} />
      <div className="version-actions" role="group" aria-label={t('versions.actions', { label: version.label })}>
        <button type="button" className="chip-button" data-testid="version-view" aria-pressed={viewing} onClick={onView}>
          {t('versions.view')}
        </button>
        <button
          type="button"
          className="chip-button"
          data-testid="version-compare"
          aria-pressed={picked}
          title={picked ? t('versions.comparePicked') : undefined}
          onClick={onCompare}
        >
          {t('versions.compare')}
        </button>
        {canRestore && (
          <button
            type="button"
            className="chip-button"
            data-testid="version-restore"
            disabled={confirming}
            onClick={() => {
              command.clearError();
              setConfirming(true);
            }}
          >
            {t('versions.restore')}
          </button>
        )}
        <ExportAnchors
          documentId={version.documentId}
          versionId={version.id}
          className="chip-button"
          testIdPrefix="version"
          labels={{ docx: 'versions.docx', print: 'versions.print', docxTitle: 'versions.docxTitle', printTitle: 'versions.printTitle' }}
        />
      </div>
      {confirming && canRestore && (
        <ConfirmBox
          action="version-restore"
          confirmLabel={t('versions.restore')}
          pending={command.pending}
          error={command.error}
          onConfirm={() => void restore()}
          onCancel={() => setConfirming(false)}
        >
          {t('versions.restoreConfirm', { label: version.label })}
        </ConfirmBox>
      )}
    </li>
  );
}
