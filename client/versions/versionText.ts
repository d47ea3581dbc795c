/** How a version is written in lists and headers: its time, its short hash, its kind, who saved it. */
import type { PersonRef, VersionKind } from '../../shared/api.ts';
import type { MessageKey } from '../../shared/i18n.ts';

/** A server timestamp on this device's clock, the way the rest of the interface writes times (client/ui/when.ts). */
export { formatInstant } from '../ui/when.ts';

/** Twelve hex digits tell versions apart at a glance; the full SHA-256 goes in the title for checking. */
export const SHORT_HASH_LENGTH = 12;

export function shortHash(hash: string): string {
  return hash.slice(0, SHORT_HASH_LENGTH);
}

export function versionKindKey(kind: VersionKind): MessageKey {
  return `versions.kind.${kind}`;
}

/** Versions the server took by itself (a vote opening, a restore) have no person. */
export function authorName(person: PersonRef | null, systemName: string): string {
  return person?.fullName ?? systemName;
}

/** The two picked versions, the older first: a comparison reads from what was to what became of it. */
export function chronological<T extends { createdAt: string }>(a: T, b: T): [T, T] {
  return Date.parse(b.createdAt) < Date.parse(a.createdAt) ? [b, a] : [a, b];
}
