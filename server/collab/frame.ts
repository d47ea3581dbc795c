/**
 * A server-to-client websocket frame (RFC 6455 §5.2): FIN, binary opcode, no mask, no extensions.
 *
 * A broadcast sends the same message to hundreds of peers; framing it once and writing one buffer per peer
 * avoids ws's per-send header, cork/uncork and callback. The framed bytes are cached per message object, so a
 * message encoded once by the room is framed once however many peers receive it.
 */
const cache = new WeakMap<Uint8Array, Buffer>();

export function binaryFrame(payload: Uint8Array): Buffer {
  const cached = cache.get(payload);
  if (cached) return cached;
  const n = payload.byteLength;
  const headerLength = n < 126 ? 2 : n < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerLength + n);
  frame[0] = 0x82;
  if (n < 126) {
    frame[1] = n;
  } else if (n < 65_536) {
    frame[1] = 126;
    frame.writeUInt16BE(n, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(n), 2);
  }
  frame.set(payload, headerLength);
  cache.set(payload, frame);
  return frame;
}
