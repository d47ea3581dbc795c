import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { precompress } from './precompress.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CLIENT_DIST = path.join(ROOT, 'dist', 'client');
const INPUTS = ['client', 'shared', 'vite.config.ts', 'package.json'];

/**
 * Builds the client with Vite when its build is missing or older than any of its sources; returns the build dir.
 *
 * The build runs in its own process with NODE_ENV=production (under vitest NODE_ENV is "test", and Vite would
 * otherwise ship development React), into a fresh directory that then replaces dist/client in one rename, so a
 * running server never serves a half-written build.
 */
export async function ensureClientBuilt(log: (msg: string) => void = () => {}): Promise<string> {
  if (isClientBuildFresh()) return CLIENT_DIST;
  log(fs.existsSync(path.join(CLIENT_DIST, 'index.html')) ? 'Client sources changed; rebuilding…' : 'Building the client…');
  const staging = `${CLIENT_DIST}.build-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  await run(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', staging, '--logLevel', 'warn']);
  precompress(staging);
  fs.rmSync(CLIENT_DIST, { recursive: true, force: true });
  fs.renameSync(staging, CLIENT_DIST);
  return CLIENT_DIST;
}

function isClientBuildFresh(): boolean {
  const built = mtime(path.join(CLIENT_DIST, 'index.html'));
  return built !== null && built >= Math.max(...INPUTS.map((p) => newestMtime(path.join(ROOT, p))));
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, NODE_ENV: 'production' }, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`client build failed (exit ${code})`))));
  });
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
    if (entry === 'node_modules' || /\.test\.tsx?$/.test(entry)) continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry)));
  }
  return newest;
}
