import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { startServer, type RunningServer } from '../../server/app.ts';
import { testConfig } from '../../server/config.ts';
import { CloseCode } from '../../shared/protocol.ts';
import { databaseFor } from '../helpers/database.ts';
import { seedWriter } from '../helpers/access.ts';
import { stockClientsForEachTest, whenSynced } from '../helpers/clients.ts';
import { until } from '../helpers/wait.ts';

let dirs: string[] = [];
let servers: RunningServer[] = [];
/** The documents these tests use, and a token that may write them (seeded into each data directory). */
const DOCS = ['nghi-quyet', 'bien-ban', 'ke-hoach', 'bao-cao', 'x'];
let token = '';
const dataDir = async () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-int-'));
  dirs.push(d);
  token = await seedWriter(d, DOCS);
  return d;
};
const start = async (dir: string, port = 0) => {
  const s = await startServer(testConfig({ ...(await databaseFor(dir)), PORT: port }));
  servers.push(s);
  return s;
};
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
  [dirs, servers] = [[], []];
});
const tracked = stockClientsForEachTest();
const client = (url: string, docId: string) => tracked(url, docId, { token });

describe('sync over a real server with stock y-websocket clients', () => {
  it('[I1] four clients editing at once converge to the same text', async () => {
    const server = await start(await dataDir());
    const cs = [0, 1, 2, 3].map(() => client(server.url, 'nghi-quyet'));
    await Promise.all(cs.map((c) => whenSynced(c)));
    const words = ['Căn cứ Luật Thực hiện dân chủ ở cơ sở; ', 'QUYẾT NGHỊ: ', 'Điều 1. Thông qua báo cáo; ', 'Điều 2. '];
    for (let round = 0; round < 25; round++) {
      cs.forEach((c, i) => {
        const t = c.doc.getText('t');
        t.insert(Math.floor(t.length / 2), words[i]!.slice(round % 4, (round % 4) + 3));
      });
    }
    await until(() => new Set(cs.map((c) => c.text())).size === 1, 5000, 'convergence');
    expect([...cs[0]!.text()]).toHaveLength(4 * 25 * 3);
  });

  it('[I2] after a server restart mid-session, clients reconnect and converge with nothing lost', async () => {
    const dir = await dataDir();
    const first = await start(dir);
    const port = first.port;
    const cs = [0, 1, 2].map(() => client(first.url, 'bien-ban'));
    await Promise.all(cs.map((c) => whenSynced(c)));
    cs.forEach((c, i) => c.doc.getText('t').insert(0, `trước-${i} `));
    await until(() => cs.every((c) => c.text().length === 'trước-0 '.length * 3));

    await first.close();
    await until(() => cs.every((c) => c.closeCodes.includes(CloseCode.ServerRestarting)), 5000, 'restart close code');
    // Edits made while the server is down stay on the clients…
    cs.forEach((c, i) => c.doc.getText('t').insert(0, `trong-lúc-tắt-${i} `));

    const second = await start(dir, port);
    // …and everything converges once they reconnect by themselves.
    await until(() => new Set(cs.map((c) => c.text())).size === 1 && cs[0]!.text().split(' ').length === 7, 10_000, 'convergence');
    for (let i = 0; i < 3; i++) {
      expect(cs[0]!.text()).toContain(`trước-${i} `);
      expect(cs[0]!.text()).toContain(`trong-lúc-tắt-${i} `);
    }
    // The server has it all too: a newcomer sees the same text.
    const fresh = client(second.url, 'bien-ban');
    await whenSynced(fresh);
    expect(fresh.text()).toBe(cs[0]!.text());
  });

  it('[I6] a stored document is never answered with an empty first sync', async () => {
    const dir = await dataDir();
    const first = await start(dir);
    const writer = client(first.url, 'ke-hoach');
    await whenSynced(writer);
    writer.doc.getText('t').insert(0, 'Kế hoạch năm 2024');
    await until(() => first.rooms.loadedRoom('ke-hoach')?.doc.getText('t').length === 17);
    await first.close();
    writer.destroy();

    const second = await start(dir);
    // Several clients race the load; each one's first synced state already holds the text.
    const racers = [0, 1, 2, 3, 4].map(() => client(second.url, 'ke-hoach'));
    const seen = await Promise.all(
      racers.map(
        (c) =>
          new Promise<string>((resolve) =>
            c.provider.on('sync', (synced: boolean) => synced && resolve(c.text())),
          ),
      ),
    );
    expect(seen).toEqual(Array(5).fill('Kế hoạch năm 2024'));
  });

  it('[I7] an invalid document id is refused with its close code', async () => {
    const server = await start(await dataDir());
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/collab/${encodeURIComponent('bad id/../x')}`);
    const code = await new Promise<number>((resolve) => ws.on('close', (c) => resolve(c)));
    expect(code).toBe(CloseCode.NotFound);
  });

  it('[I8] GET /healthz reports the server up, its database answering, with its rooms and connections', async () => {
    const server = await start(await dataDir());
    const c = client(server.url, 'x');
    await whenSynced(c);
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    // One process alone: no Redis to report.
    expect(await res.json()).toEqual({ status: 'ok', database: 'ok', redis: 'none', rooms: 1, connections: 1, savingPaused: 0, heldBytes: 0 });
  });

  it('[I2] updates from a stock client are stored and survive an in-process restart', async () => {
    const dir = await dataDir();
    const first = await start(dir);
    const c = client(first.url, 'bao-cao');
    await whenSynced(c);
    c.doc.getText('t').insert(0, 'Báo cáo tổng kết');
    await until(() => first.rooms.loadedRoom('bao-cao')?.doc.getText('t').length === 16);
    await first.close();
    const second = await start(dir);
    const again = client(second.url, 'bao-cao');
    await whenSynced(again);
    expect(again.text()).toBe('Báo cáo tổng kết');
    expect(Y.encodeStateVector(again.doc)).toEqual(Y.encodeStateVector(c.doc));
  });
});
