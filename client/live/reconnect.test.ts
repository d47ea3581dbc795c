import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/protocol.ts';
import { reconnectPolicy, type ReconnectOptions } from './reconnect.ts';

/**
 * A socket server that closes each of the first connections with the given code, then keeps the next one open,
 * noting when each connection arrived.
 */
async function closingServer(codes: number[]): Promise<{ url: string; arrivals: number[]; close: () => Promise<void> }> {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  const arrivals: number[] = [];
  server.on('connection', (ws) => {
    const code = codes[arrivals.length];
    arrivals.push(Date.now());
    if (code === 1006) ws.terminate();
    else if (code !== undefined) ws.close(code, 'test');
  });
  return {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`,
    arrivals,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

/** The stock provider, as the app makes it, with the app's reconnect policy. */
async function provider(codes: number[], options: ReconnectOptions) {
  const server = await closingServer(codes);
  const policy = reconnectPolicy(options);
  const doc = new Y.Doc();
  const p = new WebsocketProvider(server.url, 'doc', doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    shouldReconnect: policy.shouldReconnect,
  });
  cleanup.push(server.close, () => doc.destroy(), () => p.destroy(), policy.cancel);
  return { server, policy, provider: p };
}

async function waitFor(predicate: () => boolean, timeoutMs: number): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('reconnecting after the server closed the socket', () => {
  it('[C19] after a process stops (1012) or is lost (1006), the client comes back after a delay of its own, within the spread', async () => {
    for (const code of [CloseCode.ServerRestarting, 1006]) {
      const waits: number[] = [];
      for (const random of [0, 0.5, 1]) {
        const { server } = await provider([code], { minDelayMs: 100, spreadMs: 800, random: () => random });
        await waitFor(() => server.arrivals.length === 2, 3000);
        waits.push(server.arrivals[1]! - server.arrivals[0]!);
      }
      // 100, 500 and 900 ms (plus what a busy machine adds): the stock client would have come back after 200 ms
      // each time.
      for (const [i, wanted] of [100, 500, 900].entries()) {
        expect(waits[i], `${code}: ${waits.join(', ')}`).toBeGreaterThanOrEqual(wanted - 5);
        expect(waits[i], `${code}: ${waits.join(', ')}`).toBeLessThan(wanted + 400);
      }
    }
  });

  it('[C19] after other closes it retries as the stock client does, and never after a close that says it is pointless', async () => {
    const retried = await provider([CloseCode.AccessChanged], { minDelayMs: 2000, spreadMs: 2000 });
    await waitFor(() => retried.server.arrivals.length === 2, 1500);

    const stopped = await provider([CloseCode.Unauthenticated], { minDelayMs: 0, spreadMs: 0 });
    await waitFor(() => stopped.server.arrivals.length === 1, 1500);
    await new Promise((r) => setTimeout(r, 600));
    expect(stopped.server.arrivals).toHaveLength(1);
  });

  it('[C19] a reconnect still waiting is dropped when the provider goes (cancel) or the device is offline', async () => {
    const cancelled = await provider([CloseCode.ServerRestarting], { minDelayMs: 200, spreadMs: 0 });
    await waitFor(() => cancelled.provider.wsconnected === false && cancelled.server.arrivals.length === 1, 1500);
    await new Promise((r) => setTimeout(r, 50));
    cancelled.policy.cancel();
    const offline = await provider([CloseCode.ServerRestarting], { minDelayMs: 200, spreadMs: 0, online: () => false });
    await new Promise((r) => setTimeout(r, 800));
    expect(cancelled.server.arrivals).toHaveLength(1);
    expect(offline.server.arrivals).toHaveLength(1);
  });
});
