/**
 * The baseline's one writer (forked by votes.ts): a real Y.Doc peer on the reference server that writes, on the
 * ballots' schedule, what the project's server writes into the meeting for each ballot — the motion with its new
 * `voted` count and one `ballots` entry, in one transaction — and sends each update as its own frame. Its
 * "answer" is the send itself: a plain relay has no command to wait for.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { PROJECTION, ballotKey } from '../../shared/api.ts';
import type { FromRelayWriter, ToRelayWriter } from './lib/votes-ipc.ts';
import { evenly } from './lib/schedule.ts';
import { MESSAGE_SYNC, STEP2, updateFrame } from './lib/wire.ts';

const REMOTE = Symbol('remote');
const doc = new Y.Doc();
let ws: WebSocket | null = null;
let motionId = '';
let userIds: string[] = [];
let motion: Record<string, unknown> = {};

function post(msg: FromRelayWriter): void {
  process.send?.(msg);
}

function connect(url: string): void {
  const socket = new WebSocket(url);
  ws = socket;
  let synced = false;
  socket.on('open', () => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(e, doc);
    socket.send(encoding.toUint8Array(e));
  });
  socket.on('message', (data: Buffer) => {
    const decoder = decoding.createDecoder(data);
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return;
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MESSAGE_SYNC);
    syncProtocol.readSyncMessage(decoder, e, doc, REMOTE);
    if (encoding.length(e) > 1) socket.send(encoding.toUint8Array(e));
    if (data[1] === STEP2 && !synced) {
      synced = true;
      post({ type: 'ready' });
    }
  });
  socket.on('error', (err) => process.stderr.write(`relay writer socket error: ${String(err)}\n`));
}

doc.on('update', (update: Uint8Array, origin: unknown) => {
  if (origin === REMOTE || !ws || ws.readyState !== WebSocket.OPEN) return;
  ws.send(updateFrame(update));
});

async function burst(seconds: number): Promise<void> {
  const motions = doc.getMap<unknown>(PROJECTION.motions);
  const ballots = doc.getMap<unknown>(PROJECTION.ballots);
  const n = userIds.length;
  const schedule = await evenly(n, seconds, (i) => {
    // The update handler sends synchronously, inside this transaction's end.
    doc.transact(() => {
      motions.set(motionId, { ...motion, voted: i + 1 });
      ballots.set(ballotKey(motionId, userIds[i]!), 'for');
    });
  });
  post({
    type: 'done',
    sent: schedule.sent,
    answered: schedule.sent,
    status: new Int16Array(n).fill(201),
    firstError: ws?.readyState === WebSocket.OPEN ? null : 'relay writer socket closed',
    lagP99Ms: schedule.lagP99Ms,
    lagMaxMs: schedule.lagMaxMs,
  });
}

process.on('message', (msg: ToRelayWriter) => {
  switch (msg.type) {
    case 'init':
      motionId = msg.motionId;
      userIds = msg.userIds;
      motion = msg.motion;
      connect(msg.url);
      break;
    case 'start':
      void burst(msg.seconds);
      break;
    case 'close':
      ws?.terminate();
      process.disconnect();
      break;
  }
});
process.on('disconnect', () => process.exit(0));
