import { describe, expect, it } from 'vitest';
import { CARET_COLORS } from '../../shared/presence.ts';
import { MemoryPeer } from '../../test/helpers/memory-peer.ts';
import { roomManagers } from '../../test/helpers/rooms.ts';
import { until } from '../../test/helpers/wait.ts';
import type { RoomManager } from './rooms.ts';

const manager = roomManagers();

// Everyone here has the same colour of their own, as two accounts whose ids fall on one colour do.
const OWN = CARET_COLORS[3];
const NEXT = CARET_COLORS[4];
const AFTER_NEXT = CARET_COLORS[5];

type Peer = MemoryPeer;

/** A person's connection announcing a caret, as the editor does, with the colour their own screen computes. */
async function arrive(rooms: RoomManager, userId: string, color: string = OWN): Promise<Peer> {
  const peer = MemoryPeer.join(rooms, 'd', {
    principal: { userId, meetingId: 'm', credential: `session:${userId}` },
    identity: { name: userId, color },
  });
  peer.setPresence({ user: { name: userId, color }, cursor: null });
  await until(() => rooms.loadedRoom('d')?.awareness.getStates().has(peer.doc.clientID) === true);
  return peer;
}

/** The colour the room shows a peer's caret in. */
const shown = (rooms: RoomManager, peer: Peer) =>
  (rooms.loadedRoom('d')!.awareness.getStates().get(peer.doc.clientID) as { user: { color: string } }).user.color;

/** The colour the peer's own awareness holds for itself (what its own screen shows). */
const ownView = (peer: Peer) => (peer.awareness.getLocalState() as { user?: { color?: string } } | null)?.user?.color;

describe('caret colours in a document', () => {
  it('[R16] someone arriving with a colour another person present has gets the next free one, and their own client is told it', async () => {
    const rooms = manager();
    const watcher = MemoryPeer.join(rooms, 'd');
    const kien = await arrive(rooms, 'u-kien');
    const mai = await arrive(rooms, 'u-mai');
    const lan = await arrive(rooms, 'u-lan');
    expect([shown(rooms, kien), shown(rooms, mai), shown(rooms, lan)]).toEqual([OWN, NEXT, AFTER_NEXT]);
    // Others see the same, and each client's own state is brought to the colour it is shown in.
    const seen = () =>
      [...watcher.awareness.getStates().entries()]
        .filter(([id]) => id !== watcher.doc.clientID)
        .map(([, s]) => (s as { user: { color: string } }).user.color)
        .sort();
    await until(() => seen().length === 3);
    expect(seen()).toEqual([OWN, NEXT, AFTER_NEXT].sort());
    await until(() => ownView(mai) === NEXT && ownView(lan) === AFTER_NEXT);
    // The first keeps their own, and is told nothing.
    expect(ownView(kien)).toBe(OWN);
    // A move of the caret does not change the colour.
    mai.setPresence({ user: { name: 'u-mai', color: NEXT }, cursor: { anchor: 3 } });
    await until(() => (rooms.loadedRoom('d')!.awareness.getStates().get(mai.doc.clientID) as { cursor: unknown }).cursor !== null);
    expect(shown(rooms, mai)).toBe(NEXT);
  });

  it('[R16] a person keeps their colour while connected, and it is free again once all their connections have left', async () => {
    const rooms = manager();
    const kien = await arrive(rooms, 'u-kien');
    const mai = await arrive(rooms, 'u-mai');
    expect(shown(rooms, mai)).toBe(NEXT);
    // Kiên leaves: Mai keeps hers, even though her own is free now.
    kien.leave();
    await until(() => !rooms.loadedRoom('d')!.awareness.getStates().has(kien.doc.clientID));
    mai.setPresence({ user: { name: 'u-mai', color: OWN }, cursor: { anchor: 1 } });
    await until(() => (rooms.loadedRoom('d')!.awareness.getStates().get(mai.doc.clientID) as { cursor: unknown }).cursor !== null);
    expect(shown(rooms, mai)).toBe(NEXT);
    // Kiên's colour is free again, for him or for anyone whose own it is.
    const lan = await arrive(rooms, 'u-lan');
    expect(shown(rooms, lan)).toBe(OWN);
  });

  it('[R16] several tabs of one person share one colour, which nobody else gets while any of them is open', async () => {
    const rooms = manager();
    const first = await arrive(rooms, 'u-kien');
    const mai = await arrive(rooms, 'u-mai');
    const second = await arrive(rooms, 'u-kien');
    expect([shown(rooms, first), shown(rooms, second), shown(rooms, mai)]).toEqual([OWN, OWN, NEXT]);
    // The first tab closes; the second keeps the colour, and a newcomer whose own colour it is gets another.
    first.leave();
    await until(() => !rooms.loadedRoom('d')!.awareness.getStates().has(first.doc.clientID));
    const lan = await arrive(rooms, 'u-lan');
    expect(shown(rooms, second)).toBe(OWN);
    expect(shown(rooms, lan)).toBe(AFTER_NEXT);
  });

  it(`[R16] ${CARET_COLORS.length} people whose own colour is the same each get one of their own; one more shares`, async () => {
    const rooms = manager();
    const peers: Peer[] = [];
    for (let i = 0; i <= CARET_COLORS.length; i++) peers.push(await arrive(rooms, `u-${i}`));
    const colors = peers.map((p) => shown(rooms, p));
    expect(new Set(colors.slice(0, CARET_COLORS.length))).toEqual(new Set(CARET_COLORS));
    expect(colors.at(-1)).toBe(OWN);
  });

  it('[R16] people with different colours of their own keep them', async () => {
    const rooms = manager();
    const kien = await arrive(rooms, 'u-kien', CARET_COLORS[0]);
    const mai = await arrive(rooms, 'u-mai', CARET_COLORS[7]);
    expect([shown(rooms, kien), shown(rooms, mai)]).toEqual([CARET_COLORS[0], CARET_COLORS[7]]);
  });
});
