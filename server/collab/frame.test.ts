import type { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { binaryFrame } from './frame.ts';

// ws's own frame parser; exported by ws but absent from its type definitions.
const { Receiver } = createRequire(import.meta.url)('ws') as {
  Receiver: new (options: { isServer: boolean; maxPayload: number }) => EventEmitter & { write(chunk: Buffer): void };
};

/** Parses frames with ws's own receiver, as a client would. */
function parse(frame: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const receiver = new Receiver({ isServer: false, maxPayload: 0 });
    receiver.on('message', (data: Buffer, isBinary: boolean) => (isBinary ? resolve(data) : reject(new Error('text'))));
    receiver.on('error', reject);
    receiver.write(frame);
  });
}

describe('websocket framing', () => {
  it.each([0, 1, 125, 126, 65_535, 65_536, 300_000])('[R3] a %i-byte message is framed so a websocket client reads it back', async (n) => {
    const payload = new Uint8Array(n).map((_, i) => i % 251);
    expect(await parse(binaryFrame(payload))).toEqual(Buffer.from(payload));
  });

  it('[R3] a message is framed once however many peers it goes to', () => {
    const payload = new Uint8Array([1, 2, 3]);
    expect(binaryFrame(payload)).toBe(binaryFrame(payload));
  });
});
