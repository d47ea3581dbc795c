import { describe, expect, it } from 'vitest';
import { authorName, chronological, formatInstant, shortHash, versionKindKey } from './versionText.ts';
import { versionOffer, versionsRefreshKey } from './versionRules.ts';
import type { DocumentView, FinalisationView } from '../../shared/api.ts';

const HASH = '3f2a9c0d81e4b7aa5c6d7e8f90123456789abcdef0123456789abcdef012345';

describe('how a version is written', () => {
  it('[VU1] shows the first 12 hex digits of the content hash', () => {
    expect(shortHash(HASH)).toBe('3f2a9c0d81e4');
  });

  it('[VU1] writes times on the device clock in the Vietnamese way, and in English', () => {
    const iso = new Date(2023, 11, 19, 9, 5).toISOString();
    expect(formatInstant(iso, 'vi')).toBe('09 giờ 05, ngày 19/12/2023');
    expect(formatInstant(new Date(2024, 1, 3, 14, 0).toISOString(), 'vi')).toBe('14 giờ 00, ngày 03/02/2024');
    expect(formatInstant(iso, 'en')).toBe('09:05, 19/12/2023');
    expect(formatInstant('not a time', 'vi')).toBe('not a time');
  });

  it('[VU1] names each kind and the author, or the system for versions taken by the server', () => {
    expect(versionKindKey('restore')).toBe('versions.kind.restore');
    expect(authorName({ id: 'u1', fullName: 'Cung Hồng Kiên' }, 'Hệ thống')).toBe('Cung Hồng Kiên');
    expect(authorName(null, 'Hệ thống')).toBe('Hệ thống');
  });

  it('[VU3] compares the older version with the newer, whichever was picked first', () => {
    const older = { id: 'b', createdAt: '2023-12-19T02:00:00.000Z' };
    const newer = { id: 'a', createdAt: '2023-12-19T03:00:00.000Z' };
    expect(chronological(newer, older)).toEqual([older, newer]);
    expect(chronological(older, newer)).toEqual([older, newer]);
  });
});

describe('what the versions panel offers', () => {
  it('[VU7] offers saving to editors even on a locked document, and restoring only while it is unlocked', () => {
    expect(versionOffer({ editDocuments: true }, false)).toEqual({ save: true, restore: true });
    expect(versionOffer({ editDocuments: true }, true)).toEqual({ save: true, restore: false });
    expect(versionOffer({ editDocuments: false }, false)).toEqual({ save: false, restore: false });
  });

  it('[VU8] asks for the list again when the lock or the finalisation changes, not otherwise', () => {
    const base: Pick<DocumentView, 'lock' | 'finalisation'> = { lock: null, finalisation: null };
    const requested = { status: 'requested', versionId: 'v1' } as FinalisationView;
    const keys = [
      versionsRefreshKey(base),
      versionsRefreshKey({ ...base, lock: { reason: 'vote', motionId: 'm1', motionTitle: 'Thông qua' } }),
      versionsRefreshKey({ ...base, lock: { reason: 'adopted', motionId: 'm1', motionTitle: 'Thông qua' } }),
      versionsRefreshKey({ lock: { reason: 'finalising', motionId: null, motionTitle: null }, finalisation: requested }),
      versionsRefreshKey({ lock: { reason: 'final', motionId: null, motionTitle: null }, finalisation: { ...requested, status: 'final', versionId: 'v2' } }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
    expect(versionsRefreshKey({ ...base })).toBe(keys[0]);
  });
});
