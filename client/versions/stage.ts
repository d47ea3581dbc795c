/** What the document area shows instead of the live editor: one version, or two compared. */
export type VersionStage =
  | { kind: 'view'; versionId: string }
  /** Older first (versionText.chronological). */
  | { kind: 'compare'; before: string; after: string };

export function stageShows(stage: VersionStage | null, versionId: string): boolean {
  if (!stage) return false;
  return stage.kind === 'view' ? stage.versionId === versionId : stage.before === versionId || stage.after === versionId;
}
