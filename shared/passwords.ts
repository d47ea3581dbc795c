/** No look-alikes (0/o, 1/l/i): a password read aloud or copied from a screen in the hall must not be misread. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/**
 * A password people can read out and type: 4 groups of 4 (`k7mq-…`), about 79 bits, far past what the sign-in
 * rate limit lets anyone guess. Used by the server when it generates one and by the page's "generate" button.
 */
export function generatePassword(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let out = '';
  bytes.forEach((byte, i) => {
    if (i > 0 && i % 4 === 0) out += '-';
    out += ALPHABET[byte % ALPHABET.length];
  });
  return out;
}
