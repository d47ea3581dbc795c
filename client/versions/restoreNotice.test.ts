import { describe, expect, it } from 'vitest';
import type { DocumentRestore } from '../../shared/api.ts';
import { RESTORE_NOTICE_MS, restoreNoticeShown, versionAddress, versionInAddress } from './restoreNotice.ts';

const restore = (replacedVersionId: string, at: string): DocumentRestore => ({
  versionId: 'ver_old',
  label: 'Dự thảo 1',
  replacedVersionId,
  by: { id: 'u1', fullName: 'Phạm Thị Lan' },
  at,
});

describe('the restore notice', () => {
  const at = '2023-12-19T02:00:00.000Z';
  const t = Date.parse(at);
  const none = new Set<string>();

  it('[RN1] shows a restore made while the document was open, or shortly before it was opened; never once put away', () => {
    const r = restore('ver_before', at);
    // Arrived live: the one seen on opening was another, or none.
    expect(restoreNoticeShown(r, null, t + 3 * 3600_000, none)).toBe(true);
    expect(restoreNoticeShown(r, restore('ver_earlier', at), t + 3 * 3600_000, none)).toBe(true);
    // Already there on opening: only for a while.
    expect(restoreNoticeShown(r, r, t + RESTORE_NOTICE_MS - 1000, none)).toBe(true);
    expect(restoreNoticeShown(r, r, t + RESTORE_NOTICE_MS + 1000, none)).toBe(false);
    expect(restoreNoticeShown(r, r, t - 60_000, none)).toBe(true);
    expect(restoreNoticeShown(r, null, t, new Set(['ver_before']))).toBe(false);
    expect(restoreNoticeShown(null, null, t, none)).toBe(false);
  });

  it('[RN1] links to the replaced version through the document’s address, which opens it in the viewer', () => {
    const address = versionAddress('/m/mt_1/d/doc_1', 'ver_a b');
    expect(address).toBe('/m/mt_1/d/doc_1?version=ver_a%20b');
    expect(versionInAddress(address.slice(address.indexOf('?')))).toBe('ver_a b');
    expect(versionInAddress('')).toBeNull();
    expect(versionInAddress('?version=')).toBeNull();
  });
});
