import type { VotesResult } from '../votes.ts';
import type { Verdict } from './report.ts';
import { DATABASE_NAMES, sideName, verdictName } from './databases.ts';

/** Renders the vote benchmark's results as the markdown table `npm run bench` prints. */

const f = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '—');
const mark = (pass: boolean) => (pass ? '**PASS**' : '**FAIL**');
const list = (xs: number[], digits = 0) => (xs.length ? xs.map((x) => f(x, digits)).join(', ') : '—');

/** The target: p99 over ballots of "answer → visible at every watcher". */
export const VOTES_P99_TARGET_MS = 250;

/** The project's runs, one per engine, in the order they ran. */
export const projectRuns = (results: VotesResult[]) => results.filter((r) => r.label === 'project');

export function votesVerdicts(results: VotesResult[]): Verdict[] {
  return projectRuns(results).flatMap((p) => {
    const all = p.recorded !== null && p.accepted === p.voters && p.recorded.voted === p.voters && p.recorded.ballots === p.voters;
    return [
      { name: verdictName('votes-recorded', p.database), pass: all && p.unseenPairs === 0 },
      { name: verdictName('votes-p99', p.database), pass: p.unseenPairs === 0 && p.allWatchersMs.p99 < VOTES_P99_TARGET_MS },
    ];
  });
}

const column = (x: VotesResult) => (x.label === 'relay' ? 'relay (reference)' : sideName('project', x.database));

export function votesTable(results: VotesResult[], verdicts: Verdict[]): string {
  const projects = projectRuns(results);
  const p = projects[0];
  if (!p) return '';
  const r = results.find((x) => x.label === 'relay') ?? null;
  const columns = r ? [...projects, r] : projects;
  const engines = projects.map((x) => (x.database ? DATABASE_NAMES[x.database] : 'project')).join(' and ');
  // One verdict per engine: "SQLite PASS, PostgreSQL FAIL" when there are several.
  const result = (name: string) =>
    projects
      .map((x) => {
        const v = verdicts.find((y) => y.name === verdictName(name, x.database));
        if (!v) return '';
        return projects.length > 1 && x.database ? `${DATABASE_NAMES[x.database]} ${mark(v.pass)}` : mark(v.pass);
      })
      .filter(Boolean)
      .join(', ');
  const lines: string[] = [
    `**Vote** — ${p.voters} delegates each cast one ballot (HTTP, own keep-alive connection), evenly spread over ${p.seconds} s, ` +
      `while ${p.watchers} clients watch the meeting (in ${p.watcherProcesses} processes; ${p.stockWatchers} of them stock y-websocket clients)` +
      `${projects.length > 1 ? `, on the project's server with each engine in turn (${engines}; a fresh database each)` : ''}. ` +
      `"Visible" = the ballot's own entry in the \`ballots\` map has reached the watcher. ` +
      (r
        ? 'The relay column is the reference server relaying the same stream of map updates from one writer peer (no HTTP, no database): ' +
          'what plain fan-out costs on this machine, timed from the send. The reference has no votes, so there is no same-run comparison of the product.'
        : 'The reference server has no votes: no same-run comparison.'),
    '',
    `| metric | ${columns.map(column).join(' | ')} | target | result |`,
    `|---|${columns.map(() => '---:|').join('')}---|---|`,
  ];
  const row = (name: string, values: string[], target = '', verdict = '') => lines.push(`| ${name} | ${values.join(' | ')} | ${target} | ${verdict} |`);
  const each = (get: (x: VotesResult) => string) => columns.map(get);
  const pct = (get: (x: VotesResult) => { p50: number; p90: number; p99: number; max: number }) =>
    each((x) => `${f(get(x).p50)} / ${f(get(x).p99)} / ${f(get(x).max)}`);

  row(
    'ballots answered 201 / recorded (voted, listed)',
    each((x) => (x.label === 'relay' ? `${x.accepted} sent / —` : `${x.accepted} / ${x.recorded ? `${x.recorded.voted}, ${x.recorded.ballots}` : '—'}`)),
    `${p.voters}`,
    result('votes-recorded'),
  );
  row('answer → visible at every watcher, per ballot, p50 / p99 / max (ms)', pct((x) => x.allWatchersMs), `p99 < ${VOTES_P99_TARGET_MS} ms`, result('votes-p99'));
  row('… p90 (ms)', each((x) => f(x.allWatchersMs.p90)));
  row('answer → visible, every (ballot, watcher) pair, p50 / p99 / max (ms)', pct((x) => x.pairMs));
  row('answer → first watcher, per ballot, p50 / p99 / max (ms)', pct((x) => x.firstWatcherMs));
  row('request sent → visible at every watcher, p50 / p99 / max (ms)', pct((x) => x.fromSendMs));
  row('request sent → answer, p50 / p99 / max (ms)', pct((x) => x.answerMs));
  row('last answer → `voted` = all, at each stock client (ms)', each((x) => list(x.countVisibleAfterLastAnswerMs, 1)));
  row('stock clients at the end: `voted` / ballot entries', each((x) => `${list(x.stockVoted)} / ${list(x.stockBallots)}`));
  row('(ballot, watcher) pairs never seen / duplicates / unknown keys', each((x) => `${x.unseenPairs} / ${x.duplicates} / ${x.unexpectedKeys}`));
  row('server CPU in window (s, user+sys; kernel)', each((x) => `${f(x.serverCpuSeconds, 2)}; ${f(x.serverSystemSeconds, 2)}`));
  row('server CPU (% of one core)', each((x) => f((100 * x.serverCpuSeconds) / x.windowSeconds, 0)));
  if (projects.some((x) => x.database === 'postgres')) {
    row('PostgreSQL processes\' CPU in window (s; SQLite works inside the server)', each((x) => (x.database === 'postgres' ? f(x.databaseCpuSeconds, 2) : '—')));
    row('server + database CPU (s; % of one core)', each((x) => {
      const total = x.serverCpuSeconds + x.databaseCpuSeconds;
      return `${f(total, 2)}; ${f((100 * total) / x.windowSeconds, 0)}`;
    }));
  }
  row('server RSS idle → with watchers → peak in window → after (MiB)', each((x) =>
    `${f(x.serverRssMiB.idle, 0)} → ${f(x.serverRssMiB.connected, 0)} → ${f(x.serverRssMiB.peakInWindow, 0)} → ${f(x.serverRssMiB.after, 0)}`,
  ));
  row('window: first send → every watcher has every ballot (s)', each((x) => f(x.windowSeconds, 2)));
  row('load generator CPU: watchers + sender (s)', each((x) => `${f(x.loadGenCpuSeconds.watchers, 2)} + ${f(x.loadGenCpuSeconds.sender, 2)}`));
  row('machine busy before / in window / other processes (% of all cores)', each((x) =>
    `${f(100 * x.busyBefore, 0)} / ${f(100 * x.machineBusyShare, 0)} / ${f(100 * x.otherBusyShare, 0)}`,
  ));
  row('sends behind schedule p99 / max (ms)', each((x) => `${f(x.sendLagMs.p99, 2)} / ${f(x.sendLagMs.max, 1)}`));
  row('watchers connected and synced in (ms)', each((x) => f(x.connectMs, 0)));
  const closes = (x: VotesResult) => Object.entries(x.closes).map(([c, n]) => `${n}×${c}`).join(', ') || '0';
  row('sockets closed early', each(closes));
  for (const x of projects) {
    if (x.firstError) lines.push('', `First error on the project's server${x.database ? ` on ${DATABASE_NAMES[x.database]}` : ''}: \`${x.firstError}\``);
  }
  return lines.join('\n');
}

export function votesNoise(results: VotesResult[] | null, limit = 0.1): string[] {
  return (results ?? [])
    .filter((x) => x.otherBusyShare > limit)
    .map((x) => `votes/${x.label}${x.database ? `/${x.database}` : ''}: other processes used ${(100 * x.otherBusyShare).toFixed(0)}% of the machine during the window`);
}
