import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/protocol.ts';
import { seedWriter } from '../helpers/access.ts';
import { databaseFor, TEST_ENGINE } from '../helpers/database.ts';
import { stockClientsForEachTest, whenSynced } from '../helpers/clients.ts';
import { until } from '../helpers/wait.ts';
import { spawnServer, type ServerProcess } from '../helpers/server-process.ts';

let dir: string;
let procs: ServerProcess[] = [];
let token = '';

afterEach(async () => {
  for (const p of procs) {
    if (p.proc.exitCode === null && p.proc.signalCode === null) p.proc.kill('SIGKILL');
    await p.exited;
  }
  fs.rmSync(dir, { recursive: true, force: true });
  [procs, token] = [[], ''];
});
const tracked = stockClientsForEachTest();
const client = (url: string, docId: string) => tracked(url, docId, { token });

async function server(): Promise<ServerProcess> {
  token ||= await seedWriter(dir, ['burst', 'nghi-quyet', 'bien-ban']);
  const p = await spawnServer({ PORT: '0', DATABASE_URL: '', ...(await databaseFor(dir)) });
  procs.push(p);
  return p;
}

/** True when `doc` holds every change that `witness` holds. */
function contains(doc: Y.Doc, witness: Y.Doc): boolean {
  const have = Y.decodeStateVector(Y.encodeStateVector(doc));
  for (const [clientId, clock] of Y.decodeStateVector(Y.encodeStateVector(witness))) {
    if ((have.get(clientId) ?? 0) < clock) return false;
  }
  return true;
}

// Two server processes, a burst of edits and a restart each: budgets that hold with the browser suites beside them.
const PROCESS_TEST = { timeout: 90_000 };

describe('the server process', () => {
  it('[I3] after SIGKILL during a burst of edits, every update that had been broadcast is there after restart', PROCESS_TEST, async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-kill-'));
    const first = await server();
    const writers = [0, 1, 2].map(() => client(first.url, 'burst'));
    const watcher = client(first.url, 'burst');
    await Promise.all([...writers, watcher].map((c) => whenSynced(c)));

    // Writers type as fast as the event loop lets them; the watcher only ever learns what the server broadcast.
    let typing = true;
    const typed = writers.map(async (w, i) => {
      for (let n = 0; typing; n++) {
        w.doc.getText('t').insert(0, `${i}:${n} đã gõ; `);
        await new Promise((r) => setTimeout(r, n % 5 === 0 ? 1 : 0));
      }
    });
    await until(() => watcher.text().length > 3000, 20_000, 'the burst to be under way');
    first.proc.kill('SIGKILL');
    const killed = await first.exited;
    typing = false;
    await Promise.all(typed);
    expect(killed.signal).toBe('SIGKILL');
    // Freeze what the watcher had received, then take the writers away so they cannot re-send anything.
    const broadcast = new Y.Doc();
    Y.applyUpdate(broadcast, Y.encodeStateAsUpdate(watcher.doc));
    [...writers, watcher].forEach((c) => c.destroy());
    expect(broadcast.getText('t').length).toBeGreaterThan(3000);

    const second = await server();
    const fresh = client(second.url, 'burst');
    await whenSynced(fresh, 10_000);
    expect(contains(fresh.doc, broadcast)).toBe(true);
    expect(fresh.text()).toContain(broadcast.getText('t').toString().slice(-200));
  });

  it('[I5] on SIGTERM every document is persisted and every socket is closed with "server restarting"', PROCESS_TEST, async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-term-'));
    const first = await server();
    const a = client(first.url, 'nghi-quyet');
    const b = client(first.url, 'bien-ban');
    await Promise.all([whenSynced(a), whenSynced(b)]);
    a.doc.getText('t').insert(0, 'Nghị quyết Hội nghị CBVC năm 2024');
    b.doc.getText('t').insert(0, 'Hội nghị kết thúc vào 11 giờ 30');
    // Wait until each edit made the round trip through the server to a second client.
    const [echoA, echoB] = [client(first.url, 'nghi-quyet'), client(first.url, 'bien-ban')];
    await until(() => echoA.text().length > 0 && echoB.text().length > 0, 5000, 'the edits to reach the server');
    first.proc.kill('SIGTERM');
    const exit = await first.exited;
    expect(exit.code).toBe(0);
    await until(() => a.closeCodes.includes(CloseCode.ServerRestarting) && b.closeCodes.includes(CloseCode.ServerRestarting));
    a.provider.disconnect();
    b.provider.disconnect();

    const second = await server();
    const [ra, rb] = [client(second.url, 'nghi-quyet'), client(second.url, 'bien-ban')];
    await Promise.all([whenSynced(ra), whenSynced(rb)]);
    expect(ra.text()).toBe('Nghị quyết Hội nghị CBVC năm 2024');
    expect(rb.text()).toBe('Hội nghị kết thúc vào 11 giờ 30');
  });

  // On PostgreSQL several processes are what it is for (issue 15); the lock is SQLite's.
  it.skipIf(TEST_ENGINE === 'postgres')('[I9] a second server on the same DATA_DIR is refused at start, and the data directory is free again once the first is killed', PROCESS_TEST, async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-lock-'));
    const first = await server();
    const writer = client(first.url, 'nghi-quyet');
    await whenSynced(writer);
    writer.doc.getText('t').insert(0, 'Điều 1. Thông qua báo cáo');
    const echo = client(first.url, 'nghi-quyet');
    await until(() => echo.text().length > 0, 5000, 'the edit to reach the server');

    await expect(spawnServer({ PORT: '0', DATABASE_URL: '', DATA_DIR: dir })).rejects.toThrow(/already running on DATA_DIR=.*pid \d+/s);
    // The first one goes on as if nothing happened.
    writer.doc.getText('t').insert(0, '» ');
    await until(() => echo.text().startsWith('» Điều 1'), 5000, 'the first server to still relay edits');
    [writer, echo].forEach((c) => c.destroy());

    // The lock is the operating system's, held by the process: a killed server leaves nothing stale behind.
    first.proc.kill('SIGKILL');
    await first.exited;
    const second = await server();
    const reader = client(second.url, 'nghi-quyet');
    await whenSynced(reader, 10_000);
    expect(reader.text()).toBe('» Điều 1. Thông qua báo cáo');
  });
});
