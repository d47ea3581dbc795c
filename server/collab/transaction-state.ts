/**
 * Reading a Yjs transaction's effect, for the gates that judge an update by what it does on a probe copy
 * (`suggest-gate.ts`, `freeze-gate.ts`): which items it added, which it deleted, and what a node attribute held
 * before it. Read in `afterTransaction`, before Yjs collects the deleted content.
 */
import * as Y from 'yjs';

/** Whether the transaction made `item`. */
export const addedIn = (tr: Y.Transaction, item: Y.Item): boolean => item.id.clock >= (tr.beforeState.get(item.id.client) ?? 0);

/** Whether the transaction deleted `item` (which was there before it, or was made and deleted in it). */
export const deletedIn = (tr: Y.Transaction, item: Y.Item): boolean => item.deleted && Y.isDeleted(tr.deleteSet, item.id);

/**
 * The value the attribute `key` of `element` held before the transaction (undefined: none), also when the transaction
 * changed it or deleted the element. A Y.XmlElement's attributes are a map: each value set is an item whose `left` is
 * the value it replaced.
 */
export function attributeBefore(tr: Y.Transaction, element: Y.XmlElement, key: string): unknown {
  let item: Y.Item | null = element._map.get(key) ?? null;
  while (item !== null && addedIn(tr, item)) item = item.left instanceof Y.Item ? item.left : null;
  if (item === null || (item.deleted && !deletedIn(tr, item))) return undefined;
  return item.content.getContent().at(-1);
}

/** The value the attribute `key` of `element` holds after the transaction (undefined: none, or the element is gone). */
export function attributeAfter(element: Y.XmlElement, key: string): unknown {
  const item = element._map.get(key);
  return item === undefined || item.deleted ? undefined : item.content.getContent().at(-1);
}
