import { lazy, Suspense, useCallback, useState, type ReactNode } from 'react';
import { Loading } from '../ui/Loading.tsx';
import { VersionsPanel } from './VersionsPanel.tsx';
import { VersionViewer } from './VersionViewer.tsx';
import type { VersionOffer } from './versionRules.ts';
import type { VersionStage } from './stage.ts';
import { useVersionFromAddress } from './useVersionFromAddress.ts';

// The comparison (and jsdiff with it) is loaded when first asked for: few people compare, and the app's one chunk
// is what every phone in the hall downloads before it can show anything.
/** As the CSS's phone layout (max-width: 56rem), where the panel is the whole screen. */
const PHONE_QUERY = '(max-width: 56rem)';

const VersionCompare = lazy(() => import('./VersionCompare.tsx').then((module) => ({ default: module.VersionCompare })));

interface Props {
  documentId: string;
  /** The versions panel is shown (toggled by the "Phiên bản" button above). */
  open: boolean;
  onClose(): void;
  offer: VersionOffer;
  refreshKey: string;
  /** The live editor. */
  children: ReactNode;
}

/**
 * The document area with its versions: the panel beside the page (above it on a phone), and a version or a
 * comparison shown in place of the editor. The editor is hidden, never unmounted, so that looking at an old
 * version does not drop the connection, the undo history or the caret.
 */
export function VersionsLayout({ documentId, open, onClose, offer, refreshKey, children }: Props) {
  const [stage, setStage] = useState<VersionStage | null>(null);
  const close = () => setStage(null);
  useVersionFromAddress(useCallback((versionId: string) => setStage({ kind: 'view', versionId }), []));
  // On a phone the panel covers the screen (SC4): a version opened from it is shown by putting the panel away.
  const show = (next: VersionStage | null) => {
    setStage(next);
    if (next && window.matchMedia(PHONE_QUERY).matches) onClose();
  };
  return (
    <div className="doc-versions" data-versions-open={open} data-stage={stage !== null}>
      <div className="doc-versions-main">
        {stage?.kind === 'view' && <VersionViewer versionId={stage.versionId} onClose={close} />}
        {stage?.kind === 'compare' && (
          <Suspense fallback={<Loading />}>
            <VersionCompare key={`${stage.before}:${stage.after}`} before={stage.before} after={stage.after} onClose={close} />
          </Suspense>
        )}
        <div className="doc-versions-editor" hidden={stage !== null}>
          {children}
        </div>
      </div>
      {open && (
        <VersionsPanel
          documentId={documentId}
          offer={offer}
          refreshKey={refreshKey}
          stage={stage}
          onStage={show}
          onClose={onClose}
        />
      )}
    </div>
  );
}
