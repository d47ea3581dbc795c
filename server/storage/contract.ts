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
      expect(await s.load('nothing-here')).toEqual({ state: null, stateSeq: 0, updates: [], lastSeq: 0 });
    });

    it('[S1] appended updates load back in order with increasing sequence numbers', async () => {
      const s = await store();
      const a = await s.append('d', [bytes(1), bytes(2)]);
      const b = await s.append('d', [bytes(3)]);
      expect(b).toBeGreaterThan(a);
      const doc = await s.load('d');
      expect(doc.updates.map((u) => [...u])).toEqual([[1], [2], [3]]);
      expect(doc.lastSeq).toBe(b);
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

    it('[S2] compaction replaces the updates it covers and keeps later ones', async () => {
      const s = await store();
      await s.append('d', [bytes(1), bytes(2)]);
      const through = await s.append('d', [bytes(3)]);
      const later = await s.append('d', [bytes(4)]);
      await s.compact('d', bytes(9, 9), through);
      const doc = await s.load('d');
      expect([...(doc.state ?? [])]).toEqual([9, 9]);
      expect(doc.stateSeq).toBe(through);
      expect(doc.updates.map((u) => [...u])).toEqual([[4]]);
      expect(doc.lastSeq).toBe(later);
    });

    it('[S2] an older compaction never replaces a newer one', async () => {
      const s = await store();
      const first = await s.append('d', [bytes(1)]);
      const second = await s.append('d', [bytes(2)]);
      await s.compact('d', bytes(2, 2), second);
      await s.compact('d', bytes(1, 1), first);
      const doc = await s.load('d');
      expect([...(doc.state ?? [])]).toEqual([2, 2]);
      expect(doc.updates).toEqual([]);
    });

    it('[S3] what was appended survives closing and reopening the store', async () => {
      const s = await store();
      const ydoc = new Y.Doc();
      const updates: Uint8Array[] = [];
      ydoc.on('update', (u: Uint8Array) => updates.push(u));
      ydoc.getText('t').insert(0, 'Nghị quyết Hội nghị cán bộ viên chức');
      ydoc.getText('t').insert(0, 'Dự thảo: ');
      const seq = await s.append('d', updates.slice(0, 1));
      await s.compact('d', Y.encodeStateAsUpdate(ydoc), seq);
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
