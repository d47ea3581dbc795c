import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createTestDatabase, postgresAvailable, type TestDatabase } from '../../test/helpers/postgres.ts';
import { postgresKysely, postgresPool } from '../db/kysely.ts';
import { DocumentHeads } from '../documents/heads-repo.ts';
import { storeContract } from './contract.ts';
import { PostgresStore } from './postgres.ts';

const available = await postgresAvailable('the storage contract');
let db: TestDatabase | null = null;

beforeAll(async () => {
  if (available) db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

async function emptyTables(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('TRUNCATE doc_head, doc_state, doc_update');
  } finally {
    await client.end();
  }
}

describe.runIf(available)('PostgreSQL', () => {
  storeContract('PostgreSQL', () => ({
    open: async () => {
      const store = await PostgresStore.connect(db!.url);
      await emptyTables(db!.url);
      return store;
    },
    reopen: async () => PostgresStore.connect(db!.url),
    setLock: async (docId, lock) => {
      const kysely = postgresKysely(postgresPool(db!.url, 1));
      try {
        await new DocumentHeads(kysely).setLock(docId, lock);
      } finally {
        await kysely.destroy();
      }
    },
  }));

  describe('PostgreSQL specifics', () => {
    it('[S6] appends from four connections are numbered without a gap and seen in order; a lock set meanwhile holds on all of them', async () => {
      const stores = await Promise.all([0, 1, 2, 3, 4].map(() => PostgresStore.connect(db!.url)));
      const kysely = postgresKysely(postgresPool(db!.url, 2));
      try {
        const docs = [0, 1, 2, 3].map((i) => {
          const doc = new Y.Doc();
          doc.clientID = 500 + i;
          return doc;
        });
        const stored: string[] = [];
        const refused: string[] = [];
        let locked = false;
        const append = async (i: number) => {
          for (let n = 0; n < 40; n++) {
            const before = Y.encodeStateVector(docs[i]!);
            const word = `w${i}.${n};`;
            docs[i]!.getText('t').insert(0, word);
            const result = await stores[i]!.append('s6', [Y.encodeStateAsUpdate(docs[i]!, before)]);
            if (result.stored) stored.push(word);
            else {
              expect(locked).toBe(true);
              refused.push(word);
            }
            if (locked && result.stored) throw new Error('an append after the lock committed was stored');
          }
        };
        // A reader polling meanwhile: whatever it sees is numbered 1 … head, nothing missing below the top.
        let reading = true;
        const read = async () => {
          while (reading) {
            const seen = await stores[4]!.since('s6', 0);
            expect(seen.seqs).toEqual(Array.from({ length: seen.head }, (_, k) => k + 1));
          }
        };
        let frozen: Uint8Array | null = null;
        const freeze = async () => {
          await new Promise((r) => setTimeout(r, 40));
          frozen = await kysely.transaction().execute((trx) => new DocumentHeads(trx).freeze('s6', 'hold'));
          locked = true;
        };
        const reader = read();
        await Promise.all([...[0, 1, 2, 3].map(append), freeze()]);
        reading = false;
        await reader;

        expect(stored.length).toBeGreaterThan(0);
        expect(refused.length).toBeGreaterThan(0);
        const loaded = await stores[4]!.load('s6');
        expect(loaded.seqs).toEqual(Array.from({ length: stored.length }, (_, k) => k + 1));
        const text = (update: Uint8Array | null, rows: Uint8Array[] = []) => {
          const doc = new Y.Doc();
          if (update) Y.applyUpdate(doc, update);
          for (const u of rows) Y.applyUpdate(doc, u);
          return doc.getText('t').toString();
        };
        // The text read under the lock is the text stored from then on: every stored append, no refused one.
        expect(text(frozen)).toBe(text(loaded.state, loaded.updates));
        for (const word of stored) expect(text(frozen)).toContain(word);
        for (const word of refused) expect(text(frozen)).not.toContain(word);
      } finally {
        await kysely.destroy();
        await Promise.all(stores.map((s) => s.close()));
      }
    });

    it('[S2] writers on four connections append while two copies compact at once: every update survives', async () => {
      const stores = await Promise.all([0, 1, 2, 3].map(() => PostgresStore.connect(db!.url)));
      try {
        const writers = stores.map((_, i) => {
          const doc = new Y.Doc();
          doc.clientID = 1000 + i;
          return doc;
        });
        // Each writer appends its edits one by one; two "rooms" (copies that see only some writers) compact midway.
        const append = async (i: number) => {
          for (let n = 0; n < 40; n++) {
            const before = Y.encodeStateVector(writers[i]!);
            writers[i]!.getText('t').insert(0, `w${i}.${n};`);
            await stores[i]!.append('race', [Y.encodeStateAsUpdate(writers[i]!, before)]);
          }
        };
        const compactFrom = async (store: PostgresStore) => {
          await new Promise((r) => setTimeout(r, 30));
          const loaded = await store.load('race');
          const copy = new Y.Doc();
          if (loaded.state) Y.applyUpdate(copy, loaded.state);
          for (const u of loaded.updates) Y.applyUpdate(copy, u);
          await store.compact('race', { state: Y.encodeStateAsUpdate(copy), merged: loaded.seqs.map((n) => [n, n] as const), baseVersion: loaded.stateVersion });
        };
        await Promise.all([...[0, 1, 2, 3].map(append), compactFrom(stores[0]!), compactFrom(stores[1]!)]);
        await compactFrom(stores[2]!);

        const loaded = await stores[3]!.load('race');
        const result = new Y.Doc();
        if (loaded.state) Y.applyUpdate(result, loaded.state);
        for (const u of loaded.updates) Y.applyUpdate(result, u);
        const text = result.getText('t').toString();
        for (let i = 0; i < 4; i++) for (let n = 0; n < 40; n++) expect(text).toContain(`w${i}.${n};`);
        expect(loaded.stateVersion).toBe(3);
      } finally {
        await Promise.all(stores.map((s) => s.close()));
      }
    });
  });
});
