import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import type { TestDatabase } from '../../helpers/postgres.ts';

/**
 * Everything a benchmark starts is registered here, so that a failure, a time-out or Ctrl-C never leaves a
 * server, a load-generator process, a temp dir or a PostgreSQL database behind. `exit` handlers may only run
 * synchronous code, which is why the last resort is SIGKILL and `rmSync`; a database is dropped on every way out
 * that runs `cleanupAll` (success, failure, time-out, Ctrl-C), and only a killed bench leaves one
 * (`quorum_test_…`, see test/helpers/postgres.ts).
 */
const children = new Set<ChildProcess>();
const dirs = new Set<string>();
const databases = new Set<TestDatabase>();
let installed = false;

export function trackChild(child: ChildProcess): ChildProcess {
  install();
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

export function trackDir(dir: string): string {
  install();
  dirs.add(dir);
  return dir;
}

export function trackDatabase(database: TestDatabase): TestDatabase {
  install();
  databases.add(database);
  return database;
}

/** Drops a database made for one server (after that server has stopped). */
export async function dropDatabase(database: TestDatabase): Promise<void> {
  databases.delete(database);
  await database.drop();
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  dirs.delete(dir);
}

/** SIGTERM, then SIGKILL if the process has not exited within `graceMs`. */
export async function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

export async function cleanupAll(): Promise<void> {
  await Promise.all([...children].map((c) => stopChild(c, 3000)));
  for (const dir of [...dirs]) removeDir(dir);
  for (const database of [...databases]) {
    await dropDatabase(database).catch((err: unknown) => {
      process.stderr.write(`bench: could not drop ${database.url}: ${err instanceof Error ? err.message : String(err)}\n`);
    });
  }
}

function killAllNow(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
}

function install(): void {
  if (installed) return;
  installed = true;
  process.once('exit', killAllNow);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      process.stderr.write(`\nbench: ${signal}, stopping child processes\n`);
      void cleanupAll().finally(() => process.exit(130));
    });
  }
}
