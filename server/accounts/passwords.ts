import { randomBytes, scrypt, timingSafeEqual, createHash, type ScryptOptions } from 'node:crypto';
import { WorkQueue } from '../work-queue.ts';

/**
 * N=2^15, r=8, p=1: 32 MiB and about 120 ms per hash on our 2-core reference machine. OWASP's floor (2^17) takes
 * 450 ms there, and a hall of 200 delegates signing in at 8:00 would queue for a minute on libuv's 4 threads;
 * this keeps that burst near 10 s. The parameters are stored with each hash, so they can be raised later.
 */
const PARAMS = { N: 2 ** 15, r: 8, p: 1, keyLength: 64 };

/**
 * Every password hash goes through one bounded queue: each costs 32 MiB and ~120 ms of a thread, and 400 sign-ins
 * with made-up usernames in flight at once made a real one wait 18 s. Beyond the queue a sign-in gets `503 busy`
 * at once. `configurePasswordHashing` sets the bounds from the configuration.
 */
export const passwordHashing = new WorkQueue(2, 32);

export function configurePasswordHashing(concurrency: number, maxWaiting: number): void {
  passwordHashing.configure(concurrency, maxWaiting);
}

function derive(password: string, salt: Buffer, p: typeof PARAMS): Promise<Buffer> {
  const options: ScryptOptions = { N: p.N, r: p.r, p: p.p, maxmem: 512 * 1024 * 1024 };
  return passwordHashing.run(
    () =>
      new Promise((resolve, reject) =>
        scrypt(password.normalize('NFC'), salt, p.keyLength, options, (err, key) => (err ? reject(err) : resolve(key))),
      ),
  );
}

/** `scrypt$N$r$p$salt$hash`. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(password, Buffer.from(salt, 'base64url'), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    keyLength: expected.length,
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/**
 * A stand-in hash verified when the username does not exist, so a wrong username takes as long as a wrong
 * password and the timing does not tell which usernames exist.
 */
let dummy: Promise<string> | null = null;
export function dummyHash(): Promise<string> {
  return (dummy ??= hashPassword(randomBytes(16).toString('hex')));
}

/** Session cookies and API tokens are 256-bit random secrets, so a fast hash is enough to store them. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
