/**
 * Load-generator process holding many watchers of one meeting (forked by votes.ts). Each records, per ballot,
 * when the ballot's own entry `${motionId}/${userId}` of the `ballots` map first reached it.
 *
 * Most watchers are empty y-websocket peers like the fan-out's readers: they sync properly and then look for the
 * entry's key in the bytes of each update (Yjs writes a map key as a length-prefixed UTF-8 string, and merging
 * updates keeps it whole), so that 500 watchers do not need 500 Y.Docs' worth of CPU on the server's machine.
 * A few are the stock client (WebsocketProvider + Y.Doc, awareness off as the app's page has it) and time the
 * entry when their Y.Map reports it; they also check that the motion's `voted` count ends at the number cast.
 */
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { PROJECTION, ballotKey, type MotionView } from '../../shared/api.ts';
import { openEmptyPeer } from './lib/empty-peer.ts';
import { inLanes } from './lib/lanes.ts';
import { monoMicros } from './lib/procfs.ts';
import type { FromWatcher, ToWatcher, WatcherInit } from './lib/votes-ipc.ts';
import { serve } from './lib/worker-child.ts';

const CONNECT_CONCURRENCY = 25;
const CONNECT_TIMEOUT_MS = 30_000;

interface Watcher {
  close(): void;
  readonly closedCode: number | null;
}

interface Stock extends Watcher {
  closedCode: number | null;
  doc: Y.Doc;
  allVotedAt: number;
}

const watchers: Watcher[] = [];
const stocks: Stock[] = [];
let seen = new Float64Array(0);
let ballots = 0;
let seenCount = 0;
let duplicates = 0;
let unexpectedKeys = 0;
let motionId = '';
let needle = Buffer.alloc(0);
const ballotOf = new Map<string, number>();

function post(msg: FromWatcher): void {
  process.send?.(msg);
}

function record(row: number, i: number, now: number): void {
  const at = row * ballots + i;
  if (!Number.isNaN(seen[at]!)) {
    duplicates++;
    return;
  }
  seen[at] = now;
  seenCount++;
}

/** Finds every ballot key of the motion in an update's bytes: `<length><motionId>/<userId>`. */
function scan(row: number, data: Buffer, now: number): void {
  for (let p = data.indexOf(needle); p >= 0; p = data.indexOf(needle, p + needle.length)) {
    const length = data[p - 1] ?? 0; // a key this short has a one-byte varuint length
    const userId = length > needle.length && p + length <= data.length ? data.toString('latin1', p + needle.length, p + length) : '';
    const i = ballotOf.get(userId);
    if (i === undefined) unexpectedKeys++;
    else record(row, i, now);
  }
}

function openScanner(url: string, row: number): Promise<Watcher> {
  return openEmptyPeer(url, { perMessageDeflate: false, timeoutMs: CONNECT_TIMEOUT_MS, onFrame: (data, now) => scan(row, data, now) });
}

function openStock(url: string, row: number): Promise<Stock> {
  const u = new URL(url);
  const slash = u.pathname.lastIndexOf('/');
  const room = decodeURIComponent(u.pathname.slice(slash + 1));
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${u.protocol}//${u.host}${u.pathname.slice(0, slash)}`, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: Object.fromEntries(u.searchParams),
    disableBc: true,
    maxBackoffTime: 300,
  });
  // As the app's meeting page does: nobody announces a presence in the projection.
  provider.awareness.setLocalState(null);
  const stock: Stock = { doc, allVotedAt: NaN, closedCode: null, close: () => provider.destroy() };
  const keys = new Map([...ballotOf].map(([userId, i]) => [ballotKey(motionId, userId), i]));
  doc.getMap<unknown>(PROJECTION.ballots).observe((event) => {
    const now = monoMicros();
    for (const key of event.keysChanged) {
      const i = keys.get(key);
      if (i === undefined) {
        if (key.startsWith(`${motionId}/`)) unexpectedKeys++;
      } else if (event.changes.keys.get(key)?.action === 'add') {
        record(row, i, now);
      }
    }
  });
  doc.getMap<MotionView>(PROJECTION.motions).observe(() => {
    if (Number.isNaN(stock.allVotedAt) && doc.getMap<MotionView>(PROJECTION.motions).get(motionId)?.voted === ballots) {
      stock.allVotedAt = monoMicros();
    }
  });
  provider.on('connection-close', (event) => {
    if (event) stock.closedCode = event.code;
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      provider.destroy();
      reject(new Error('stock client did not sync'));
    }, CONNECT_TIMEOUT_MS);
    provider.on('sync', (synced: boolean) => {
      if (!synced) return;
      clearTimeout(timer);
      resolve(stock);
    });
  });
}

async function connectAll(init: WatcherInit): Promise<void> {
  motionId = init.motionId;
  needle = Buffer.from(`${motionId}/`, 'latin1');
  ballots = init.userIds.length;
  init.userIds.forEach((id, i) => ballotOf.set(id, i));
  seen = new Float64Array(init.urls.length * ballots).fill(NaN);
  const { failed, firstError } = await inLanes(init.urls.length, CONNECT_CONCURRENCY, async (row) => {
    if (row < init.stock) {
      const stock = await openStock(init.urls[row]!, row);
      stocks.push(stock);
      watchers.push(stock);
    } else {
      watchers.push(await openScanner(init.urls[row]!, row));
    }
  });
  post({ type: 'ready', connected: watchers.length, failed, firstError });
}

function report(): void {
  const closes: Record<string, number> = {};
  for (const w of watchers) if (w.closedCode !== null) closes[w.closedCode] = (closes[w.closedCode] ?? 0) + 1;
  post({
    type: 'report',
    seen,
    sockets: seen.length / Math.max(1, ballots),
    stockVoted: stocks.map((s) => s.doc.getMap<MotionView>(PROJECTION.motions).get(motionId)?.voted ?? NaN),
    stockBallots: stocks.map((s) => [...s.doc.getMap<unknown>(PROJECTION.ballots).keys()].filter((k) => k.startsWith(`${motionId}/`)).length),
    stockAllVotedAt: stocks.map((s) => s.allVotedAt),
    duplicates,
    unexpectedKeys,
    closes,
  });
}

serve<ToWatcher>({
  init: (msg) => void connectAll(msg),
  progress: () => post({ type: 'progress', missing: seen.length - seenCount, closed: watchers.filter((w) => w.closedCode !== null).length }),
  report,
  close: () => {
    for (const w of watchers) w.close();
  },
});
