/**
 * One cold load in a fresh process (forked by coldload.ts): open the store, load the document, apply it to a
 * fresh Y.Doc the way the server's Room.load does (state, then every update, in one transaction). Module loading
 * happens before the clock starts; everything from opening the SQLite file on is timed.
 */
import crypto from 'node:crypto';
import * as Y from 'yjs';
import { SqliteStore } from '../../server/storage/sqlite.ts';

export interface LoadTiming {
  openMs: number;
  readMs: number;
  applyMs: number;
  totalMs: number;
  bytes: number;
  rows: number;
}

export interface ColdLoadReply {
  cold: LoadTiming;
  /** Further loads in the same (now warm) process, each with a fresh store and Y.Doc. */
  warm: LoadTiming[];
  textSha1: string;
  /** CPU seconds this process used in all (start-up included), to tell its own load from other work. */
  cpuSeconds: number;
}

const LOAD_ORIGIN = Symbol('load');

async function loadOnce(dir: string, docId: string, textName: string): Promise<{ timing: LoadTiming; doc: Y.Doc }> {
  const t0 = performance.now();
  const store = SqliteStore.open(dir);
  const t1 = performance.now();
  const stored = await store.load(docId);
  const t2 = performance.now();
  const doc = new Y.Doc();
  Y.transact(
    doc,
    () => {
      if (stored.state) Y.applyUpdate(doc, stored.state);
      for (const u of stored.updates) Y.applyUpdate(doc, u);
    },
    LOAD_ORIGIN,
  );
  const t3 = performance.now();
  await store.close();
  doc.getText(textName);
  let bytes = stored.state?.byteLength ?? 0;
  for (const u of stored.updates) bytes += u.byteLength;
  return {
    timing: { openMs: t1 - t0, readMs: t2 - t1, applyMs: t3 - t2, totalMs: t3 - t0, bytes, rows: (stored.state ? 1 : 0) + stored.updates.length },
    doc,
  };
}

process.once('message', (msg: { dir: string; docId: string; textName: string; warmRepeats: number }) => {
  void (async () => {
    const first = await loadOnce(msg.dir, msg.docId, msg.textName);
    const textSha1 = crypto.createHash('sha1').update(first.doc.getText(msg.textName).toString()).digest('hex');
    first.doc.destroy();
    const warm: LoadTiming[] = [];
    for (let i = 0; i < msg.warmRepeats; i++) {
      const again = await loadOnce(msg.dir, msg.docId, msg.textName);
      warm.push(again.timing);
      again.doc.destroy();
    }
    const cpu = process.cpuUsage();
    const reply: ColdLoadReply = { cold: first.timing, warm, textSha1, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
    process.send?.(reply, () => process.disconnect());
  })().catch((err: unknown) => {
    process.stderr.write(`coldload worker: ${String(err)}\n`);
    process.exit(1);
  });
});
