import * as decoding from 'lib0/decoding';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { saveStateOf } from '../../client/live/saveState.ts';
import { SaveTracker } from '../../client/live/saveTracker.ts';
import { AuthKind, CloseCode, MessageType } from '../../shared/protocol.ts';
import { tokenFor } from '../helpers/api.ts';
import { stockClient, whenSynced, type StockClient } from '../helpers/clients.ts';
import { clustersForEachTest, stopProcess } from '../helpers/cluster.ts';
import { OwnPostgres } from '../helpers/own-postgres.ts';
import { until } from '../helpers/wait.ts';
import { motion, votingMeeting } from '../helpers/votes.ts';

// Registered first, so it runs last: the servers stop (and drop their database) while PostgreSQL still runs.
let postgres: OwnPostgres | null = null;
afterEach(async () => {
  await postgres?.destroy();
  postgres = null;
});
const installation = clustersForEachTest();
const clients: StockClient[] = [];
const apps: { provider: WebsocketProvider; tracker: SaveTracker }[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
  for (const { provider, tracker } of apps.splice(0)) {
    tracker.destroy();
    provider.destroy();
  }
});

/** The browser app's client in Node: the stock provider with the app's save tracker (`client/live/saveTracker.ts`). */
function appClient(baseUrl: string, docId: string, token: string) {
  const doc = new Y.Doc();
  const tracker = new SaveTracker(doc);
  const provider = new WebsocketProvider(`${baseUrl.replace(/^http/, 'ws')}/collab`, docId, doc, {
    WebSocketPolyfill: tracker.socketClass(WebSocket as unknown as typeof globalThis.WebSocket),
    maxBackoffTime: 300,
    disableBc: true,
    params: { token },
  });
  tracker.attach(provider);
  apps.push({ provider, tracker });
  const save = () => saveStateOf({ connection: provider.wsconnected && provider.synced ? 'connected' : 'connecting', ...tracker.current, savedLocally: false });
  return { doc, provider, tracker, save };
}

/**
 * What the server told a stock client on the acknowledgement channel ("stored n", "paused", "resumed"), recorded on
 * the way to the stock handler, which still gets every message (and must ignore the kinds it does not know).
 */
function authLog(client: StockClient): string[] {
  const log: string[] = [];
  const stock = client.provider.messageHandlers[MessageType.Auth]!;
  client.provider.messageHandlers[MessageType.Auth] = (encoder, decoder, provider, emitSynced, type) => {
    const peek = decoding.clone(decoder);
    const kind = decoding.readVarUint(peek);
    if (kind === AuthKind.Stored) log.push(`stored ${decoding.readVarUint(peek)}`);
    else log.push(kind === AuthKind.SavingPaused ? 'paused' : kind === AuthKind.SavingResumed ? 'resumed' : `auth ${kind}`);
    stock(encoder, decoder, provider, emitSynced, type);
  };
  return log;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function health(url: string): Promise<{ http: number; code?: string; database?: string; savingPaused?: number; heldBytes?: number }> {
  const res = await fetch(`${url}/healthz`);
  return { http: res.status, ...((await res.json()) as { code?: string; database?: string }) };
}

describe('PostgreSQL restarted under running servers', () => {
  it('[C24] writes pause and clients are told; nobody sees what is not stored; commands answer 503 database_unavailable; once it is back everything typed meanwhile is stored and reaches everyone', async () => {
    postgres = await OwnPostgres.start('the PostgreSQL restart test');
    if (!postgres) return;
    const cluster = await installation({ processes: 2, postgresUrl: postgres.adminUrl });
    const [a, b] = cluster.urls as [string, string];
    const m = await votingMeeting(a);
    const draft = await motion(m);
    const token = async (username: string) => tokenFor(m.admin, m.people[username]!.userId, username);
    const [dung, lan, minh, hoa, tuan, ha] = await Promise.all(['dung', 'lan', 'minh', 'hoa', 'tuan', 'ha'].map(token));
    const writer = stockClient(a, m.documentId, { token: dung });
    const witnessA = stockClient(a, m.documentId, { token: lan });
    const typistB = stockClient(b, m.documentId, { token: minh });
    const witnessB = stockClient(b, m.documentId, { token: hoa });
    clients.push(writer, witnessA, typistB, witnessB);
    const writerLog = authLog(writer);
    const typistLog = authLog(typistB);
    const witnessLog = authLog(witnessA);
    const secretary = appClient(a, m.documentId, ha!);
    await Promise.all([writer, witnessA, typistB, witnessB].map((c) => whenSynced(c, 10_000)));
    await until(() => secretary.save().kind === 'server', 10_000, 'the app client synced and acknowledged');
    writer.doc.getText('t').insert(0, 'Điều 1. ');
    await until(() => [witnessA, typistB, witnessB].every((c) => c.text() === 'Điều 1. '), 5000, 'the first edit everywhere');
    await until(() => writerLog.some((l) => l.startsWith('stored')), 5000, 'the first acknowledgement');

    await postgres.stop();
    writer.doc.getText('t').insert(8, 'Thông qua báo cáo. ');
    typistB.doc.getText('t').insert(0, '» ');
    secretary.doc.getText('u').insert(0, 'Thư ký: Trần Thu Hà');
    await until(() => writerLog.at(-1) === 'paused' && typistLog.at(-1) === 'paused' && witnessLog.includes('paused'), 10_000, 'saving paused on both processes');
    await sleep(1500);
    // The sockets stay open; nothing unstored is acknowledged or shown to anyone, on either process.
    expect(writerLog.at(-1)).toBe('paused');
    expect(typistLog.at(-1)).toBe('paused');
    for (const c of [writer, witnessA, typistB, witnessB]) expect(c.closeCodes).toEqual([]);
    expect(witnessA.text()).toBe('Điều 1. ');
    expect(witnessB.text()).toBe('Điều 1. ');
    expect(writer.text()).not.toContain('» ');
    expect(typistB.text()).not.toContain('Thông qua');
    // The app shows saving paused, with the change it holds, and not "saved on the server".
    expect(secretary.tracker.current).toEqual({ unsent: 1, serverHasAll: false, savingPaused: true });
    expect(secretary.save()).toEqual({ kind: 'paused', unsent: 1 });
    expect(witnessA.doc.getText('u').toString()).toBe('');
    // A pause is one socket's news: the app's socket closing ends it (the change is then "unsent"); reconnecting while
    // the database is away meets 4500 and the app keeps trying.
    secretary.provider.disconnect();
    await until(() => !secretary.tracker.current.savingPaused, 5000, 'the pause forgotten with its socket');
    expect(secretary.save()).toEqual({ kind: 'unsent', unsent: 1 });
    secretary.provider.connect();

    // Commands answer 503 with the stable code; /healthz says the database is down.
    const opening = await m.as.kien!.post(`/api/motions/${draft.id}/open`);
    expect(opening.status).toBe(503);
    expect(opening.body).toMatchObject({ code: 'database_unavailable' });
    for (const url of [a, b]) expect(await health(url)).toMatchObject({ http: 503, code: 'database_unavailable', database: 'unavailable' });
    // Each process counts the document whose saving is paused, with the edits it holds.
    for (const url of [a, b]) {
      const state = await health(url);
      expect(state.savingPaused).toBe(1);
      expect(state.heldBytes).toBeGreaterThan(0);
    }
    // A client arriving now is closed with a code the stock client retries (4500), not left hanging.
    const newcomer = stockClient(b, m.documentId, { token: tuan });
    clients.push(newcomer);
    await until(() => newcomer.closeCodes.includes(CloseCode.StorageError), 10_000, 'the newcomer closed with 4500');
    expect(newcomer.provider.synced).toBe(false);

    await postgres.restart();
    const expected = '» Điều 1. Thông qua báo cáo. ';
    await until(
      () => [writer, witnessA, typistB, witnessB, newcomer].every((c) => c.text() === expected),
      20_000,
      'every edit of the outage everywhere once PostgreSQL is back',
    );
    await until(() => writerLog.includes('resumed') && writerLog.at(-1)!.startsWith('stored'), 10_000, 'the writer acknowledged');
    await until(() => typistLog.includes('resumed') && typistLog.at(-1)!.startsWith('stored'), 10_000, 'the typist acknowledged');
    expect(writerLog.slice(writerLog.indexOf('paused'))).toEqual(['paused', 'resumed', writerLog.at(-1)]);
    await until(() => secretary.save().kind === 'server', 10_000, 'the app back to "saved on the server"');
    await until(() => witnessB.doc.getText('u').toString() === 'Thư ký: Trần Thu Hà', 5000, "the app client's edit on B");
    for (const url of [a, b]) await expect.poll(() => health(url), { timeout: 10_000 }).toMatchObject({ http: 200, database: 'ok', savingPaused: 0, heldBytes: 0 });

    // From the database alone: the clients gone, the servers restarted, a new one reads the text.
    for (const c of clients.splice(0)) c.destroy();
    for (const { provider, tracker } of apps.splice(0)) {
      tracker.destroy();
      provider.destroy();
    }
    await Promise.all(cluster.processes.map((p) => stopProcess(p)));
    const again = await cluster.spawn();
    const reader = stockClient(again.url, m.documentId, { token: lan });
    clients.push(reader);
    await whenSynced(reader, 10_000);
    expect(reader.text()).toBe(expected);
    expect(reader.doc.getText('u').toString()).toBe('Thư ký: Trần Thu Hà');
  });
});
