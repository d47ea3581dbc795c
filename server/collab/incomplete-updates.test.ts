import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode, MessageType, SyncStep } from '../../shared/protocol.ts';
import { MemoryPeer } from '../../test/helpers/memory-peer.ts';
import { syncFrame } from '../../test/helpers/raw-socket.ts';
import { roomManagers } from '../../test/helpers/rooms.ts';
import { until } from '../../test/helpers/wait.ts';
import { hasPending } from './dependencies.ts';

const manager = roomManagers();

/** A writer's updates, one per keystroke, kept instead of sent. */
function keystrokes(count: number): Uint8Array[] {
  const doc = new Y.Doc();
  const out: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => out.push(u));
  for (let i = 0; i < count; i++) doc.getText('t').insert(i, 'a');
  return out;
}

describe('updates the document cannot integrate', () => {
  it('[R14] a writer that skips its first update is asked once, its updates are dropped, and after too many it is closed (4400); the document is as it was', async () => {
    const rooms = manager();
    const honest = MemoryPeer.join(rooms, 'd');
    const hostile = MemoryPeer.join(rooms, 'd');
    await until(() => rooms.stats().connections === 2);
    honest.doc.getText('t').insert(0, 'Điều 1.');
    await until(() => rooms.loadedRoom('d')!.doc.getText('t').toString() === 'Điều 1.');
    const room = rooms.loadedRoom('d')!;
    const before = Y.encodeStateVector(room.doc);
    const asked = hostile.received.length;

    const updates = keystrokes(2001);
    for (const u of updates.slice(1)) hostile.conn.receive(syncFrame(SyncStep.Update, u));

    expect(hostile.closedWith?.code).toBe(CloseCode.ProtocolError);
    expect(hasPending(room.doc)).toBe(false);
    expect(Y.encodeStateVector(room.doc)).toEqual(before);
    expect(room.doc.getText('t').toString()).toBe('Điều 1.');
    // It was asked for what it lacks exactly once (a sync step 1), not once per update.
    const sent = hostile.received.slice(asked).filter((m) => m[0] === MessageType.Sync && m[1] === SyncStep.Step1);
    expect(sent).toHaveLength(1);
    // The honest peer carries on.
    honest.doc.getText('t').insert(7, ' Thông qua.');
    await until(() => room.doc.getText('t').toString() === 'Điều 1. Thông qua.');
    expect(honest.closedWith).toBeNull();
  });

  it('[R14] a peer that typed while reconnecting, before sending what it made offline, is asked for it and converges', async () => {
    const rooms = manager();
    const other = MemoryPeer.join(rooms, 'd');
    await until(() => rooms.stats().connections === 1);
    // A device that was offline: its first edit never reached the server, its second one arrives first.
    const device = new Y.Doc();
    const made: Uint8Array[] = [];
    device.on('update', (u: Uint8Array) => made.push(u));
    device.getText('t').insert(0, 'ngoại tuyến; ');
    device.getText('t').insert(13, 'vừa gõ');
    const peer = MemoryPeer.join(rooms, 'd');
    Y.applyUpdate(peer.doc, Y.encodeStateAsUpdate(device));
    await until(() => rooms.stats().connections === 2);
    peer.conn.receive(syncFrame(SyncStep.Update, made[1]!));
    // The server asks; the peer's answer (its sync step 2) holds both edits.
    await until(() => rooms.loadedRoom('d')!.doc.getText('t').toString() === 'ngoại tuyến; vừa gõ');
    await until(() => other.text === 'ngoại tuyến; vừa gõ');
    expect(peer.closedWith).toBeNull();
  });

  it('[R14] a sync answer that still does not integrate closes the connection', async () => {
    const rooms = manager();
    const peer = MemoryPeer.join(rooms, 'd');
    await until(() => rooms.stats().connections === 1);
    const [, second] = keystrokes(2);
    peer.conn.receive(syncFrame(SyncStep.Step2, second!));
    expect(peer.closedWith?.code).toBe(CloseCode.ProtocolError);
    expect(hasPending(rooms.loadedRoom('d')!.doc)).toBe(false);
  });
});
