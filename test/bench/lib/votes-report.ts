import type { VotesResult } from '../votes.ts';
import type { Verdict } from './report.ts';

/** Renders the vote benchmark's results as the markdown table `npm run bench` prints. */

const f = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '—');
const mark = (pass: boolean) => (pass ? '**PASS**' : '**FAIL**');
const list = (xs: number[], digits = 0) => (xs.length ? xs.map((x) => f(x, digits)).join(', ') : '—');

/** The target: p99 over ballots of "answer → visible at every watcher". */
export const VOTES_P99_TARGET_MS = 250;

export function votesVerdicts(results: VotesResult[]): Verdict[] {
  const p = results.find((r) => r.label === 'project');
  if (!p) return [];
  const all = p.recorded !== null && p.accepted === p.voters && p.recorded.voted === p.voters && p.recorded.ballots === p.voters;
  return [
    { name: 'votes-recorded', pass: all && p.unseenPairs === 0 },
    { name: 'votes-p99', pass: p.unseenPairs === 0 && p.allWatchersMs.p99 < VOTES_P99_TARGET_MS },
  ];
}

export function votesTable(results: VotesResult[], verdicts: Verdict[]): string {
  const p = results.find((r) => r.label === 'project');
  if (!p) return '';
  const r = results.find((x) => x.label === 'relay') ?? null;
  const v = (name: string) => verdicts.find((x) => x.name === name);
  const lines: string[] = [
    `**Vote** — ${p.voters} delegates each cast one ballot (HTTP, own keep-alive connection), evenly spread over ${p.seconds} s, ` +
      `while ${p.watchers} clients watch the meeting (in ${p.watcherProcesses} processes; ${p.stockWatchers} of them stock y-websocket clients). ` +
      `"Visible" = the ballot's own entry in the \`ballots\` map has reached the watcher. ` +
      (r
        ? 'The relay column is the reference server relaying the same stream of map updates from one writer peer (no HTTP, no database): ' +
          'what plain fan-out costs on this machine, timed from the send. The reference has no votes, so there is no same-run comparison of the product.'
        : 'The reference server has no votes: no same-run comparison.'),
    '',
    `| metric | project | ${r ? 'relay (reference)' : '—'} | target | result |`,
    '|---|---:|---:|---|---|',
  ];
  const row = (name: string, a: string, b: string, target = '', result = '') => lines.push(`| ${name} | ${a} | ${b} | ${target} | ${result} |`);
  const both = (get: (x: VotesResult) => string) => [get(p), r ? get(r) : '—'] as const;
  const pct = (get: (x: VotesResult) => { p50: number; p90: number; p99: number; max: number }) =>
    both((x) => `${f(get(x).p50)} / ${f(get(x).p99)} / ${f(get(x).max)}`);

  const recorded = v('votes-recorded');
  row(
    'ballots answered 201 / recorded (voted, listed)',
    `${p.accepted} / ${p.recorded ? `${p.recorded.voted}, ${p.recorded.ballots}` : '—'}`,
    r ? `${r.accepted} sent / —` : '—',
    `${p.voters}`,
    recorded ? mark(recorded.pass) : '',
  );
  const p99 = v('votes-p99');
  row('answer → visible at every watcher, per ballot, p50 / p99 / max (ms)', ...pct((x) => x.allWatchersMs), `p99 < ${VOTES_P99_TARGET_MS} ms`, p99 ? mark(p99.pass) : '');
  row('… p90 (ms)', ...both((x) => f(x.allWatchersMs.p90)));
  row('answer → visible, every (ballot, watcher) pair, p50 / p99 / max (ms)', ...pct((x) => x.pairMs));
  row('answer → first watcher, per ballot, p50 / p99 / max (ms)', ...pct((x) => x.firstWatcherMs));
  row('request sent → visible at every watcher, p50 / p99 / max (ms)', ...pct((x) => x.fromSendMs));
  row('request sent → answer, p50 / p99 / max (ms)', ...pct((x) => x.answerMs));
  row('last answer → `voted` = all, at each stock client (ms)', ...both((x) => list(x.countVisibleAfterLastAnswerMs, 1)));
  row('stock clients at the end: `voted` / ballot entries', ...both((x) => `${list(x.stockVoted)} / ${list(x.stockBallots)}`));
  row('(ballot, watcher) pairs never seen / duplicates / unknown keys', ...both((x) => `${x.unseenPairs} / ${x.duplicates} / ${x.unexpectedKeys}`));
  row('server CPU in window (s, user+sys; kernel)', ...both((x) => `${f(x.serverCpuSeconds, 2)}; ${f(x.serverSystemSeconds, 2)}`));
  row('server CPU (% of one core)', ...both((x) => f((100 * x.serverCpuSeconds) / x.windowSeconds, 0)));
  row('server RSS idle → with watchers → peak in window → after (MiB)', ...both((x) =>
    `${f(x.serverRssMiB.idle, 0)} → ${f(x.serverRssMiB.connected, 0)} → ${f(x.serverRssMiB.peakInWindow, 0)} → ${f(x.serverRssMiB.after, 0)}`,
  ));
  row('window: first send → every watcher has every ballot (s)', ...both((x) => f(x.windowSeconds, 2)));
  row('load generator CPU: watchers + sender (s)', ...both((x) => `${f(x.loadGenCpuSeconds.watchers, 2)} + ${f(x.loadGenCpuSeconds.sender, 2)}`));
  row('machine busy before / in window / other processes (% of all cores)', ...both((x) =>
    `${f(100 * x.busyBefore, 0)} / ${f(100 * x.machineBusyShare, 0)} / ${f(100 * x.otherBusyShare, 0)}`,
  ));
  row('sends behind schedule p99 / max (ms)', ...both((x) => `${f(x.sendLagMs.p99, 2)} / ${f(x.sendLagMs.max, 1)}`));
  row('watchers connected and synced in (ms)', ...both((x) => f(x.connectMs, 0)));
  const closes = (x: VotesResult) => Object.entries(x.closes).map(([c, n]) => `${n}×${c}`).join(', ') || '0';
  row('sockets closed early', ...both(closes));
  if (p.firstError) lines.push('', `First error on the project's server: \`${p.firstError}\``);
  return lines.join('\n');
}

export function votesNoise(results: VotesResult[] | null, limit = 0.1): string[] {
  return (results ?? [])
    .filter((x) => x.otherBusyShare > limit)
    .map((x) => `votes/${x.label}: other processes used ${(100 * x.otherBusyShare).toFixed(0)}% of the machine during the window`);
}
