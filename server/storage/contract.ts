import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { AppendResult, DocumentStore, SeqRange, StoredLock } from './store.ts';

/**
 * The behaviour every storage backend must have. A backend's test file calls this with a factory; `reopen`
 * closes nothing itself: it opens a second store on the same underlying data.
 */
export interface StoreFactory {
  open(): Promise<DocumentStore>;
  reopen(): Promise<DocumentStore>;
  /** Sets a document's lock as a unit of work does (`DocumentHeads.setLock`), on the same data. */
  setLock(docId: string, lock: StoredLock | null): Promise<void>;
}

const bytes = (...n: number[]) => new Uint8Array(n);

/** One editing copy: each `type` appends to its text and returns that change as an update. */
class Writer {
  readonly doc: Y.Doc;
  constructor(clientId?: number) {
    this.doc = new Y.Doc();
    if (clientId !== undefined) this.doc.clientID = clientId;
  }
  type(text: string): Uint8Array {
    const before = Y.encodeStateVector(this.doc);
    this.doc.getText('t').insert(this.doc.getText('t').length, text);
    return Y.encodeStateAsUpdate(this.doc, before);
  }
  apply(update: Uint8Array): void {
    Y.applyUpdate(this.doc, update);
  }
  all(): Uint8Array {
    return Y.encodeStateAsUpdate(this.doc);
  }
}

function textOf(doc: { state: Uint8Array | null; updates: Uint8Array[] }): string {
  const copy = new Y.Doc();
  if (doc.state) Y.applyUpdate(copy, doc.state);
  for (const u of doc.updates) Y.applyUpdate(copy, u);
  return copy.getText('t').toString();
}

export function storeContract(backend: string, factory: () => StoreFactory): void {
  describe(`storage contract: ${backend}`, () => {
    const open: DocumentStore[] = [];
    let f: StoreFactory;
    const store = async () => {
      f = factory();
      const s = await f.open();
      open.push(s);
      return s;
    };
    afterEach(async () => {
      await Promise.all(open.splice(0).map((s) => s.close()));
    });
    const stored = (r: AppendResult): { from: number; to: number } => {
      if (!r.stored) throw new Error(`refused: ${r.lock}`);
      return r;
    };
    const range = (r: AppendResult): SeqRange => [stored(r).from, stored(r).to];

    it('[S1] a document never written loads empty', async () => {
      const s = await store();
      expect(await s.load('nothing-here')).toEqual({ state: null, stateVersion: 0, updates: [], seqs: [], head: 0 });
    });

    it('[S1] appended updates load back in order, numbered 1, 2, 3 … per document', async () => {
      const s = await store();
      const a = stored(await s.append('d', [bytes(1), bytes(2)]));
      const b = stored(await s.append('d', [bytes(3)]));
      expect(a).toEqual({ stored: true, from: 1, to: 2 });
      expect(b).toEqual({ stored: true, from: 3, to: 3 });
      const doc = await s.load('d');
      expect(doc.updates.map((u) => [...u])).toEqual([[1], [2], [3]]);
      expect(doc.seqs).toEqual([1, 2, 3]);
      expect(doc.head).toBe(3);
      expect(doc.state).toBeNull();
    });

    it('[S1] documents do not see each other’s updates, and number their rows each on its own', async () => {
      const s = await store();
      await s.append('a', [bytes(1)]);
      expect(stored(await s.append('b', [bytes(2)])).from).toBe(1);
      expect((await s.load('a')).updates.map((u) => [...u])).toEqual([[1]]);
      expect((await s.load('b')).updates.map((u) => [...u])).toEqual([[2]]);
    });

    it('[S1] an empty append is refused', async () => {
      const s = await store();
      await expect(s.append('d', [])).rejects.toThrow();
    });

    it('[S2] compaction replaces exactly the rows it names and keeps every other one, earlier or later', async () => {
      const s = await store();
      const writer = new Writer();
      const first = range(await s.append('d', [writer.type('Điều 1. ')]));
      // A row that the compacting copy does not hold (another process's, not relayed to it yet): it must survive.
      const other = new Writer(99).type('Điều 9. ');
      const unseen = range(await s.append('d', [other]));
      const second = range(await s.append('d', [writer.type('Điều 2. ')]));
      const compacted = writer.all();
      const later = range(await s.append('d', [writer.type('Điều 3. ')]));
      const version = await s.compact('d', { state: compacted, merged: [first, second], baseVersion: 0 });
      const doc = await s.load('d');
      expect(doc.stateVersion).toBe(version);
      expect(version).toBeGreaterThan(0);
      expect(doc.seqs).toEqual([unseen[0], later[0]]);
      expect(doc.head).toBe(4);
      expect(textOf(doc)).toBe(textOf({ state: writer.all(), updates: [other] }));
      expect(textOf(doc)).toContain('Điều 9. ');
    });

    it('[S2] a compaction from a copy that missed a newer one merges with it: nothing either folded is lost', async () => {
      const s = await store();
      const a = new Writer(1);
      const b = new Writer(2);
      const ra = range(await s.append('d', [a.type('Bản của A. ')]));
      const rb = range(await s.append('d', [b.type('Bản của B. ')]));
      // B's copy (which has both rows) compacts first; A's copy, loaded before, knows only its own row.
      const both = new Writer(3);
      both.apply(a.all());
      both.apply(b.all());
      const v1 = await s.compact('d', { state: both.all(), merged: [ra, rb], baseVersion: 0 });
      await s.compact('d', { state: a.all(), merged: [ra], baseVersion: 0 });
      const doc = await s.load('d');
      expect(doc.stateVersion).toBeGreaterThan(v1);
      expect(doc.seqs).toEqual([]);
      expect(textOf(doc)).toContain('Bản của A. ');
      expect(textOf(doc)).toContain('Bản của B. ');
    });

    it('[S2] a compaction from the current state replaces it, and a large range of rows is deleted in one go', async () => {
      const s = await store();
      const w = new Writer();
      const all = stored(await s.append('d', Array.from({ length: 2000 }, (_, i) => w.type(`${i % 10}`))));
      expect(all).toEqual({ stored: true, from: 1, to: 2000 });
      const v1 = await s.compact('d', { state: w.all(), merged: [[1, 1000]], baseVersion: 0 });
      const v2 = await s.compact('d', { state: w.all(), merged: [[1001, 2000]], baseVersion: v1 });
      const doc = await s.load('d');
      expect(doc.seqs).toEqual([]);
      expect(doc.head).toBe(2000);
      expect(doc.stateVersion).toBe(v2);
      expect([...doc.state!]).toEqual([...w.all()]);
    });

    it('[S3] what was appended survives closing and reopening the store', async () => {
      const s = await store();
      const ydoc = new Y.Doc();
      const updates: Uint8Array[] = [];
      ydoc.on('update', (u: Uint8Array) => updates.push(u));
      ydoc.getText('t').insert(0, 'Nghị quyết Hội nghị cán bộ viên chức');
      ydoc.getText('t').insert(0, 'Dự thảo: ');
      const first = range(await s.append('d', updates.slice(0, 1)));
      await s.compact('d', { state: Y.encodeStateAsUpdate(ydoc), merged: [first], baseVersion: 0 });
      await s.append('d', updates.slice(1));
      await s.close();

      const again = await f.reopen();
      open.push(again);
      const loaded = await again.load('d');
      expect(loaded.head).toBe(2);
      const copy = new Y.Doc();
      if (loaded.state) Y.applyUpdate(copy, loaded.state);
      for (const u of loaded.updates) Y.applyUpdate(copy, u);
      expect(copy.getText('t').toString()).toBe('Dự thảo: Nghị quyết Hội nghị cán bộ viên chức');
      // Numbering goes on after a reopen.
      expect(stored(await again.append('d', [bytes(9)])).from).toBe(3);
    });

    it('[S4] an append to a locked document stores nothing and says why; the server’s own change to it is stored; lifted, it takes edits again', async () => {
      const s = await store();
      const w = new Writer();
      await s.append('d', [w.type('Điều 1. ')]);
      await f.setLock('d', 'hold');
      expect(await s.append('d', [w.type('sửa khi đang biểu quyết')])).toEqual({ stored: false, lock: 'hold' });
      expect((await s.load('d')).head).toBe(1);
      await f.setLock('d', 'seal');
      expect(await s.append('d', [bytes(1)])).toEqual({ stored: false, lock: 'seal' });
      const number = new Writer(7).type('Số: 01/NQ-TTCNL');
      expect(await s.append('d', [number], { server: true })).toEqual({ stored: true, from: 2, to: 2 });
      await f.setLock('d', null);
      expect(stored(await s.append('d', [bytes(2)])).from).toBe(3);
      // A document never written can be locked too (a lock set before its first row): its first append is refused.
      await f.setLock('fresh', 'hold');
      expect(await s.append('fresh', [bytes(1)])).toEqual({ stored: false, lock: 'hold' });
      expect(await s.load('fresh')).toEqual({ state: null, stateVersion: 0, updates: [], seqs: [], head: 0 });
    });

    it('[S5] since(n) gives the rows after n, and the state too only when rows after n were folded into it', async () => {
      const s = await store();
      const w = new Writer();
      for (let i = 1; i <= 5; i++) await s.append('d', [w.type(`${i} `)]);
      expect(await s.since('d', 5)).toMatchObject({ state: null, updates: [], seqs: [], head: 5 });
      const tail = await s.since('d', 3);
      expect(tail.state).toBeNull();
      expect(tail.seqs).toEqual([4, 5]);
      expect(tail.head).toBe(5);
      // Rows 1–4 folded: a copy holding up to 2 needs the state (3 and 4 are only there now), one holding 4 does not.
      const copy = new Writer();
      const through4 = await s.load('d');
      through4.updates.slice(0, 4).forEach((u) => copy.apply(u));
      await s.compact('d', { state: copy.all(), merged: [[1, 4]], baseVersion: 0 });
      const fromTwo = await s.since('d', 2);
      expect(fromTwo.state).not.toBeNull();
      expect(fromTwo.seqs).toEqual([5]);
      expect(fromTwo.head).toBe(5);
      expect(textOf(fromTwo)).toBe('1 2 3 4 5 ');
      expect(await s.since('d', 4)).toMatchObject({ state: null, seqs: [5], head: 5 });
    });

    it('[S5] a copy that holds its own rows past a gap folds them; since() from before the gap still gives what it lacks', async () => {
      const s = await store();
      const mine = new Writer(1);
      const theirs = new Writer(2);
      const m1 = range(await s.append('d', [mine.type('A1 ')]));
      await s.append('d', [theirs.type('B2 ')]); // row 2: not relayed to this copy yet
      const m3 = range(await s.append('d', [mine.type('A3 ')]));
      // The copy holds rows 1 and 3 and folds exactly those.
      await s.compact('d', { state: mine.all(), merged: [m1, m3], baseVersion: 0 });
      const doc = await s.load('d');
      expect(doc.seqs).toEqual([2]);
      expect(textOf(doc)).toContain('B2 ');
      expect(textOf(doc)).toContain('A3 ');
      // Another copy that held only row 1 gets row 2 and, since row 3 went into the state, the state.
      const other = await s.since('d', 1);
      expect(other.seqs).toEqual([2]);
      expect(other.state).not.toBeNull();
      expect(textOf(other)).toContain('A3 ');
    });
  });
}
