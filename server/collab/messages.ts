import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { AuthKind, MessageType, SyncStep } from '../../shared/protocol.ts';

/** Encoders for the messages the server sends; each returns the bytes of one websocket frame. */

export function syncStep1(doc: Y.Doc): Uint8Array {
  return frame(MessageType.Sync, SyncStep.Step1, Y.encodeStateVector(doc));
}

export function syncStep2(doc: Y.Doc, remoteStateVector: Uint8Array): Uint8Array {
  return frame(MessageType.Sync, SyncStep.Step2, Y.encodeStateAsUpdate(doc, remoteStateVector));
}

export function updateMessage(update: Uint8Array): Uint8Array {
  return frame(MessageType.Sync, SyncStep.Update, update);
}

export function awarenessMessage(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.Awareness);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

/** The acknowledgement (`AuthKind.Stored`): this peer's sync writes through its `count`-th are stored. */
export function storedMessage(count: number): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.Auth);
  encoding.writeVarUint(e, AuthKind.Stored);
  encoding.writeVarUint(e, count);
  return encoding.toUint8Array(e);
}

/** Saving paused (`AuthKind.SavingPaused`) or resumed (`AuthKind.SavingResumed`): nothing follows the kind. */
export function savingMessage(paused: boolean): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.Auth);
  encoding.writeVarUint(e, paused ? AuthKind.SavingPaused : AuthKind.SavingResumed);
  return encoding.toUint8Array(e);
}

function frame(type: number, step: number, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, type);
  encoding.writeVarUint(e, step);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}
