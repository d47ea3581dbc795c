/**
 * The baseline's one writer (forked by votes.ts): a real Y.Doc peer on the reference server that writes, on the
 * ballots' schedule, what the project's server writes into the meeting for each ballot — the motion with its new
 * `voted` count and one `ballots` entry, in one transaction — and sends each update as its own frame. Its
 * "answer" is the send itself: a plain relay has no command to wait for.
 */
import WebSocket from 'ws';
import * as Y from 'yjs';
import { PROJECTION, ballotKey } from '../../shared/api.ts';
import { connectDocPeer, type DocPeer } from './lib/doc-peer.ts';
import type { FromRelayWriter, ToRelayWriter } from './lib/votes-ipc.ts';
import { evenly } from './lib/schedule.ts';
import { serve } from './lib/worker-child.ts';

const doc = new Y.Doc();
let peer: DocPeer | null = null;
let motionId = '';
let userIds: string[] = [];
let motion: Record<string, unknown> = {};

function post(msg: FromRelayWriter): void {
  process.send?.(msg);
}

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
    firstError: peer?.socket.readyState === WebSocket.OPEN ? null : 'relay writer socket closed',
    lagP99Ms: schedule.lagP99Ms,
    lagMaxMs: schedule.lagMaxMs,
  });
}

serve<ToRelayWriter>({
  init: (msg) => {
    motionId = msg.motionId;
    userIds = msg.userIds;
    motion = msg.motion;
    peer = connectDocPeer(doc, msg.url, 'relay writer', () => post({ type: 'ready' }));
  },
  start: (msg) => void burst(msg.seconds),
  close: () => peer?.socket.terminate(),
});
