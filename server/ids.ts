import { randomBytes } from 'node:crypto';

/** Ids that name records in URLs: a prefix saying what it is and 15 random bytes (120 bits) in base64url. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(15).toString('base64url')}`;
}

/** A secret for a cookie or a token: 32 random bytes. */
export function newSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

let last = 0;

/**
 * The time now, strictly increasing within the process: two records made in the same millisecond (a meeting's
 * documents created one after the other) still sort in the order they were made.
 */
export function nowIso(): string {
  last = Math.max(Date.now(), last + 1);
  return new Date(last).toISOString();
}
