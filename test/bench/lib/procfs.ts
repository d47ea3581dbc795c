import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/** Reading a process's CPU time and memory from /proc (Linux only), the same way for every process measured. */

let ticks: number | undefined;

/** Clock ticks per second of the utime/stime fields (`getconf CLK_TCK`, 100 on Linux in practice). */
export function clockTicks(): number {
  if (ticks === undefined) {
    try {
      ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticks = 100;
    }
  }
  return ticks;
}

/** User + system CPU seconds the process (all its threads) has used so far. */
export function cpuSeconds(pid: number): number {
  const { user, system } = cpuTimes(pid);
  return user + system;
}

/** User and system CPU seconds of the process (all its threads), from /proc/<pid>/stat utime and stime. */
export function cpuTimes(pid: number): { user: number; system: number } {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Field 2 (comm) may contain spaces and parentheses: split after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state), so utime (field 14) is fields[11] and stime (15) is fields[12].
  return { user: Number(fields[11]) / clockTicks(), system: Number(fields[12]) / clockTicks() };
}

export interface Memory {
  /** Resident set size now, MiB. */
  rssMiB: number;
  /** Peak resident set size since the process started (VmHWM), MiB. */
  hwmMiB: number;
}

export function memory(pid: number): Memory {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMiB: kb('VmRSS') / 1024, hwmMiB: kb('VmHWM') / 1024 };
}

export interface MachineCpu {
  busy: number;
  total: number;
}

/** Whole-machine jiffies from /proc/stat; the difference of two readings gives how busy all cores were. */
export function machineCpu(): MachineCpu {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const n = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = (n[3] ?? 0) + (n[4] ?? 0); // idle + iowait
  const total = n.slice(0, 8).reduce((a, b) => a + b, 0); // user..steal; guest is already inside user
  return { busy: total - idle, total };
}

/** Share of all cores that was busy between two readings, 0..1. */
export function busyShare(before: MachineCpu, after: MachineCpu): number {
  const total = after.total - before.total;
  return total > 0 ? (after.busy - before.busy) / total : 0;
}

/** A monotonic clock shared by every process on the machine (CLOCK_MONOTONIC), in microseconds. */
export function monoMicros(): number {
  const [s, ns] = process.hrtime();
  return s * 1e6 + ns / 1e3;
}

/**
 * Waits (up to `maxWaitMs`) until the machine is mostly idle, so that a benchmark does not start while other
 * work (a test suite, a build) is running; returns the share of all cores busy in the last one-second sample.
 */
export async function waitForQuiet(log: (line: string) => void, threshold = 0.15, maxWaitMs = 20_000): Promise<number> {
  const deadline = Date.now() + maxWaitMs;
  let warned = false;
  for (;;) {
    const before = machineCpu();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const busy = busyShare(before, machineCpu());
    if (busy <= threshold) return busy;
    if (Date.now() >= deadline) {
      log(`  warning: the machine is still ${(100 * busy).toFixed(0)}% busy with other work; measuring anyway`);
      return busy;
    }
    if (!warned) {
      log(`  the machine is ${(100 * busy).toFixed(0)}% busy with other work; waiting up to ${maxWaitMs / 1000} s for it to settle`);
      warned = true;
    }
  }
}
