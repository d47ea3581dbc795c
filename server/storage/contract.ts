import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocumentStore } from './store.ts';

/**
 * The behaviour every storage backend must have. A backend's test file calls this with a factory; `reopen`
 * closes nothing itself: it opens a second store on the same underlying data.
 */
export interface StoreFactory {
  open(): Promise<DocumentStore>;
  reopen(): Promise<DocumentStore>;
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

    it('[S1] a document never written loads empty', async () => {
      const s = await store();
      expect(await s.load('nothing-here')).toEqual({ state: null, stateVersion: 0, updates: [], seqs: [] });
    });

    it('[S1] appended updates load back in order with increasing sequence numbers', async () => {
      const s = await store();
      const a = await s.append('d', [bytes(1), bytes(2)]);
      const b = await s.append('d', [bytes(3)]);
      expect(a).toHaveLength(2);
      expect(a[1]!).toBeGreaterThan(a[0]!);
      expect(b[0]!).toBeGreaterThan(a[1]!);
      const doc = await s.load('d');
      expect(doc.updates.map((u) => [...u])).toEqual([[1], [2], [3]]);
      expect(doc.seqs).toEqual([...a, ...b]);
      expect(doc.state).toBeNull();
    });

    it('[S1] documents do not see each other’s updates', async () => {
      const s = await store();
      await s.append('a', [bytes(1)]);
      await s.append('b', [bytes(2)]);
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
      const [first] = await s.append('d', [writer.type('Điều 1. ')]);
      // A row that the compacting copy never saw (another writer's, or one committed late): it must survive.
      const other = new Writer(99).type('Điều 9. ');
      const [unseen] = await s.append('d', [other]);
      const [second] = await s.append('d', [writer.type('Điều 2. ')]);
      const compacted = writer.all();
      const [later] = await s.append('d', [writer.type('Điều 3. ')]);
      const version = await s.compact('d', { state: compacted, merged: [first!, second!], baseVersion: 0 });
      const doc = await s.load('d');
      expect(doc.stateVersion).toBe(version);
      expect(version).toBeGreaterThan(0);
      expect(doc.seqs).toEqual([unseen, later]);
      expect(textOf(doc)).toBe(textOf({ state: writer.all(), updates: [other] }));
      expect(textOf(doc)).toContain('Điều 9. ');
    });

    it('[S2] a compaction from a copy that missed a newer one merges with it: nothing either folded is lost', async () => {
      const s = await store();
      const a = new Writer(1);
      const b = new Writer(2);
      const [ra] = await s.append('d', [a.type('Bản của A. ')]);
      const [rb] = await s.append('d', [b.type('Bản của B. ')]);
      // B's copy (which has both rows) compacts first; A's copy, loaded before, knows only its own row.
      const both = new Writer(3);
      both.apply(a.all());
      both.apply(b.all());
      const v1 = await s.compact('d', { state: both.all(), merged: [ra!, rb!], baseVersion: 0 });
      await s.compact('d', { state: a.all(), merged: [ra!], baseVersion: 0 });
      const doc = await s.load('d');
      expect(doc.stateVersion).toBeGreaterThan(v1);
      expect(doc.seqs).toEqual([]);
      expect(textOf(doc)).toContain('Bản của A. ');
      expect(textOf(doc)).toContain('Bản của B. ');
    });

    it('[S2] a compaction from the current state replaces it, and a large list of rows is deleted in one go', async () => {
      const s = await store();
      const w = new Writer();
      const seqs = await s.append('d', Array.from({ length: 2000 }, (_, i) => w.type(`${i % 10}`)));
      const v1 = await s.compact('d', { state: w.all(), merged: seqs.slice(0, 1000), baseVersion: 0 });
      const v2 = await s.compact('d', { state: w.all(), merged: seqs.slice(1000), baseVersion: v1 });
      const doc = await s.load('d');
      expect(doc.seqs).toEqual([]);
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
      const seqs = await s.append('d', updates.slice(0, 1));
      await s.compact('d', { state: Y.encodeStateAsUpdate(ydoc), merged: seqs, baseVersion: 0 });
      await s.append('d', updates.slice(1));
      await s.close();

      const again = await f.reopen();
      open.push(again);
      const loaded = await again.load('d');
      const copy = new Y.Doc();
      if (loaded.state) Y.applyUpdate(copy, loaded.state);
      for (const u of loaded.updates) Y.applyUpdate(copy, u);
      expect(copy.getText('t').toString()).toBe('Dự thảo: Nghị quyết Hội nghị cán bộ viên chức');
    });
  });
}
