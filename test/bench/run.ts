/**
 * `npm run bench` — runs the fan-out, cold-load, vote and page benchmarks and prints one markdown report with
 * PASS/FAIL per target. Flags (each also readable from the environment as BENCH_<NAME>, e.g. BENCH_READERS=50):
 *
 *   --only fanout|coldload|votes|page|cluster   run one benchmark (cluster runs only when asked for: it needs
 *                            PostgreSQL and Redis)
 *   --db sqlite|postgres|both   fan-out and votes: the project's server's engine(s), each run in turn with a fresh
 *                            database (both when PostgreSQL answers at TEST_POSTGRES_URL, default
 *                            postgres://postgres@127.0.0.1:5432/postgres; else sqlite, with a note). Cold load
 *                            and page run on SQLite.
 *   --readers N              fan-out readers (500)
 *   --rate N                 writer updates per second (250)
 *   --seconds N              measured seconds (20)
 *   --warmup N               warm-up seconds before measuring (10)
 *   --reader-procs N         load-generator processes for the readers (2)
 *   --drain N                seconds to wait for stragglers after the last send (30)
 *   --deflate                clients offer permessage-deflate, as browsers do (off: neither server enables it)
 *   --pin                    pin the server to CPU 0 and the load generator to the other cores
 *   --profile                run the project's server under --cpu-prof and summarise where its CPU went (fan-out, votes)
 *   --self-test              the reference server plays both sides (proves the harness without the project's server)
 *   --retries N              re-run a fan-out side whose window was disturbed by other work (1), time permitting
 *   --runs N                 cold-load runs per variant (5); page: runs, each in a fresh browser context (3)
 *   --voters N               vote: delegates who each cast one ballot (500)
 *   --watchers N             vote: clients watching the meeting (500)
 *   --ballot-seconds N       vote: the ballots are spread evenly over this many seconds (1)
 *   --watcher-procs N        vote: load-generator processes for the watchers (2)
 *   --stock-watchers N       vote: how many watchers are stock y-websocket clients with a Y.Doc (4)
 *   --skip-relay             vote: leave out the reference-server relay baseline
 *   --trace                  page: print each step's requests with their start and end, to find waterfalls
 *   --no-throttle            page: full-speed CPU and network, to see what the throttling itself costs
 *   --processes N            cluster: server processes of the several-process side (3)
 *   --documents N            cluster: documents of the many-meetings load (100)
 *   --editors N              cluster: editors per document (8)
 *   --editor-rate N          cluster: updates per second each editor types (2)
 *   --editor-procs N         cluster: load-generator processes for the editors (2)
 *                            (--documents 0 or --readers 0 leaves that load out)
 *   --several-writes N       cluster, a diagnostic: BROADCAST_WRITES_PER_SECOND of each process of the several-process
 *                            side only (the default, 30000, is each process's own)
 *   --timeout N              hard limit for the whole run, seconds (360, plus 150 with --db both)
 *
 * The report is also written to .bench/last-run.md and the raw numbers to .bench/last-run.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultColdloadOptions, runColdload, type ColdloadResult } from './coldload.ts';
import { runFanout, type FanoutResult } from './fanout.ts';
import { ADMIN_URL, reachable } from '../helpers/postgres.ts';
import { cleanupAll } from './lib/cleanup.ts';
import { DATABASE_NAMES, type Database } from './lib/databases.ts';
import { pageTable, pageVerdicts } from './lib/page-report.ts';
import { mainThreadProfile, type ProfileSummary } from './lib/profile.ts';
import { clusterNoise, clusterTable, clusterVerdicts, runCluster, type ClusterResult } from './cluster.ts';
import { coldloadTable, fanoutTable, fanoutVerdicts, machineLine, noiseWarnings, profileTable, type Verdict } from './lib/report.ts';
import { repoRoot } from './lib/servers.ts';
import { projectRuns, votesNoise, votesTable, votesVerdicts } from './lib/votes-report.ts';
import { runVotes, type VotesResult } from './votes.ts';
import { runPage, type PageResult } from './page.ts';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    db: { type: 'string' },
    readers: { type: 'string' },
    rate: { type: 'string' },
    seconds: { type: 'string' },
    warmup: { type: 'string' },
    'reader-procs': { type: 'string' },
    drain: { type: 'string' },
    deflate: { type: 'boolean' },
    pin: { type: 'boolean' },
    profile: { type: 'boolean' },
    'self-test': { type: 'boolean' },
    runs: { type: 'string' },
    voters: { type: 'string' },
    watchers: { type: 'string' },
    'ballot-seconds': { type: 'string' },
    'watcher-procs': { type: 'string' },
    'stock-watchers': { type: 'string' },
    'skip-relay': { type: 'boolean' },
    retries: { type: 'string' },
    timeout: { type: 'string' },
    trace: { type: 'boolean' },
    'no-throttle': { type: 'boolean' },
    processes: { type: 'string' },
    documents: { type: 'string' },
    editors: { type: 'string' },
    'editor-rate': { type: 'string' },
    'editor-procs': { type: 'string' },
    'several-writes': { type: 'string' },
  },
  strict: true,
});

function num(name: keyof typeof values, fallback: number): number {
  const env = process.env[`BENCH_${name.toUpperCase().replace(/-/g, '_')}`];
  const raw = (values[name] as string | undefined) ?? env;
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number, got ${raw}`);
  return n;
}

function flag(name: keyof typeof values): boolean {
  const env = process.env[`BENCH_${name.toUpperCase().replace(/-/g, '_')}`];
  return Boolean(values[name]) || env === '1' || env === 'true';
}

const only = values.only ?? process.env.BENCH_ONLY;
if (only !== undefined && only !== 'fanout' && only !== 'coldload' && only !== 'votes' && only !== 'page' && only !== 'cluster') {
  throw new Error('--only must be fanout, coldload, votes, page or cluster');
}
// The several-process benchmark needs PostgreSQL and Redis, and runs only when asked for.
const runs = (name: 'fanout' | 'coldload' | 'votes' | 'page' | 'cluster') => only === name || (only === undefined && name !== 'cluster');
const outDir = path.join(repoRoot, '.bench');
const log = (line: string) => process.stderr.write(`${line}\n`);

const dbChoice = values.db ?? process.env.BENCH_DB;
if (dbChoice !== undefined && dbChoice !== 'sqlite' && dbChoice !== 'postgres' && dbChoice !== 'both') {
  throw new Error('--db must be sqlite, postgres or both');
}
/** The engines the fan-out and the vote run on, and a note for the report when PostgreSQL was left out. */
async function chooseDatabases(): Promise<{ databases: Database[]; note: string | null }> {
  if (dbChoice === 'sqlite' || !(runs('fanout') || runs('votes'))) return { databases: ['sqlite'], note: null };
  const problem = await reachable();
  if (problem !== null) {
    if (dbChoice !== undefined) throw new Error(`--db ${dbChoice}: PostgreSQL is not reachable at ${ADMIN_URL} (${problem}); set TEST_POSTGRES_URL`);
    return {
      databases: ['sqlite'],
      note: `PostgreSQL is not reachable at ${ADMIN_URL} (${problem}): SQLite only. Start it or set TEST_POSTGRES_URL to compare both engines.`,
    };
  }
  return { databases: dbChoice === 'postgres' ? ['postgres'] : ['sqlite', 'postgres'], note: null };
}
const { databases, note: databaseNote } = await chooseDatabases();
if (databaseNote) log(`bench: ${databaseNote}`);
const timeoutSeconds = num('timeout', only === 'cluster' ? 600 : 360 + 150 * (databases.length - 1));

const hardStop = setTimeout(() => {
  log(`bench: not finished after ${timeoutSeconds} s, stopping`);
  void cleanupAll().finally(() => process.exit(2));
}, timeoutSeconds * 1000);
hardStop.unref();

const profileDirFor = (dir: string, database: Database) => path.join(outDir, dir, database);

async function main(): Promise<number> {
  const sections: string[] = [];
  const verdicts: Verdict[] = [];
  let fanout: FanoutResult[] | null = null;
  let coldload: ColdloadResult | null = null;
  let votes: VotesResult[] | null = null;
  let page: PageResult | null = null;
  let cluster: ClusterResult | null = null;
  const profile: Partial<Record<Database, ProfileSummary | null>> = {};
  const votesProfile: Partial<Record<Database, ProfileSummary | null>> = {};
  const selfTest = flag('self-test');
  const profiling = flag('profile');
  const loadAtStart = os.loadavg();

  if (runs('fanout')) {
    if (profiling) fs.rmSync(path.join(outDir, 'profiles'), { recursive: true, force: true });
    // The reference server has no database: it runs once, after the project's server on each engine.
    const projectSides = selfTest
      ? [{ label: 'project', kind: 'reference' as const }]
      : databases.map((database) => ({ label: 'project', kind: 'project' as const, database }));
    fanout = await runFanout({
      readers: num('readers', 500),
      rate: num('rate', 250),
      seconds: num('seconds', 20),
      warmupSeconds: num('warmup', 10),
      readerProcesses: Math.max(1, num('reader-procs', 2)),
      drainSeconds: num('drain', 30),
      perMessageDeflate: flag('deflate'),
      pin: flag('pin'),
      retries: num('retries', 1),
      // Leave time for the cold-load and vote benchmarks after the fan-out.
      deadline:
        Date.now() +
        (timeoutSeconds - 10 - (runs('coldload') ? 60 : 0) - (runs('votes') ? 35 * (databases.length + 1) : 0) - (runs('page') ? 120 : 0)) * 1000,
      sides: [...projectSides, { label: 'reference', kind: 'reference' }],
      nodeFlags: (database) => (profiling ? ['--cpu-prof', `--cpu-prof-dir=${profileDirFor('profiles', database)}`] : []),
      log,
    });
    const own = fanoutVerdicts(fanout);
    verdicts.push(...own);
    sections.push(fanoutTable(fanout, own));
    if (profiling && !selfTest) {
      for (const database of databases) {
        const summary = mainThreadProfile(profileDirFor('profiles', database));
        profile[database] = summary;
        const span = `whole life of the fan-out run on ${DATABASE_NAMES[database]}`;
        sections.push(
          summary
            ? profileTable(summary, span)
            : `_No CPU profile was written on ${DATABASE_NAMES[database]} (the server must exit normally on SIGTERM for --cpu-prof to write one)._`,
        );
      }
    }
  }

  if (runs('coldload')) {
    coldload = await runColdload({ ...defaultColdloadOptions, runs: Math.max(1, num('runs', defaultColdloadOptions.runs)), log });
    // A cold document in a running server is what the target is about: the server loads documents from storage
    // all day. The first load in a brand-new process (before V8 has compiled Yjs's decoder) is reported beside
    // it, not judged; docs/performance.md discusses it.
    const warm = coldload.compacted.warmMedianMs;
    if (warm !== null) verdicts.push({ name: 'coldload', pass: warm < 50 });
    sections.push(coldloadTable(coldload, verdicts));
  }

  if (runs('votes')) {
    if (profiling) fs.rmSync(path.join(outDir, 'profiles-votes'), { recursive: true, force: true });
    votes = await runVotes({
      voters: Math.max(1, num('voters', 500)),
      watchers: Math.max(1, num('watchers', 500)),
      seconds: num('ballot-seconds', 1),
      watcherProcesses: Math.max(1, num('watcher-procs', 2)),
      stockWatchers: num('stock-watchers', 4),
      drainSeconds: num('drain', 30),
      databases,
      relay: !flag('skip-relay'),
      nodeFlags: profiling
        ? Object.fromEntries(databases.map((d) => [d, ['--cpu-prof', `--cpu-prof-dir=${profileDirFor('profiles-votes', d)}`]]))
        : undefined,
      log,
    });
    const own = votesVerdicts(votes);
    verdicts.push(...own);
    sections.push(votesTable(votes, own));
    if (profiling) {
      for (const run of projectRuns(votes)) {
        const database = run.database ?? 'sqlite';
        // Only the burst: from the first ballot until every watcher had every ballot.
        const summary = mainThreadProfile(profileDirFor('profiles-votes', database), run.windowMicros);
        votesProfile[database] = summary;
        sections.push(
          summary
            ? profileTable(summary, `the vote burst only, on ${DATABASE_NAMES[database]}`)
            : `_No CPU profile was written for the vote run on ${DATABASE_NAMES[database]}._`,
        );
      }
    }
  }

  if (runs('page')) {
    page = await runPage({
      runs: Math.max(1, num('runs', 3)),
      trace: flag('trace'),
      ...(flag('no-throttle') ? { cpuSlowdown: 1, network: false } : {}),
      log,
    });
    const own = pageVerdicts(page);
    verdicts.push(...own);
    sections.push(pageTable(page, own));
  }

  if (runs('cluster')) {
    const seconds = num('seconds', 20);
    const warmup = num('warmup', 10);
    const drain = num('drain', 30);
    cluster = await runCluster({
      processes: Math.max(2, num('processes', 3)),
      fanout: num('readers', 500) > 0 ? { readers: num('readers', 500), rate: num('rate', 250), seconds, warmupSeconds: warmup, drainSeconds: drain } : null,
      meetings: num('documents', 100) > 0 ? {
        documents: num('documents', 100),
        editors: Math.max(2, num('editors', 8)),
        rate: num('editor-rate', 2),
        seconds,
        warmupSeconds: warmup,
        drainSeconds: drain,
        editorProcesses: Math.max(1, num('editor-procs', 2)),
      } : null,
      severalEnv: num('several-writes', 0) > 0 ? { BROADCAST_WRITES_PER_SECOND: String(num('several-writes', 0)) } : {},
      log,
    });
    const own = clusterVerdicts(cluster);
    verdicts.push(...own);
    sections.push(clusterTable(cluster, own));
  }

  const header = [
    `## Benchmark run ${new Date().toISOString()}${selfTest ? ' (SELF-TEST: reference server on both sides)' : ''}`,
    '',
    `Machine: ${machineLine()}; load average at the start ${loadAtStart.map((l) => l.toFixed(2)).join(' / ')} (1 / 5 / 15 min).`,
    ...(runs('fanout') || runs('votes')
      ? ['', `Engines (fan-out, votes): ${databases.map((d) => DATABASE_NAMES[d]).join(', ')}.${databaseNote ? ` ${databaseNote}` : ''}`]
      : []),
  ].join('\n');
  const summary = `Targets: ${verdicts.filter((v) => v.pass).length} passed, ${verdicts.filter((v) => !v.pass).length} failed (${verdicts
    .map((v) => `${v.name} ${v.pass ? 'PASS' : 'FAIL'}`)
    .join(', ')}).`;
  const noise = [...noiseWarnings(fanout, coldload), ...votesNoise(votes), ...clusterNoise(cluster)];
  if (noise.length > 0) {
    sections.push(`**Warning — noisy machine; rerun before trusting these numbers:** ${noise.join('; ')}.`);
  }
  const report = [header, ...sections, summary].join('\n\n') + '\n';
  process.stdout.write(`\n${report}`);
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'last-run.md'), report);
  fs.writeFileSync(path.join(outDir, 'last-run.json'), JSON.stringify({ fanout, coldload, votes, profile, votesProfile, page, cluster, verdicts }, null, 2));
  // A benchmark that measured is a success even when a target failed; the report says which.
  return 0;
}

main()
  .then(async (code) => {
    await cleanupAll();
    process.exit(code);
  })
  .catch(async (err: unknown) => {
    log(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    await cleanupAll();
    process.exit(1);
  });
