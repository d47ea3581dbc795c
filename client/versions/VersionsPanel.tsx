import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { RestoreView, VersionView } from '../../shared/api.ts';
import { apiPath } from '../api/http.ts';
import { useApiQuery } from '../api/useApiQuery.ts';
import { useI18n } from '../i18n.tsx';
import { ErrorText } from '../ui/ErrorText.tsx';
import { Loading } from '../ui/Loading.tsx';
import { SaveVersionForm } from './SaveVersionForm.tsx';
import { stageShows, type VersionStage } from './stage.ts';
import { VersionItem } from './VersionItem.tsx';
import type { VersionOffer } from './versionRules.ts';
import { chronological } from './versionText.ts';
import { DismissButton } from '../ui/DismissButton.tsx';

interface Props {
  documentId: string;
  offer: VersionOffer;
  /** Changes when the server may have added a version by itself (versionRules.versionsRefreshKey). */
  refreshKey: string;
  stage: VersionStage | null;
  onStage(stage: VersionStage | null): void;
  onClose(): void;
}

/** The document's versions, newest first: save one, view one, compare two, restore one, export one. */
export function VersionsPanel({ documentId, offer, refreshKey, stage, onStage, onClose }: Props) {
  const { t } = useI18n();
  const versions = useApiQuery<VersionView[]>(apiPath`/api/documents/${documentId}/versions`);
  const { reload } = versions;
  const [pick, setPick] = useState<VersionView | null>(null);
  const [restored, setRestored] = useState<RestoreView | null>(null);

  const [keySeen, setKeySeen] = useState(refreshKey);
  useEffect(() => {
    if (refreshKey === keySeen) return;
    setKeySeen(refreshKey);
    reload();
  }, [refreshKey, keySeen, reload]);

  const compareWith = (version: VersionView) => {
    if (!pick) return setPick(version);
    if (pick.id === version.id) return setPick(null);
    const [before, after] = chronological(pick, version);
    setPick(null);
    onStage({ kind: 'compare', before: before.id, after: after.id });
  };
  const afterRestore = (result: RestoreView) => {
    setRestored(result);
    // The live text is now the restored one; a version view open over it would only hide that.
    onStage(null);
    reload();
  };

  // Where a laptop's column is too narrow for the page and the panel side by side, the panel lies over the page
  // (SC4): the focus goes into it on opening, Escape or × closes it, and the focus goes back whence it came.
  const panelRef = useRef<HTMLElement>(null);
  const cameFrom = useRef<Element | null>(null);
  useEffect(() => {
    cameFrom.current = document.activeElement;
    panelRef.current?.focus();
  }, []);
  const closePanel = () => {
    onClose();
    if (cameFrom.current instanceof HTMLElement) cameFrom.current.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    // An inline confirmation in the panel takes its own Escape first.
    if (event.key !== 'Escape' || (event.target as Element).closest('[data-testid="confirm-box"]')) return;
    event.preventDefault();
    closePanel();
  };

  const list = versions.data;
  return (
    <aside
      ref={panelRef}
      className="versions-panel panel"
      data-testid="versions-panel"
      aria-label={t('versions.heading')}
      tabIndex={-1}
      onKeyDown={onKeyDown}
    >
      <div className="versions-head">
        <h2 className="side-heading">{t('versions.heading')}</h2>
        <DismissButton label={t('versions.close')} testId="versions-close" onClick={closePanel} />
      </div>
      {offer.save && (
        <SaveVersionForm
          documentId={documentId}
          onSaved={(version) => {
            setRestored(null);
            if (list) versions.setData([version, ...list.filter((each) => each.id !== version.id)]);
            else reload();
          }}
        />
      )}
      {restored && (
        <p className="saved-note small" role="status" data-testid="version-restored">
          {t('versions.restored', { label: restored.restored.label })}
        </p>
      )}
      {pick && (
        <p className="compare-hint small" role="status" data-testid="version-compare-hint">
          {t('versions.compareHint', { label: pick.label })}{' '}
          <button type="button" className="link-button" onClick={() => setPick(null)}>
            {t('versions.compareCancel')}
          </button>
        </p>
      )}
      <ErrorText error={versions.error} testId="versions-error" />
      {!list ? (
        !versions.error && <Loading />
      ) : list.length === 0 ? (
        <p className="muted small" data-testid="versions-empty">
          {t('versions.empty')}
        </p>
      ) : (
        <ol className="version-list" data-testid="version-list">
          {list.map((version) => (
            <VersionItem
              key={version.id}
              version={version}
              viewing={stage?.kind === 'view' && stage.versionId === version.id}
              shown={stageShows(stage, version.id)}
              picked={pick?.id === version.id}
              canRestore={offer.restore}
              onView={() => onStage(stage?.kind === 'view' && stage.versionId === version.id ? null : { kind: 'view', versionId: version.id })}
              onCompare={() => compareWith(version)}
              onRestored={afterRestore}
            />
          ))}
        </ol>
      )}
    </aside>
  );
}
