/**
 * The partial freeze of an amendment vote (`server/motions/amendments.ts`): while the room has frozen suggestion ids,
 * an update is admitted only if its *effect* leaves every run of text carrying one of them as it was. As the suggest
 * gate does (`suggest-gate.ts`), the update is applied to a probe copy of the room's document and the transaction is
 * inspected there, never what the client says it did. An update touches frozen text when it
 *
 * - deletes a character carrying a frozen suggestion mark (`suggestionInsert` or `suggestionDelete` with a frozen id),
 *   also by deleting a paragraph or any node holding one;
 * - changes the formatting of such a character (the suggestion mark itself, or bold, or anything else);
 * - inserts text carrying a frozen id, or between two characters of one frozen suggestion (inside it);
 * - changes a paragraph suggested as a whole under a frozen id (SG10) in any way: text typed, deleted or formatted in
 *   it, its attributes, its removal; or adds a paragraph carrying a frozen id.
 *
 * Typing next to a frozen suggestion, anywhere else in its paragraph, or anywhere else in the document is admitted.
 *
 * Cost: the probe exists only while frozen ids exist (one more copy of the document), follows the room's document
 * update by update, and is rebuilt after an update it held back (whose connection's later updates are then dropped
 * unread until the freeze lifts). The check walks the texts the update changed and the nodes it deleted, so an update
 * costs about what applying it costs.
 */
import { equalityDeep } from 'lib0/function';
import * as Y from 'yjs';
import { SUGGEST_DELETE, SUGGEST_INSERT, SUGGESTABLE_NODE, SUGGESTED_PARAGRAPH, suggestionAttrsOf } from '../../shared/editor/suggestion-attrs.ts';
import { SUGGESTIONS_FIELD } from '../../shared/suggestions.ts';
import { ProbeCopy } from './probe-copy.ts';
import { addedIn, attributeAfter, attributeBefore, deletedIn } from './transaction-state.ts';

export class FreezeGate {
  private readonly probe: ProbeCopy;

  constructor(doc: Y.Doc) {
    this.probe = new ProbeCopy(doc);
  }

  /**
   * Whether `update` (which integrates completely: the room checked) touches text carrying one of `frozen`. A touching
   * update has changed the probe, which is dropped and rebuilt on next use.
   */
  touches(frozen: ReadonlySet<string>, update: Uint8Array): boolean {
    const touched = this.probe.try(update, (tr) => (touchesFrozen(tr, frozen) ? true : null)) ?? false;
    if (touched) this.release();
    return touched;
  }

  /** Drops the probe (nothing is frozen any more, or it holds an update that was held back). */
  release(): void {
    this.probe.release();
  }
}

type Attributes = Map<string, unknown>;
/** Any shared type, as far as walking its items goes. */
type SharedNode = { _start: Y.Item | null };

function setAttribute(attrs: Attributes, key: string, value: unknown): void {
  if (value === null) attrs.delete(key);
  else attrs.set(key, value);
}

/** The frozen suggestion id a run's attributes carry, if any. */
function frozenIn(attrs: Attributes, frozen: ReadonlySet<string>): string | null {
  for (const key of [SUGGEST_INSERT, SUGGEST_DELETE]) {
    const id = suggestionAttrsOf(attrs.get(key))?.id;
    if (id !== undefined && frozen.has(id)) return id;
  }
  return null;
}

function sameAttributes(a: Attributes, b: Attributes): boolean {
  if (a.size !== b.size) return false;
  for (const [key, value] of a) if (!equalityDeep(value, b.get(key))) return false;
  return true;
}

/** Whether the transaction changed, removed or cut into text carrying a frozen suggestion id. */
export function touchesFrozen(tr: Y.Transaction, frozen: ReadonlySet<string>): boolean {
  const added = (item: Y.Item) => addedIn(tr, item);
  const deletedNow = (item: Y.Item) => deletedIn(tr, item);
  const body = tr.doc.getXmlFragment(SUGGESTIONS_FIELD);
  const frozenId = (value: unknown) => {
    const id = suggestionAttrsOf(value)?.id;
    return id !== undefined && frozen.has(id);
  };
  /** A paragraph of the body suggested whole under a frozen id, before or after the transaction. */
  const frozenParagraph = (type: unknown): boolean =>
    type instanceof Y.XmlElement &&
    type.parent === body &&
    type.nodeName === SUGGESTABLE_NODE &&
    (frozenId(attributeBefore(tr, type, SUGGESTED_PARAGRAPH)) || frozenId(attributeAfter(type, SUGGESTED_PARAGRAPH)));

  const checkText = (text: Y.XmlText): boolean => {
    const before: Attributes = new Map();
    const after: Attributes = new Map();
    /** The frozen id of the last character present before the transaction, and whether text was inserted after it. */
    let lastFrozen: string | null = null;
    let insertedSince = false;
    for (let item = text._start; item !== null; item = item.right) {
      const isNew = added(item);
      const presentBefore = !isNew && (!item.deleted || deletedNow(item));
      const presentAfter = !item.deleted;
      const content = item.content;
      if (content instanceof Y.ContentFormat) {
        if (presentBefore) setAttribute(before, content.key, content.value);
        if (presentAfter) setAttribute(after, content.key, content.value);
        continue;
      }
      if (!presentBefore && !presentAfter) continue;
      if (presentBefore) {
        const id = frozenIn(before, frozen);
        if (id !== null) {
          if (!presentAfter || !sameAttributes(before, after)) return true;
          // Text inserted between two characters of one frozen suggestion.
          if (insertedSince && lastFrozen === id) return true;
        }
        lastFrozen = id;
        insertedSince = false;
      } else {
        if (frozenIn(after, frozen) !== null) return true;
        insertedSince = true;
      }
    }
    return false;
  };

  /** Whether a removed node held frozen text (every character in it that was there is removed with it). */
  const holdsFrozen = (type: SharedNode): boolean => {
    if (frozenParagraph(type)) return true;
    if (type instanceof Y.XmlText) {
      const attrs: Attributes = new Map();
      for (let item = type._start; item !== null; item = item.right) {
        const wasThere = !added(item) && (!item.deleted || deletedNow(item));
        if (!wasThere) continue;
        if (item.content instanceof Y.ContentFormat) setAttribute(attrs, item.content.key, item.content.value);
        else if (frozenIn(attrs, frozen) !== null) return true;
      }
      return false;
    }
    for (let item = type._start; item !== null; item = item.right) {
      if (item.content instanceof Y.ContentType && holdsFrozen(item.content.type)) return true;
    }
    return false;
  };

  const checkChildren = (parent: SharedNode): boolean => {
    for (let item = parent._start; item !== null; item = item.right) {
      const content = item.content;
      // A paragraph added with a frozen id would join the suggestion being voted on.
      if (added(item) && !item.deleted && content instanceof Y.ContentType && frozenParagraph(content.type)) return true;
      if (!deletedNow(item) || added(item)) continue;
      if (content instanceof Y.ContentType && holdsFrozen(content.type)) return true;
    }
    return false;
  };

  for (const [type, keys] of tr.changed) {
    // Inside a frozen suggested paragraph nothing changes: not its text, its runs or its attributes.
    if (frozenParagraph(type) || (type instanceof Y.XmlText && frozenParagraph(type.parent))) return true;
    if (type instanceof Y.XmlText) {
      if (checkText(type)) return true;
    } else if (keys.has(null) && checkChildren(type)) {
      return true;
    }
  }
  return false;
}
