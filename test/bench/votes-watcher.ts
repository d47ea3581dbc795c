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
import { monoMicros } from './lib/procfs.ts';
import type { FromWatcher, ToWatcher, WatcherInit } from './lib/votes-ipc.ts';
import { EMPTY_STEP1, EMPTY_STEP2, MESSAGE_SYNC, STEP1, STEP2 } from './lib/wire.ts';

const CONNECT_CONCURRENCY = 25;
const CONNECT_TIMEOUT_MS = 30_000;

interface Watcher {
  row: number;
  close(): void;
  closedCode: number | null;
}

interface Stock extends Watcher {
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
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    const watcher: Watcher = { row, closedCode: null, close: () => ws.terminate() };
    let synced = false;
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error('connect/sync time-out'));
    }, CONNECT_TIMEOUT_MS);
    ws.on('open', () => ws.send(EMPTY_STEP1));
    ws.on('message', (data: Buffer) => {
      const now = monoMicros();
      if (data[0] !== MESSAGE_SYNC) return;
      if (data[1] === STEP1) {
        ws.send(EMPTY_STEP2);
        return;
      }
      scan(row, data, now);
      if (data[1] === STEP2 && !synced) {
        synced = true;
        clearTimeout(timer);
        resolve(watcher);
      }
    });
    ws.on('close', (code) => {
      watcher.closedCode = code;
      clearTimeout(timer);
      if (!synced) reject(new Error(`closed before sync (${code})`));
    });
    ws.on('error', (err) => {
      clearTimeout(timer);
      if (!synced) reject(err);
    });
  });
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
  const stock: Stock = { row, doc, allVotedAt: NaN, closedCode: null, close: () => provider.destroy() };
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
  let next = 0;
  let failed = 0;
  let firstError: string | null = null;
  const lane = async () => {
    while (next < init.urls.length) {
      const row = next++;
      try {
        if (row < init.stock) {
          const stock = await openStock(init.urls[row]!, row);
          stocks.push(stock);
          watchers.push(stock);
        } else {
          watchers.push(await openScanner(init.urls[row]!, row));
        }
      } catch (err) {
        failed++;
        firstError ??= String(err);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONNECT_CONCURRENCY, init.urls.length) }, lane));
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

process.on('message', (msg: ToWatcher) => {
  switch (msg.type) {
    case 'init':
      void connectAll(msg);
      break;
    case 'progress':
      post({ type: 'progress', missing: seen.length - seenCount, closed: watchers.filter((w) => w.closedCode !== null).length });
      break;
    case 'report':
      report();
      break;
    case 'close':
      for (const w of watchers) w.close();
      process.disconnect();
      break;
  }
});
process.on('disconnect', () => process.exit(0));
