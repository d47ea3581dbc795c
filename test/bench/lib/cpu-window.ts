import os from 'node:os';
import { busyShare, cpuSeconds, cpuTimes, machineCpu, monoMicros, type MachineCpu } from './procfs.ts';

/**
 * The CPU accounting of a measured window, the same for every benchmark: the server's CPU (user + system, and the
 * system part), its database's (PostgreSQL's processes; SQLite works inside the server), each group of
 * load-generator processes', the orchestrator's own, and the machine's busy time, read at its start and at its
 * end. What neither the server, its database nor the load generator used is other work on the machine.
 */
export interface CpuSnapshot<G extends string> {
  /** `performance.now()`, ms. */
  at: number;
  /** CLOCK_MONOTONIC, µs (`monoMicros`). */
  mono: number;
  server: number;
  serverSystem: number;
  /** CPU seconds of each group's processes together. */
  loadGen: Record<G, number>;
  /** CPU seconds of each database process (pid → seconds). */
  database: Map<number, number>;
  self: number;
  machine: MachineCpu;
}

type Processes = readonly { child: { pid?: number } }[];

export function cpuSnapshot<G extends string>(
  /** The server's process, or an installation's several processes (their CPU is summed). */
  serverPid: number | readonly number[],
  loadGen: Record<G, Processes>,
  databasePids: readonly number[] = [],
): CpuSnapshot<G> {
  const self = process.cpuUsage();
  const times = (typeof serverPid === 'number' ? [serverPid] : serverPid)
    .map(cpuTimes)
    .reduce((a, b) => ({ user: a.user + b.user, system: a.system + b.system }), { user: 0, system: 0 });
  const at = performance.now();
  const mono = monoMicros();
  const groups = {} as Record<G, number>;
  for (const [group, workers] of Object.entries(loadGen) as [G, Processes][]) {
    groups[group] = workers.reduce((s: number, w) => s + cpuSeconds(w.child.pid!), 0);
  }
  const database = new Map<number, number>();
  for (const pid of databasePids) {
    try {
      database.set(pid, cpuSeconds(pid));
    } catch {
      // The backend ended between the listing and the reading.
    }
  }
  return {
    at,
    mono,
    server: times.user + times.system,
    serverSystem: times.system,
    loadGen: groups,
    database,
    self: (self.user + self.system) / 1e6,
    machine: machineCpu(),
  };
}

export interface CpuWindow<G extends string> {
  windowSeconds: number;
  serverCpuSeconds: number;
  serverSystemSeconds: number;
  /**
   * PostgreSQL's processes for this server (0 without any): each process read at the end, less its reading at the
   * start; one that started within the window counts whole, one that ended within it is lost.
   */
  databaseCpuSeconds: number;
  loadGenCpuSeconds: Record<G, number>;
  selfCpuSeconds: number;
  /** Share of all cores busy in the window, 0..1. */
  machineBusyShare: number;
  /** The part of it not explained by the server, the load generator and the orchestrator: other work (noise). */
  otherBusyShare: number;
}

export function cpuWindow<G extends string>(before: CpuSnapshot<G>, after: CpuSnapshot<G>): CpuWindow<G> {
  const windowSeconds = (after.at - before.at) / 1000;
  const serverCpuSeconds = after.server - before.server;
  const loadGenCpuSeconds = {} as Record<G, number>;
  let databaseCpuSeconds = 0;
  for (const [pid, seconds] of after.database) databaseCpuSeconds += seconds - (before.database.get(pid) ?? 0);
  let ours = serverCpuSeconds + databaseCpuSeconds;
  for (const group of Object.keys(before.loadGen) as G[]) {
    loadGenCpuSeconds[group] = after.loadGen[group] - before.loadGen[group];
    ours += loadGenCpuSeconds[group];
  }
  const selfCpuSeconds = after.self - before.self;
  ours += selfCpuSeconds;
  const machineBusyShare = busyShare(before.machine, after.machine);
  return {
    windowSeconds,
    serverCpuSeconds,
    serverSystemSeconds: after.serverSystem - before.serverSystem,
    databaseCpuSeconds,
    loadGenCpuSeconds,
    selfCpuSeconds,
    machineBusyShare,
    otherBusyShare: Math.max(0, machineBusyShare - ours / (windowSeconds * os.cpus().length)),
  };
}
