/**
 * Load-generator process for the delegates' ballots (forked by votes.ts). Each delegate has its own keep-alive
 * HTTP connection, opened before the burst (as a browser that has the page open has), and casts one ballot with
 * `POST /api/motions/:id/ballots` at its slot of an evenly spaced schedule.
 */
import http from 'node:http';
import { inLanes } from './lib/lanes.ts';
import type { FromVoter, ToVoter } from './lib/votes-ipc.ts';
import { monoMicros } from './lib/procfs.ts';
import { evenly } from './lib/schedule.ts';
import { serve } from './lib/worker-child.ts';

const WARM_CONCURRENCY = 25;
const CHOICES = ['for', 'for', 'for', 'for', 'for', 'for', 'for', 'against', 'against', 'abstain'] as const;

interface Answer {
  status: number;
  /** When the status line and headers arrived. */
  at: number;
}

let origin = new URL('http://127.0.0.1');
let motionId = '';
let tokens: string[] = [];
let agents: http.Agent[] = [];

function post(msg: FromVoter): void {
  process.send?.(msg);
}

function request(i: number, method: 'GET' | 'POST', path: string, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { authorization: `Bearer ${tokens[i]}` };
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(body);
    }
    const req = http.request(
      { host: origin.hostname, port: origin.port, method, path, agent: agents[i], headers },
      (res) => {
        const at = monoMicros();
        // The body (the motion with its ballots so far) is read to the end, so the connection can be reused.
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, at }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Opens every delegate's connection with a first request, as the page's own requests would have. */
async function warm(): Promise<void> {
  const started = Date.now();
  const { failed, firstError } = await inLanes(tokens.length, WARM_CONCURRENCY, async (i) => {
    const res = await request(i, 'GET', `/api/motions/${motionId}`);
    if (res.status !== 200) throw new Error(`GET motion as voter ${i}: ${res.status}`);
  });
  post({ type: 'ready', warmMs: Date.now() - started, failed, firstError });
}

async function burst(seconds: number): Promise<void> {
  const n = tokens.length;
  const answered = new Float64Array(n).fill(NaN);
  const status = new Int16Array(n);
  let firstError: string | null = null;
  const pending: Promise<void>[] = [];
  const schedule = await evenly(n, seconds, (i) => {
    const body = JSON.stringify({ choice: CHOICES[i % CHOICES.length] });
    pending.push(
      request(i, 'POST', `/api/motions/${motionId}/ballots`, body).then(
        (res) => {
          answered[i] = res.at;
          status[i] = res.status;
          if (res.status !== 201) firstError ??= `ballot ${i}: HTTP ${res.status}`;
        },
        (err: unknown) => {
          firstError ??= `ballot ${i}: ${String(err)}`;
        },
      ),
    );
  });
  await Promise.all(pending);
  post({ type: 'done', sent: schedule.sent, answered, status, firstError, lagP99Ms: schedule.lagP99Ms, lagMaxMs: schedule.lagMaxMs });
}

serve<ToVoter>({
  init: (msg) => {
    origin = new URL(msg.httpOrigin);
    motionId = msg.motionId;
    tokens = msg.tokens;
    agents = tokens.map(() => new http.Agent({ keepAlive: true, maxSockets: 1 }));
    void warm();
  },
  start: (msg) => void burst(msg.seconds),
  close: () => {
    for (const a of agents) a.destroy();
  },
});
