/**
 * Benchmark 3, a vote: N delegates each cast one ballot over one second while M clients watch the meeting, on
 * the project's server, once on each engine asked for; and, as a baseline of what plain relaying costs on this machine, the same stream of map
 * updates written by one peer through the reference server to the same watchers. See docs/performance.md.
 */
import type { MotionDetail, MotionView } from '../../shared/api.ts';
import { meetingDocumentId } from '../../shared/meeting.ts';
import { seedVotingMeeting, type SeededVote } from '../helpers/access.ts';
import { cpuSnapshot, cpuWindow } from './lib/cpu-window.ts';
import type { Database } from './lib/databases.ts';
import { PostgresProcesses } from './lib/pg-processes.ts';
import { memory, waitForQuiet } from './lib/procfs.ts';
import { startServer, type RunningServer, type ServerKind } from './lib/servers.ts';
import type { BurstDone, FromRelayWriter, FromVoter, FromWatcher, ToRelayWriter, ToVoter, ToWatcher } from './lib/votes-ipc.ts';
import { latencies, mergeCloses, type Percentiles } from './lib/votes-stats.ts';
import { Worker } from './lib/worker.ts';

export interface VotesOptions {
  voters: number;
  watchers: number;
  /** The ballots are spread evenly over this many seconds. */
  seconds: number;
  watcherProcesses: number;
  /** How many watchers are stock y-websocket clients with a Y.Doc (the rest scan bytes). */
  stockWatchers: number;
  /** How long to wait after the last answer for every watcher to hold every ballot. */
  drainSeconds: number;
  /** The project's server's engines, one run each, in this order. */
  databases: Database[];
  /** Also run the reference-server relay baseline. */
  relay: boolean;
  /** Extra node flags for the project's server on each engine (e.g. --cpu-prof). */
  nodeFlags?: Partial<Record<Database, string[]>>;
  log: (line: string) => void;
}

export interface VotesResult {
  label: 'project' | 'relay';
  kind: ServerKind;
  /** The project's server's engine; null for the relay. */
  database: Database | null;
  command: string;
  voters: number;
  watchers: number;
  watcherProcesses: number;
  stockWatchers: number;
  seconds: number;
  /** Answers with 201 (for the relay: updates sent). */
  accepted: number;
  /** What the server says afterwards (GET /api/motions/:id as the chair); null for the relay. */
  recorded: { voted: number; ballots: number; tallied: number } | null;
  /** What each stock client's Y.Doc holds at the end: the motion's `voted`, and its ballot entries. */
  stockVoted: number[];
  stockBallots: number[];
  /** Per ballot: from its answer until the last watcher held its entry. */
  allWatchersMs: Percentiles;
  /** Per ballot: from its answer until the first watcher held its entry (negative: sent out before the answer). */
  firstWatcherMs: Percentiles;
  /** Every (ballot, watcher) pair: from the ballot's answer until that watcher held its entry. */
  pairMs: Percentiles;
  /** Per ballot: from sending the request until the last watcher held its entry. */
  fromSendMs: Percentiles;
  /** Per ballot: from sending the request until its answer arrived (0 for the relay). */
  answerMs: Percentiles;
  /** From the last answer until every stock client showed `voted` = the number of ballots (ms), per client. */
  countVisibleAfterLastAnswerMs: number[];
  unseenPairs: number;
  duplicates: number;
  unexpectedKeys: number;
  closes: Record<string, number>;
  firstError: string | null;
  sendLagMs: { p99: number; max: number };
  windowSeconds: number;
  /** The same window on CLOCK_MONOTONIC (µs), to cut a --cpu-prof profile down to it. */
  windowMicros: { fromMicros: number; toMicros: number };
  serverCpuSeconds: number;
  serverSystemSeconds: number;
  /** PostgreSQL's processes for this server in the window (0 on SQLite, whose work is in serverCpuSeconds). */
  databaseCpuSeconds: number;
  serverRssMiB: { idle: number; connected: number; peakInWindow: number; after: number };
  loadGenCpuSeconds: { watchers: number; sender: number };
  machineBusyShare: number;
  otherBusyShare: number;
  connectMs: number;
  busyBefore: number;
}

export async function runVotes(o: VotesOptions): Promise<VotesResult[]> {
  // Filled in by the project's runs, for the relay baseline to write the same entries.
  const shared: { seed: SeededVote | null; motion: Record<string, unknown> | null } = { seed: null, motion: null };
  const results: VotesResult[] = [];
  for (const database of o.databases) {
    o.log(`votes: project server on ${database}, ${o.voters} ballots over ${o.seconds} s, ${o.watchers} watchers (${o.stockWatchers} stock clients)`);
    results.push(await runProject(database, o, shared));
  }
  if (o.relay && shared.motion && shared.seed) {
    const motion = shared.motion;
    const userIds = shared.seed.delegates.slice(0, o.voters).map((d) => d.userId);
    o.log(`votes: relay baseline on the reference server, the same ${o.voters} updates to ${o.watchers} watchers`);
    results.push(
      await runSide('relay', o, async () => {
        const server = await startServer('reference');
        const docId = `bench-votes-${Date.now().toString(36)}`;
        return {
          server,
          motionId: String(motion.id),
          userIds,
          watcherUrls: Array.from({ length: o.watchers }, () => server.docUrl(docId)),
          startSender: async () => {
            const writer = new Worker<ToRelayWriter, FromRelayWriter>('votes-relay-writer.ts', 'relay writer');
            await writer.request({ type: 'init', url: server.docUrl(docId), motionId: String(motion.id), userIds, motion }, 'ready', 30_000);
            return writer;
          },
          verify: async () => null,
        };
      }),
    );
  }
  return results;
}

function runProject(
  database: Database,
  o: VotesOptions,
  shared: { seed: SeededVote | null; motion: Record<string, unknown> | null },
): Promise<VotesResult> {
  const delegates = Math.max(o.voters, o.watchers);
  return runSide('project', o, async () => {
    const seeded: { vote: SeededVote | null } = { vote: null };
    const server = await startServer('project', {
      nodeFlags: o.nodeFlags?.[database],
      database,
      seed: async (dir, target) => {
        seeded.vote = await seedVotingMeeting(dir, delegates, target);
      },
    });
    const seed = seeded.vote;
    if (!seed) throw new Error('the voting meeting was not seeded');
    const room = `${server.origin}/collab/${encodeURIComponent(meetingDocumentId(seed.meetingId))}`;
    return {
      server,
      motionId: seed.motionId,
      userIds: seed.delegates.slice(0, o.voters).map((d) => d.userId),
      watcherUrls: seed.delegates.slice(0, o.watchers).map((d) => `${room}?token=${d.token}`),
      startSender: async () => {
        const voter = new Worker<ToVoter, FromVoter>('votes-voter.ts', 'voter');
        const tokens = seed.delegates.slice(0, o.voters).map((d) => d.token);
        const ready = await voter.request({ type: 'init', httpOrigin: server.httpOrigin, motionId: seed.motionId, tokens }, 'ready', 60_000);
        if (ready.failed > 0) throw new Error(`${ready.failed} voters could not reach the server: ${ready.firstError}`);
        o.log(`  ${o.voters} voters' connections open in ${ready.warmMs} ms`);
        const opened = await api<MotionView>(server, seed.chair.token, 'POST', `/api/motions/${seed.motionId}/open`);
        if (opened.status !== 'open') throw new Error(`the motion did not open: ${JSON.stringify(opened)}`);
        // Each engine's run seeds accounts with ids of its own: the relay writes the last run's.
        shared.seed = seed;
        shared.motion = withoutCounts(opened);
        return voter;
      },
      verify: async () => {
        const detail = await api<MotionDetail>(server, seed.chair.token, 'GET', `/api/motions/${seed.motionId}`);
        const t = detail.tally;
        return { voted: detail.voted, ballots: detail.ballots.length, tallied: t ? t.for + t.against + t.abstain : NaN };
      },
    };
  });
}

/** The opened motion as the projection shows it, for the relay writer to write with its own counts. */
function withoutCounts(view: MotionView): Record<string, unknown> {
  const { voted: _voted, ...rest } = view;
  return rest;
}

/** The voter process, or the relay writer. */
interface Sender {
  readonly child: { pid?: number };
  request(msg: { type: 'start'; seconds: number }, reply: 'done', timeoutMs: number): Promise<BurstDone>;
  close(): Promise<void>;
}

interface Side {
  server: RunningServer;
  motionId: string;
  userIds: string[];
  watcherUrls: string[];
  /** Starts the sender process, ready to fire; for the project this also opens the motion. */
  startSender(): Promise<Sender>;
  verify(): Promise<VotesResult['recorded']>;
}

async function runSide(label: VotesResult['label'], o: VotesOptions, setUp: () => Promise<Side>): Promise<VotesResult> {
  const busyBefore = await waitForQuiet(o.log);
  const side = await setUp();
  const { server } = side;
  const watchers: Worker<ToWatcher, FromWatcher>[] = [];
  let sender: Sender | null = null;
  let postgres: PostgresProcesses | null = null;
  const sampler: { timer: NodeJS.Timeout | null; peak: number } = { timer: null, peak: 0 };
  try {
    if (server.databaseUrl) postgres = await PostgresProcesses.watch(server.databaseUrl);
    await sleep(500);
    const idle = memory(server.pid).rssMiB;
    const started = Date.now();
    let stock = o.stockWatchers;
    for (let i = 0; i < o.watcherProcesses; i++) watchers.push(new Worker<ToWatcher, FromWatcher>('votes-watcher.ts', `watchers#${i}`));
    const ready = await Promise.all(
      watchers.map((w, i) => {
        const urls = side.watcherUrls.filter((_, j) => j % o.watcherProcesses === i);
        const mine = Math.min(stock, Math.ceil(o.stockWatchers / o.watcherProcesses), urls.length);
        stock -= mine;
        return w.request({ type: 'init', urls, stock: mine, motionId: side.motionId, userIds: side.userIds }, 'ready', 90_000);
      }),
    );
    const failed = ready.reduce((n, r) => n + r.failed, 0);
    if (failed > 0) throw new Error(`${failed} of ${o.watchers} watchers could not connect and sync: ${ready.find((r) => r.firstError)?.firstError}`);
    const connectMs = Date.now() - started;
    o.log(`  ${o.watchers} watchers synced in ${connectMs} ms`);
    sender = await side.startSender();
    await sleep(1000); // let the opening's broadcast and connect-time garbage settle
    const connected = memory(server.pid).rssMiB;

    const databasePids = (await postgres?.pids()) ?? [];
    const before = cpuSnapshot(server.pid, { watchers, sender: [sender] }, databasePids);
    sampler.peak = connected;
    sampler.timer = setInterval(() => {
      sampler.peak = Math.max(sampler.peak, memory(server.pid).rssMiB);
    }, 50);
    const done = await sender.request({ type: 'start', seconds: o.seconds }, 'done', (o.seconds + 60) * 1000);
    const drainUntil = Date.now() + o.drainSeconds * 1000;
    while (Date.now() < drainUntil) {
      const progress = await Promise.all(watchers.map((w) => w.request({ type: 'progress' }, 'progress', 10_000)));
      if (progress.every((p) => p.missing === 0)) break;
      await sleep(10);
    }
    const after = cpuSnapshot(server.pid, { watchers, sender: [sender] }, (await postgres?.pids()) ?? []);
    clearInterval(sampler.timer);
    sampler.timer = null;

    const reports = await Promise.all(watchers.map((w) => w.request({ type: 'report' }, 'report', 30_000)));
    const recorded = await side.verify();
    const { windowSeconds, serverCpuSeconds, serverSystemSeconds, databaseCpuSeconds, loadGenCpuSeconds, machineBusyShare, otherBusyShare } =
      cpuWindow(before, after);
    const result: VotesResult = {
      label,
      kind: server.kind,
      database: server.database,
      command: server.command,
      voters: o.voters,
      watchers: o.watchers,
      watcherProcesses: o.watcherProcesses,
      stockWatchers: o.stockWatchers,
      seconds: o.seconds,
      accepted: done.status.filter((s) => s === 201).length,
      recorded,
      stockVoted: reports.flatMap((r) => r.stockVoted),
      stockBallots: reports.flatMap((r) => r.stockBallots),
      ...latencies(done, reports),
      duplicates: reports.reduce((n, r) => n + r.duplicates, 0),
      unexpectedKeys: reports.reduce((n, r) => n + r.unexpectedKeys, 0),
      closes: mergeCloses(reports),
      firstError: done.firstError,
      sendLagMs: { p99: done.lagP99Ms, max: done.lagMaxMs },
      windowSeconds,
      windowMicros: { fromMicros: before.mono, toMicros: after.mono },
      serverCpuSeconds,
      serverSystemSeconds,
      databaseCpuSeconds,
      serverRssMiB: { idle, connected, peakInWindow: sampler.peak, after: memory(server.pid).rssMiB },
      loadGenCpuSeconds,
      machineBusyShare,
      otherBusyShare,
      connectMs,
      busyBefore,
    };
    o.log(
      `  ${result.accepted} accepted${recorded ? `, ${recorded.voted} recorded` : ''}; answer → last watcher p50 ` +
        `${result.allWatchersMs.p50.toFixed(1)} ms, p99 ${result.allWatchersMs.p99.toFixed(1)} ms, max ${result.allWatchersMs.max.toFixed(1)} ms; ` +
        `unseen ${result.unseenPairs}; server CPU ${serverCpuSeconds.toFixed(2)} s` +
        `${postgres ? ` (+ PostgreSQL ${databaseCpuSeconds.toFixed(2)} s)` : ''} in ${windowSeconds.toFixed(2)} s`,
    );
    return result;
  } finally {
    if (sampler.timer) clearInterval(sampler.timer);
    await Promise.all([sender?.close(), ...watchers.map((w) => w.close()), postgres?.close()]);
    await server.stop();
  }
}

async function api<T>(server: RunningServer, token: string, method: 'GET' | 'POST', path: string): Promise<T> {
  const res = await fetch(`${server.httpOrigin}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(method === 'POST' ? { 'content-type': 'application/json' } : {}) },
    body: method === 'POST' ? '{}' : undefined,
  });
  const body = (await res.json()) as T;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
