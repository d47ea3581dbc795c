import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { hasPending, integratesCompletely } from './dependencies.ts';

/** A small seeded generator (mulberry32), so a failing history can be replayed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What Yjs itself does with the update: applied to a copy, is anything left pending? */
function yjsLeavesNothingPending(doc: Y.Doc, update: Uint8Array): boolean {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  Y.applyUpdate(copy, update);
  const complete = !hasPending(copy);
  copy.destroy();
  return complete;
}

/** Three writers editing text, a map and an XML tree, syncing now and then; every update each one emits. */
function history(seed: number, steps: number): Uint8Array[] {
  const random = rng(seed);
  const docs = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
  const updates: Uint8Array[] = [];
  for (const d of docs) d.on('update', (u: Uint8Array, origin: unknown) => origin !== 'sync' && updates.push(u));
  for (let step = 0; step < steps; step++) {
    const d = docs[Math.floor(random() * docs.length)]!;
    const text = d.getText('t');
    const roll = random();
    if (roll < 0.45) {
      text.insert(Math.floor(random() * (text.length + 1)), 'chữ'.slice(0, 1 + Math.floor(random() * 3)));
    } else if (roll < 0.65 && text.length > 0) {
      const at = Math.floor(random() * text.length);
      text.delete(at, Math.min(text.length - at, 1 + Math.floor(random() * 4)));
    } else if (roll < 0.75) {
      d.getMap('m').set(`k${Math.floor(random() * 3)}`, step);
    } else if (roll < 0.85) {
      const frag = d.getXmlFragment('x');
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText(`đoạn ${step}`)]);
      frag.insert(Math.floor(random() * (frag.length + 1)), [p]);
    } else {
      const a = docs[Math.floor(random() * docs.length)]!;
      const b = docs[Math.floor(random() * docs.length)]!;
      Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)), 'sync');
    }
  }
  return updates;
}

describe('whether an update integrates completely', () => {
  it('[R14] agrees with Yjs on every update of random histories delivered in random order', () => {
    let refused = 0;
    let applied = 0;
    for (let seed = 1; seed <= 25; seed++) {
      const updates = history(seed, 120);
      const random = rng(seed * 7919);
      const server = new Y.Doc();
      for (let i = 0; i < updates.length * 2; i++) {
        // Mostly in order (as a socket delivers), sometimes one from further ahead, sometimes merged ones.
        const pick = random() < 0.7 ? i % updates.length : Math.floor(random() * updates.length);
        const update = random() < 0.15 ? Y.mergeUpdates(updates.slice(pick, pick + 3)) : updates[pick]!;
        const expected = yjsLeavesNothingPending(server, update);
        expect(integratesCompletely(server, update), `seed ${seed}, step ${i}`).toBe(expected);
        if (expected) {
          Y.applyUpdate(server, update);
          applied++;
        } else refused++;
      }
      expect(hasPending(server)).toBe(false);
    }
    // The property was exercised both ways.
    expect(refused).toBeGreaterThan(100);
    expect(applied).toBeGreaterThan(100);
  });

  it('[R14] a writer that skips its own first update, a missing neighbour and a deletion of unknown text are incomplete', () => {
    const server = new Y.Doc();
    const writer = new Y.Doc();
    const sent: Uint8Array[] = [];
    writer.on('update', (u: Uint8Array) => sent.push(u));
    writer.getText('t').insert(0, 'Điều 1.');
    writer.getText('t').insert(7, ' Thông qua');
    expect(integratesCompletely(server, sent[1]!)).toBe(false);
    expect(integratesCompletely(server, sent[0]!)).toBe(true);

    // Another writer's text typed after the first writer's, which the server has not seen.
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(writer));
    const before = Y.encodeStateVector(other);
    other.getText('t').insert(3, 'X');
    const insertAfterUnknown = Y.encodeStateAsUpdate(other, before);
    expect(integratesCompletely(server, insertAfterUnknown)).toBe(false);
    Y.applyUpdate(server, Y.mergeUpdates(sent));
    expect(integratesCompletely(server, insertAfterUnknown)).toBe(true);

    // A deletion-only update naming characters the server does not have.
    const stranger = new Y.Doc();
    stranger.getText('t').insert(0, 'abc');
    const strangerState = Y.encodeStateAsUpdate(stranger);
    const beforeDelete = Y.encodeStateVector(stranger);
    stranger.getText('t').delete(0, 2);
    const deletion = Y.encodeStateAsUpdate(stranger, beforeDelete);
    expect(integratesCompletely(server, deletion)).toBe(false);
    Y.applyUpdate(server, strangerState);
    expect(integratesCompletely(server, deletion)).toBe(true);
  });

  it('[R14] a malformed update throws, as Y.applyUpdate does, before anything is applied', () => {
    const server = new Y.Doc();
    expect(() => integratesCompletely(server, new Uint8Array([1, 200, 1, 7]))).toThrow();
  });
});
