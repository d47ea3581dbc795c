import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/protocol.ts';
import { SUGGEST_INSERT } from '../../shared/editor/suggestion-marks.ts';
import { MemoryPeer } from '../../test/helpers/memory-peer.ts';
import { roomManagers } from '../../test/helpers/rooms.ts';
import { until } from '../../test/helpers/wait.ts';

const ME = 'u-an';

function firstTextOf(doc: Y.Doc): Y.XmlText | undefined {
  return (doc.getXmlFragment('default').get(0) as Y.XmlElement | undefined)?.get(0) as Y.XmlText | undefined;
}

describe('a room keeping the direct edits it refused to someone who may only suggest', () => {
  const managers = roomManagers();

  /** A room whose refused direct edits go to `keep`, a chair who wrote "Điều 1.", and a restricted delegate. */
  async function setUp(keep: (update: Uint8Array) => Promise<boolean> | null, docId = 'd') {
    const rooms = managers({ onDirectEditRefused: (_room, _conn, update) => keep(update) });
    const chair = MemoryPeer.join(rooms, docId, { name: 'chair' });
    const delegate = MemoryPeer.join(rooms, docId, {
      name: 'delegate',
      suggestOnly: true,
      principal: { userId: ME, meetingId: 'm', credential: 'c' },
    });
    await until(() => rooms.stats().connections === 2);
    chair.doc.transact(() => {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText('Điều 1.')]);
      chair.doc.getXmlFragment('default').insert(0, [p]);
    });
    await until(() => firstTextOf(delegate.doc)?.toString() === 'Điều 1.');
    return { rooms, chair, delegate };
  }

  it('[SG13] the refused update and every write after it go to be kept, none applied; the close (4423) waits until all are kept', async () => {
    const kept: Uint8Array[] = [];
    const done: ((yes: boolean) => void)[] = [];
    const { rooms, delegate } = await setUp((update) => {
      kept.push(update);
      return new Promise((resolve) => done.push(resolve));
    });
    firstTextOf(delegate.doc)!.insert(0, 'Sửa thẳng ');
    await until(() => kept.length === 1);
    // Typed after it, even a proper suggestion: it builds on the refused edit, so it is kept with it.
    firstTextOf(delegate.doc)!.insert(0, 'Đề xuất ', { [SUGGEST_INSERT]: { id: 's1', by: ME, name: 'An', at: '2026-12-03T08:00:00.000Z' } });
    await until(() => kept.length === 2);
    done[0]!(true);
    await new Promise((r) => setTimeout(r, 50));
    expect(delegate.closedWith).toBeNull();
    done[1]!(true);
    await until(() => delegate.closedWith !== null);
    expect(delegate.closedWith?.code).toBe(CloseCode.DirectEditsKept);
    const room = rooms.loadedRoom('d')!;
    await room.whenPersisted();
    expect(firstTextOf(room.doc)!.toString()).toBe('Điều 1.');
  });

  it('[SG14] an update not taken closes at once with 4422; one that could not be kept, when it is known', async () => {
    const first = await setUp(() => null);
    firstTextOf(first.delegate.doc)!.insert(0, 'Sửa thẳng ');
    await until(() => first.delegate.closedWith !== null);
    expect(first.delegate.closedWith?.code).toBe(CloseCode.SuggestionsOnly);

    const second = await setUp(() => Promise.resolve(false), 'd2');
    firstTextOf(second.delegate.doc)!.insert(0, 'Sửa thẳng ');
    await until(() => second.delegate.closedWith !== null);
    expect(second.delegate.closedWith?.code).toBe(CloseCode.SuggestionsOnly);
  });
});
