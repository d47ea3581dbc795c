import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CLIENT_DIST = path.join(ROOT, 'dist', 'client');
const INPUTS = ['client', 'shared', 'vite.config.ts', 'package.json'];

/** Builds the client with Vite when its build is missing or older than any of its sources; returns the build dir. */
export async function ensureClientBuilt(log: (msg: string) => void = () => {}): Promise<string> {
  const built = mtime(path.join(CLIENT_DIST, 'index.html'));
  const newest = Math.max(...INPUTS.map((p) => newestMtime(path.join(ROOT, p))));
  if (built !== null && built >= newest) return CLIENT_DIST;
  log(built === null ? 'Building the client…' : 'Client sources changed; rebuilding…');
  const { build } = await import('vite');
  await build({ configFile: path.join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
  return CLIENT_DIST;
}

function mtime(file: string): number | null {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return null;
  }
}

function newestMtime(p: string): number {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(p)) {
    if (entry === 'node_modules' || entry.endsWith('.test.ts') || entry.endsWith('.test.tsx')) continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry)));
  }
  return newest;
}
