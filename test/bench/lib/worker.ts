import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stopChild, trackChild } from './cleanup.ts';
import { repoRoot } from './servers.ts';

const benchDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** A forked load-generator process with a typed request/response helper. */
export class Worker<In extends { type: string }, Out extends { type: string }> {
  readonly child: ChildProcess;
  private readonly waiters: { type: string; resolve: (m: Out) => void }[] = [];
  private readonly listeners: ((m: Out) => void)[] = [];
  readonly exited: Promise<never>;

  constructor(file: string, readonly name: string) {
    this.child = trackChild(
      fork(path.join(benchDir, file), [], {
        cwd: repoRoot,
        execArgv: ['--import', 'tsx'],
        serialization: 'advanced',
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      }),
    );
    this.child.on('message', (m: Out) => {
      const i = this.waiters.findIndex((w) => w.type === m.type);
      if (i >= 0) this.waiters.splice(i, 1)[0]!.resolve(m);
      for (const l of this.listeners) l(m);
    });
    this.exited = new Promise<never>((_, reject) => {
      this.child.once('exit', (code, signal) => reject(new Error(`${name} exited early (${code ?? signal})`)));
    });
    this.exited.catch(() => {});
  }

  send(msg: In): void {
    this.child.send(msg);
  }

  on(listener: (m: Out) => void): void {
    this.listeners.push(listener);
  }

  next<T extends Out['type']>(type: T, timeoutMs: number): Promise<Extract<Out, { type: T }>> {
    return Promise.race([
      new Promise<Extract<Out, { type: T }>>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${this.name}: no '${type}' within ${timeoutMs} ms`)), timeoutMs);
        this.waiters.push({
          type,
          resolve: (m) => {
            clearTimeout(timer);
            resolve(m as Extract<Out, { type: T }>);
          },
        });
      }),
      this.exited,
    ]);
  }

  async request<T extends Out['type']>(msg: In, reply: T, timeoutMs: number): Promise<Extract<Out, { type: T }>> {
    const p = this.next(reply, timeoutMs);
    this.send(msg);
    return p;
  }

  async close(): Promise<void> {
    if (this.child.connected) this.child.send({ type: 'close' });
    const timer = setTimeout(() => void stopChild(this.child, 2000), 3000);
    await new Promise<void>((resolve) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) resolve();
      else this.child.once('exit', () => resolve());
    });
    clearTimeout(timer);
  }
}
