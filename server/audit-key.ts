import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const AUDIT_KEY_FILE = 'audit.key';

/** The secret the audit record's entries and exported heads are authenticated with; never stored in the database. */
export interface AuditKey {
  key: Buffer;
  /** True only for the process that has just made the key file: it keys the entries written before there was one. */
  created: boolean;
}

/**
 * The installation's audit key: `AUDIT_KEY` when set, else `DATA_DIR/audit.key`, made (32 random bytes, hex, mode
 * 0600) the first time. The server and the command line both call this, so whichever starts first makes the file
 * and the other reads it.
 */
export function loadAuditKey(config: { dataDir: string; AUDIT_KEY?: string | undefined }): AuditKey {
  if (config.AUDIT_KEY) return { key: Buffer.from(config.AUDIT_KEY, 'hex'), created: false };
  const file = path.join(config.dataDir, AUDIT_KEY_FILE);
  const existing = readKeyFile(file);
  if (existing) return { key: existing, created: false };
  return createKeyFile(file);
}

function readKeyFile(file: string): Buffer | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  if (!/^[0-9a-f]{64}$/i.test(text)) throw new Error(`${file} does not hold an audit key (64 hexadecimal characters)`);
  return Buffer.from(text, 'hex');
}

/**
 * Written whole to a temporary file and then linked into place: `link` fails when the name exists, so of two
 * processes starting at once exactly one makes the key, and the other never reads a half-written file.
 */
function createKeyFile(file: string): AuditKey {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const key = randomBytes(32);
  const staging = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(staging, 'wx', 0o600);
  try {
    fs.fchmodSync(fd, 0o600); // whatever the umask
    fs.writeSync(fd, `${key.toString('hex')}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.linkSync(staging, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return { key: readKeyFile(file)!, created: false };
  } finally {
    fs.rmSync(staging, { force: true });
  }
  return { key, created: true };
}
