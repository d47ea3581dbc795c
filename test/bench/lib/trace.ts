import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import * as Y from 'yjs';
import { ROOT } from '../../../server/build-client.ts';

/** The sequential editing-trace format of josephg/editing-traces (see ../shared/traces/README.md beside the checkout). */
export interface SequentialTrace {
  startContent: string;
  endContent: string;
  txns: { time?: string; patches: [position: number, deleted: number, inserted: string][] }[];
}

/** The project's shared folder sits beside the checkout; QUORUM_TRACE points elsewhere. */
export const DEFAULT_TRACE =
  process.env.QUORUM_TRACE ?? path.resolve(ROOT, '..', 'shared', 'traces', 'automerge-paper.json.gz');

export function readTrace(file: string): SequentialTrace {
  return JSON.parse(zlib.gunzipSync(fs.readFileSync(file)).toString('utf8')) as SequentialTrace;
}

export interface BuiltTrace {
  doc: Y.Doc;
  /** One update per transaction of the trace, as `doc.on('update')` emitted them. */
  updates: Uint8Array[];
  edits: number;
  ms: number;
}

/**
 * Replays the trace into `doc.getText(name)`, one Y transaction per trace transaction, and checks that the result
 * equals `endContent`. Trace positions count Unicode code points while Y.Text counts UTF-16 units; they are
 * converted when the text holds characters outside the BMP (automerge-paper has none, so this costs nothing there).
 */
export function buildFromTrace(trace: SequentialTrace, name = 'trace'): BuiltTrace {
  const started = performance.now();
  const doc = new Y.Doc();
  const text = doc.getText(name);
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  const astral = /[\uD800-\uDFFF]/;
  const needsMapping =
    astral.test(trace.startContent) || trace.txns.some((t) => t.patches.some((p) => astral.test(p[2])));
  // A mirror of the text as code points, kept only when positions need converting.
  const mirror = needsMapping ? Array.from(trace.startContent) : null;
  const toUnits = (cp: number, count: number): [number, number] => {
    if (!mirror) return [cp, count];
    const at = mirror.slice(0, cp).join('').length;
    return [at, mirror.slice(cp, cp + count).join('').length];
  };
  if (trace.startContent) doc.transact(() => text.insert(0, trace.startContent));
  let edits = 0;
  for (const txn of trace.txns) {
    doc.transact(() => {
      for (const [pos, del, ins] of txn.patches) {
        const [at, len] = toUnits(pos, del);
        if (del > 0) text.delete(at, len);
        if (ins) text.insert(at, ins);
        mirror?.splice(pos, del, ...Array.from(ins));
        edits++;
      }
    });
  }
  const result = text.toString();
  if (result !== trace.endContent) {
    throw new Error(`trace replay diverged: ${result.length} characters, expected ${trace.endContent.length}`);
  }
  return { doc, updates, edits, ms: performance.now() - started };
}
