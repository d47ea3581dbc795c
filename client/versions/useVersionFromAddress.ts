import { useEffect } from 'react';
import { navigate, useLocation } from '../routes.ts';
import { versionInAddress } from './restoreNotice.ts';

/**
 * Opens the version an address names (`…/d/<id>?version=<versionId>`, the restore notice's link) in the viewer,
 * then takes it out of the address, so the same link works again and Back does not reopen it.
 */
export function useVersionFromAddress(onView: (versionId: string) => void): void {
  const { pathname, search } = useLocation();
  const versionId = versionInAddress(search);
  useEffect(() => {
    if (versionId === null) return;
    onView(versionId);
    navigate(pathname, { replace: true });
  }, [versionId, pathname, onView]);
}
