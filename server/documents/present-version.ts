import type { VersionView } from '../../shared/api.ts';
import type { Version } from './versions-repo.ts';

/** The API's view of a version. */
export function presentVersion(v: Version): VersionView {
  return {
    id: v.id,
    documentId: v.documentId,
    kind: v.kind,
    label: v.label,
    motionId: v.motionId,
    contentHash: v.contentHash,
    createdAt: v.createdAt,
    createdBy: v.createdBy && { id: v.createdBy.id, fullName: v.createdBy.fullName },
  };
}
