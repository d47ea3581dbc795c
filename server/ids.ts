import { randomBytes } from 'node:crypto';

/** Ids that name records in URLs: a prefix saying what it is and 15 random bytes (120 bits) in base64url. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(15).toString('base64url')}`;
}

/** A secret for a cookie or a token: 32 random bytes. */
export function newSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

/** A password people can read out and type: 4 groups of 4 lowercase letters and digits, no look-alikes. */
export function newPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(16);
  let out = '';
  for (let i = 0; i < 16; i++) {
    if (i > 0 && i % 4 === 0) out += '-';
    out += alphabet[bytes[i]! % alphabet.length];
  }
  return out;
}

export function nowIso(): string {
  return new Date().toISOString();
}
