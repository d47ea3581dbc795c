/**
 * A copy of a room's document that follows it update by update, on which an update from a connection can be tried
 * before the room applies it: its transactions are inspected there, for what the update *does*, never for what the
 * client says it did (`suggest-gate.ts`, `freeze-gate.ts`). Made on first use; an update that was tried and not
 * admitted has changed the copy, which is then dropped (`release`) and made again on next use.
 */
import * as Y from 'yjs';
import { SUGGESTIONS_FIELD } from '../../shared/suggestions.ts';

const PROBE = Symbol('probe');

export class ProbeCopy {
  private probe: Y.Doc | null = null;

  constructor(private readonly doc: Y.Doc) {}

  private readonly follow = (update: Uint8Array, origin: unknown) => {
    if (origin !== PROBE && this.probe) Y.applyUpdate(this.probe, update, PROBE);
  };

  /**
   * Applies `update` to the copy and returns the first non-null verdict `inspect` gives on its transactions (Yjs may
   * follow an update with a transaction of its own, tidying formatting markers: each counts), or null.
   */
  try<T>(update: Uint8Array, inspect: (tr: Y.Transaction) => T | null): T | null {
    const probe = this.copy();
    let verdict: T | null = null;
    const each = (tr: Y.Transaction) => {
      verdict ??= inspect(tr);
    };
    probe.on('afterTransaction', each);
    try {
      Y.applyUpdate(probe, update, PROBE);
    } finally {
      probe.off('afterTransaction', each);
    }
    return verdict;
  }

  /** Drops the copy (no longer needed, or holding an update that was not admitted). */
  release(): void {
    if (!this.probe) return;
    this.doc.off('update', this.follow);
    this.probe.destroy();
    this.probe = null;
  }

  private copy(): Y.Doc {
    if (this.probe) return this.probe;
    const probe = new Y.Doc();
    // The root must exist with its type before an update names it, or Yjs makes it a plain AbstractType.
    probe.getXmlFragment(SUGGESTIONS_FIELD);
    Y.applyUpdate(probe, Y.encodeStateAsUpdate(this.doc), PROBE);
    this.doc.on('update', this.follow);
    this.probe = probe;
    return probe;
  }
}
