import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createTestDatabase, postgresAvailable, type TestDatabase } from '../../test/helpers/postgres.ts';
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
    await client.query('TRUNCATE doc_state, doc_update');
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
  }));

  describe('PostgreSQL specifics', () => {
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
          await store.compact('race', { state: Y.encodeStateAsUpdate(copy), merged: loaded.seqs, baseVersion: loaded.stateVersion });
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
