import type { VersionView } from '../../shared/api.ts';
import { useI18n } from '../i18n.tsx';
import { authorName, formatInstant, shortHash, versionKindKey } from './versionText.ts';

/** Why a version exists: a badge per kind, coloured so that the final text stands out in a long list. */
export function VersionKindBadge({ version }: { version: VersionView }) {
  const { t } = useI18n();
  return (
    <span className="version-kind" data-kind={version.kind} data-testid="version-kind">
      {t(versionKindKey(version.kind))}
    </span>
  );
}

/** The short hash tells two versions apart; the full one, in the title, is what the audit record holds. */
export function VersionHash({ hash }: { hash: string }) {
  const { t } = useI18n();
  return (
    <code className="version-hash" title={t('versions.hashTitle', { hash })} data-hash={hash} data-testid="version-hash">
      {shortHash(hash)}
    </code>
  );
}

/** Who saved it and when, then the hash. */
export function VersionMeta({ version }: { version: VersionView }) {
  const { t, lang } = useI18n();
  return (
    <p className="version-meta small muted">
      <span data-testid="version-author">{authorName(version.createdBy, t('versions.system'))}</span>
      <time dateTime={version.createdAt}>{formatInstant(version.createdAt, lang)}</time>
      <VersionHash hash={version.contentHash} />
    </p>
  );
}
