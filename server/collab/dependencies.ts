import * as Y from 'yjs';

/**
 * Whether `update` integrates into `doc` completely, leaving nothing pending.
 *
 * Yjs keeps the parts of an update whose dependencies it has not seen (a struct whose own client's earlier
 * structs, or whose left, right or parent item, are missing; a deletion of items it does not have) as pending,
 * and retries all of them on every later update: a writer that skips one of its own updates and sends thousands
 * of small ones after it costs quadratic time on the main thread. Asking before applying keeps the document as it
 * was when the answer is no.
 *
 * This replays Yjs's own integration order (`integrateStructs` in yjs/src/utils/encoding.js) on clocks alone: the
 * same depth-first walk over each client's structs, a struct counted as integrated once its dependencies are, the
 * delete set checked against the clocks reached. It allocates the decoded structs and nothing of the document.
 * Throws, like `Y.applyUpdate`, on an update that does not decode.
 */
export function integratesCompletely(doc: Y.Doc, update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(update);
  const state = new Map<number, number>();
  const clockOf = (client: number): number => {
    let clock = state.get(client);
    if (clock === undefined) {
      clock = Y.getState(doc.store, client);
      state.set(client, clock);
    }
    return clock;
  };

  const refs = new Map<number, { list: Y.AbstractStruct[]; i: number }>();
  for (const struct of structs) {
    const client = struct.id.client;
    let entry = refs.get(client);
    if (!entry) refs.set(client, (entry = { list: [], i: 0 }));
    entry.list.push(struct);
  }
  // Yjs takes the highest client id first.
  const clients = [...refs.keys()].sort((a, b) => a - b);
  const nextTarget = (): { list: Y.AbstractStruct[]; i: number } | null => {
    while (clients.length > 0) {
      const target = refs.get(clients[clients.length - 1]!)!;
      if (target.i < target.list.length) return target;
      clients.pop();
    }
    return null;
  };

  /** The first client whose struct this one needs and that is not there yet; null when none is missing. */
  const missingFor = (struct: Y.AbstractStruct): number | null => {
    if (!(struct instanceof Y.Item)) return null;
    // Unlike Yjs, a reference to the struct's own client is checked too: an honest one always points backwards
    // (to what is integrated by then), and one pointing forwards would make Yjs throw half-way through.
    for (const ref of [struct.origin, struct.rightOrigin, struct.parent instanceof Y.ID ? struct.parent : null]) {
      if (ref && ref.clock >= clockOf(ref.client)) return ref.client;
    }
    return null;
  };

  const stack: Y.AbstractStruct[] = [];
  let target = nextTarget();
  let head: Y.AbstractStruct | undefined = target ? target.list[target.i++] : undefined;
  while (head) {
    if (!(head instanceof Y.Skip)) {
      const offset = clockOf(head.id.client) - head.id.clock;
      // A gap before this struct in its own client's history: Yjs would keep it (and what waits on it) pending.
      if (offset < 0) return false;
      const missing = missingFor(head);
      if (missing !== null) {
        const source = refs.get(missing);
        if (!source || source.i === source.list.length) return false;
        stack.push(head);
        head = source.list[source.i++]!;
        continue;
      }
      if (offset < head.length) state.set(head.id.client, head.id.clock + head.length);
    }
    if (stack.length > 0) head = stack.pop()!;
    else if (target && target.i < target.list.length) head = target.list[target.i++]!;
    else {
      target = nextTarget();
      head = target ? target.list[target.i++] : undefined;
    }
  }

  for (const [client, deletions] of ds.clients) {
    for (const d of deletions) {
      if (d.clock + d.len > clockOf(client)) return false;
    }
  }
  return true;
}

/** Whether Yjs holds anything pending in `doc`: updates or deletions it could not integrate. */
export function hasPending(doc: Y.Doc): boolean {
  return doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
}
