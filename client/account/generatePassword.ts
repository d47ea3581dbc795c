/** No 0/O, 1/l/I: a password read aloud or copied from a screen in the hall must not be misread. */
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** 14 characters of 56: about 81 bits, well past what the sign-in rate limit lets anyone guess. */
export function generatePassword(length = 14): string {
  const bytes = crypto.getRandomValues(new Uint32Array(length));
  return Array.from(bytes, (n) => ALPHABET[n % ALPHABET.length]).join('');
}
