import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startServer, type RunningServer } from '../../server/app.ts';
import { testConfig } from '../../server/config.ts';
import { CloseCode, MessageType, SyncStep } from '../../shared/protocol.ts';
import { databaseFor } from '../helpers/database.ts';
import { seedWriter } from '../helpers/access.ts';
import { stockClient, whenSynced, type StockClient } from '../helpers/clients.ts';
import { until } from '../helpers/wait.ts';

const MAX = 64 * 1024;

/** Every kind of bad input the sync socket must survive, with the close code it must answer. */
const kinds: { name: string; code: number; frame: () => Uint8Array | string }[] = [
  { name: 'bad varint', code: CloseCode.ProtocolError, frame: () => new Uint8Array(12).fill(0xff) },
  { name: 'empty frame', code: CloseCode.ProtocolError, frame: () => new Uint8Array(0) },
  { name: 'unknown message type', code: CloseCode.ProtocolError, frame: () => new Uint8Array([42, 0]) },
  { name: 'unknown sync step', code: CloseCode.ProtocolError, frame: () => new Uint8Array([MessageType.Sync, 9, 0]) },
  {
    name: 'undecodable update',
    code: CloseCode.ProtocolError,
    frame: () => {
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, MessageType.Sync);
      encoding.writeVarUint(e, SyncStep.Update);
      encoding.writeVarUint8Array(e, new Uint8Array([1, 1, 200, 1, 0, 7, 7, 7]));
      return encoding.toUint8Array(e);
    },
  },
  { name: 'length past the end', code: CloseCode.ProtocolError, frame: () => new Uint8Array([MessageType.Sync, SyncStep.Step2, 120, 1]) },
  {
    name: 'undecodable awareness',
    code: CloseCode.ProtocolError,
    frame: () => new Uint8Array([MessageType.Awareness, 4, 1, 5, 1, 9]),
  },
  { name: 'trailing bytes', code: CloseCode.ProtocolError, frame: () => new Uint8Array([MessageType.QueryAwareness, 0, 0]) },
  { name: 'text frame', code: CloseCode.ProtocolError, frame: () => 'hello' },
  { name: 'over the size limit', code: CloseCode.MessageTooLarge, frame: () => new Uint8Array(MAX + 1) },
];

let dir: string;
let server: RunningServer;
let token: string;
const clients: StockClient[] = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-bad-'));
  token = await seedWriter(dir, ['nghi-quyet', 'bien-ban', ...Array.from({ length: 25 }, (_, j) => `khac-${j}`)]);
  // One person sends every attack, 25 at a time: the cap on one person's sockets (W9) is not what this checks.
  server = await startServer(testConfig({ ...(await databaseFor(dir)), MAX_MESSAGE_BYTES: MAX, MAX_SOCKETS_PER_PERSON: 1000 }));
});
afterAll(async () => {
  clients.forEach((c) => c.destroy());
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function attack(docId: string, frame: Uint8Array | string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/collab/${docId}?token=${token}`);
    ws.on('open', () => ws.send(frame));
    ws.on('close', (code) => resolve(code));
    ws.on('error', () => {}); // the close code is what we check
    setTimeout(() => reject(new Error('no close')), 10_000).unref();
  });
}

describe('bad input on the sync socket', () => {
  it('[I4] 1,000 malformed frames of every kind close only their own connections; the server and every document carry on', async () => {
    const editors = ['nghi-quyet', 'nghi-quyet', 'bien-ban'].map((d) => stockClient(server.url, d, { token }));
    clients.push(...editors);
    await Promise.all(editors.map((c) => whenSynced(c)));
    editors[0]!.doc.getText('t').insert(0, 'Điều 1. ');
    editors[2]!.doc.getText('t').insert(0, 'Biên bản ');

    const codes = new Map<string, number[]>();
    const total = 1000;
    for (let i = 0; i < total; i += 25) {
      await Promise.all(
        Array.from({ length: 25 }, async (_, j) => {
          const kind = kinds[(i + j) % kinds.length]!;
          // Attacks land on the very documents being edited, and on others.
          const code = await attack((i + j) % 3 === 0 ? 'nghi-quyet' : `khac-${j}`, kind.frame());
          codes.set(kind.name, [...(codes.get(kind.name) ?? []), code]);
        }),
      );
      // The honest clients keep editing throughout.
      editors[1]!.doc.getText('t').insert(editors[1]!.doc.getText('t').length, '.');
    }

    expect([...codes.values()].flat()).toHaveLength(total);
    for (const kind of kinds) {
      expect(new Set(codes.get(kind.name)), kind.name).toEqual(new Set([kind.code]));
    }
    await until(() => editors[0]!.text() === editors[1]!.text() && editors[0]!.text().length === 'Điều 1. '.length + 40, 5000);
    expect(editors.every((c) => c.provider.wsconnected)).toBe(true);
    expect(editors[0]!.closeCodes).toEqual([]);
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    const fresh = stockClient(server.url, 'bien-ban', { token });
    clients.push(fresh);
    await whenSynced(fresh);
    expect(fresh.text()).toBe('Biên bản ');
  });
});
