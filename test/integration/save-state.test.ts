import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { SaveTracker } from '../../client/live/saveTracker.ts';
import { startServer, type RunningServer } from '../../server/app.ts';
import { testConfig } from '../../server/config.ts';
import { databaseFor } from '../helpers/database.ts';
import { seedWriter } from '../helpers/access.ts';
import { stockClientsForEachTest, whenSynced } from '../helpers/clients.ts';
import { until } from '../helpers/wait.ts';

let dirs: string[] = [];
let servers: RunningServer[] = [];
let token = '';
const start = async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-save-'));
  dirs.push(dir);
  token = await seedWriter(dir, ['nghi-quyet']);
  const server = await startServer(testConfig({ ...(await databaseFor(dir)), PORT: 0 }));
  servers.push(server);
  return server;
};
const made: { provider: WebsocketProvider; tracker: SaveTracker }[] = [];
afterEach(async () => {
  for (const { provider, tracker } of made.splice(0)) {
    tracker.destroy();
    provider.destroy();
  }
  await Promise.all(servers.map((s) => s.close()));
  dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
  [dirs, servers] = [[], []];
});
const stock = stockClientsForEachTest();

/** The browser app's client in Node: the stock provider, with the save tracker's counting socket. */
function trackedClient(baseUrl: string) {
  const doc = new Y.Doc();
  const tracker = new SaveTracker(doc);
  const provider = new WebsocketProvider(`${baseUrl.replace(/^http/, 'ws')}/collab`, 'nghi-quyet', doc, {
    WebSocketPolyfill: tracker.socketClass(WebSocket as unknown as typeof globalThis.WebSocket),
    maxBackoffTime: 300,
    disableBc: true,
    params: { token },
  });
  tracker.attach(provider);
  made.push({ provider, tracker });
  return { doc, provider, tracker, text: () => doc.getText('t').toString() };
}

describe('the save state rests on what the server acknowledged', () => {
  it('[SV1] changes made while disconnected are counted unsent, and are "on the server" once it has stored them all', async () => {
    const server = await start();
    const c = trackedClient(server.url);
    await until(() => c.tracker.current.serverHasAll, 5000, 'the first sync acknowledged');

    c.provider.disconnect();
    const t = c.doc.getText('t');
    t.insert(0, 'Điều 1.');
    t.insert(7, ' Thông qua');
    t.insert(17, ' báo cáo.');
    expect(c.tracker.current).toEqual({ unsent: 3, serverHasAll: false, savingPaused: false });

    c.provider.connect();
    await until(() => c.tracker.current.serverHasAll, 5000, 'acknowledged after reconnecting');
    expect(c.tracker.current.unsent).toBe(0);
    // "On the server" is true: a newcomer gets the text from it.
    const fresh = stock(server.url, 'nghi-quyet', { token });
    await whenSynced(fresh);
    expect(fresh.text()).toBe('Điều 1. Thông qua báo cáo.');

    // Connected, a change is unsent until its acknowledgement arrives, then on the server again.
    t.insert(0, 'A');
    expect(c.tracker.current).toEqual({ unsent: 1, serverHasAll: false, savingPaused: false });
    await until(() => c.tracker.current.serverHasAll, 5000, 'acknowledged while connected');
    // Changes that came from the server are not this device's to save.
    fresh.doc.getText('t').insert(0, 'B');
    await until(() => c.text().startsWith('B'), 5000, 'the other change arrives');
    expect(c.tracker.current).toEqual({ unsent: 0, serverHasAll: true, savingPaused: false });
  });

  it('[SV1] the stock client ignores the acknowledgement: it syncs and edits with no error', async () => {
    const server = await start();
    const errors = vi.spyOn(console, 'error');
    const warnings = vi.spyOn(console, 'warn');
    try {
      const a = stock(server.url, 'nghi-quyet', { token });
      const b = stock(server.url, 'nghi-quyet', { token });
      await Promise.all([whenSynced(a), whenSynced(b)]);
      a.doc.getText('t').insert(0, 'Kế hoạch năm 2025');
      await until(() => b.text() === 'Kế hoạch năm 2025', 5000, 'b sees a’s text');
      expect(errors).not.toHaveBeenCalled();
      expect(warnings).not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
      warnings.mockRestore();
    }
  });
});
