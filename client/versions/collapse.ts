/**
 * Long runs of unchanged blocks folded away in the compare view, as a reviewer wants: the changes, each with a
 * block of context either side, and a button for the rest. Pure, so the rule can be tested.
 */
import type { BlockChange } from './diff.ts';

export type DiffRow = { op: 'block'; change: BlockChange } | { op: 'gap'; hidden: BlockChange[] };

/**
 * Every change kept, with `context` unchanged blocks before and after it; a fold replaces a run of unchanged
 * blocks only when it would hide at least `minHidden` of them (folding one block saves nothing).
 */
export function collapseUnchanged(changes: readonly BlockChange[], context = 1, minHidden = 3): DiffRow[] {
  const rows: DiffRow[] = [];
  let run: BlockChange[] = [];
  const flushRun = (atStart: boolean, atEnd: boolean) => {
    const head = atStart ? 0 : context;
    const tail = atEnd ? 0 : context;
    if (run.length - head - tail >= minHidden) {
      for (const change of run.slice(0, head)) rows.push({ op: 'block', change });
      rows.push({ op: 'gap', hidden: run.slice(head, run.length - tail) });
      for (const change of run.slice(run.length - tail)) rows.push({ op: 'block', change });
    } else {
      for (const change of run) rows.push({ op: 'block', change });
    }
    run = [];
  };
  let seenChange = false;
  for (const change of changes) {
    if (change.op === 'same') {
      run.push(change);
      continue;
    }
    flushRun(!seenChange, false);
    seenChange = true;
    rows.push({ op: 'block', change });
  }
  // A document without any change is shown whole: folding all of it would show nothing.
  if (!seenChange) return run.map((change) => ({ op: 'block', change }));
  flushRun(false, true);
  return rows;
}
